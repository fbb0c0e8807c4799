/**
 * @module Runs every detector over every reading of one string value and keeps the strongest
 * finding. Decoding happens once per value here, so each detector sees the same readings.
 */
import type { Finding, ThreatType } from './types.js';
import { variants } from './decode.js';
import { detectSqli } from './sql-fingerprints.js';
import { detectXss } from './xss.js';
import { detectTraversal } from './traversal.js';
import { detectCommand } from './command.js';

/** The detectors by threat type, in the order they run. */
export const DETECTORS: ReadonlyArray<readonly [ThreatType, (value: string) => Finding | null]> = [
  ['xss', detectXss],
  ['sqli', detectSqli],
  ['path_traversal', detectTraversal],
  ['command_injection', detectCommand],
];

/** A finding this sure ends the search: a request needs one convincing verdict, not the strongest of several. */
export const DECISIVE = 0.8;

/**
 * Inspects one string as sent, percent-decoded and entity-decoded; returns the most confident
 * finding among the enabled types, or `null`.
 */
export function inspectString(value: string, types?: ReadonlySet<ThreatType>): Finding | null {
  let best: Finding | null = null;
  for (const reading of variants(value)) {
    for (const [type, detect] of DETECTORS) {
      if (types && !types.has(type)) continue;
      const found = detect(reading);
      if (found && (best === null || found.confidence > best.confidence)) {
        best = found;
        if (best.confidence >= DECISIVE) return best;
      }
    }
  }
  return best;
}
