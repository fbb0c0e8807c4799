/**
 * @module Runs every detector over every reading of one string value and keeps the strongest
 * finding. Decoding happens once per value here, so each detector sees the same readings.
 */
import type { Finding, ThreatType } from './types.js';
import { variants } from './decode.js';
import { AMP, charFlags, NUL, PERCENT } from './char-flags.js';
import { detectSqliFlagged } from './sql-fingerprints.js';
import { detectXssFlagged } from './xss.js';
import { detectTraversalFlagged } from './traversal.js';
import { detectCommandFlagged } from './command.js';

/** The detectors by threat type, in the order they run; each takes a reading and its {@link charFlags}. */
export const DETECTORS: ReadonlyArray<readonly [ThreatType, (value: string, flags: number) => Finding | null]> = [
  ['xss', detectXssFlagged],
  ['sqli', detectSqliFlagged],
  ['path_traversal', detectTraversalFlagged],
  ['command_injection', detectCommandFlagged],
];

/** A finding this sure ends the search: a request needs one convincing verdict, not the strongest of several. */
export const DECISIVE = 0.8;

/**
 * Inspects one string as sent, percent-decoded and entity-decoded; returns the most confident
 * finding among the enabled types, or `null`.
 */
export function inspectString(value: string, types?: ReadonlySet<ThreatType>): Finding | null {
  const flags = charFlags(value);
  // Without `%`, `&` or NUL the value is its only reading: no list of readings to build.
  if ((flags & (NUL | PERCENT | AMP)) === 0) return inspectReading(value, flags, types, null);
  let best: Finding | null = null;
  for (const reading of variants(value)) {
    best = inspectReading(reading, reading === value ? flags : charFlags(reading), types, best);
    if (best !== null && best.confidence >= DECISIVE) return best;
  }
  return best;
}

/** Runs the enabled detectors over one reading; returns `best` or a more confident finding. */
function inspectReading(reading: string, flags: number, types: ReadonlySet<ThreatType> | undefined, best: Finding | null): Finding | null {
  for (const [type, detect] of DETECTORS) {
    if (types && !types.has(type)) continue;
    const found = detect(reading, flags);
    if (found && (best === null || found.confidence > best.confidence)) {
      best = found;
      if (best.confidence >= DECISIVE) return best;
    }
  }
  return best;
}
