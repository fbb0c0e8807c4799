/**
 * @module The threat detector: `detectThreat(request)` looks in every string of a request for SQL
 * injection, cross-site scripting, path traversal and shell-command injection.
 *
 * SQL and XSS are found by tokenizing, in the manner of libinjection: a value is read as a
 * fragment of SQL (as-is and as if it closed a quote the application opened) and as HTML/script,
 * and the detector judges the structure of the tokens — a quote closed then a logic operator or
 * comment, a stacked statement, UNION SELECT, a tautology, an event-handler attribute, a
 * `javascript:` URL — not the presence of keywords or punctuation. Each value is inspected as sent,
 * percent-decoded (up to three rounds) and HTML-entity-decoded.
 *
 * Password fields: fields named `password`, `passwd`, `secret` (and any other) are screened for
 * injection structure only, by the same rules as every field. A strong random password is full of
 * quotes, semicolons and brackets, so punctuation alone never flags a value; the spec's example
 * `'; DROP TABLE users; --` is flagged because it closes a quote, ends the statement, starts a
 * real `DROP TABLE` and comments out the rest. Evidence is a fingerprint or a token of at most 64
 * characters, so a verdict never carries a password or the whole input.
 */
import type { Threat, ThreatType } from './types.js';
import { inspectString, DECISIVE } from './detect.js';
import { DEFAULT_LIMITS, walkStrings, type WalkLimits } from './walk.js';

export type { Finding, Threat, ThreatType } from './types.js';
export { MAX_EVIDENCE } from './types.js';
export { DEFAULT_LIMITS, type WalkLimits } from './walk.js';
export { inspectString } from './detect.js';
export { detectSqli } from './sql-fingerprints.js';
export { detectXss } from './xss.js';
export { detectTraversal } from './traversal.js';
export { detectCommand } from './command.js';
export { tokenizeSql, fingerprint } from './sql-tokenizer.js';
export { tokenizeHtml } from './html-tokenizer.js';

/** Options for {@link detectThreat}. */
export interface DetectOptions extends Partial<WalkLimits> {
  /** Only these threat types are looked for (default: all four). */
  types?: readonly ThreatType[];
  /** Findings below this confidence are ignored (default 0.5). */
  minConfidence?: number;
}

/**
 * Inspects every string in `request` (nested objects and arrays included) and returns the most
 * confident threat found — type, field path, confidence, evidence, rule — or `null`. Never throws.
 */
export function detectThreat(request: unknown, options: DetectOptions = {}): Threat | null {
  const limits: WalkLimits = {
    maxDepth: options.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxStrings: options.maxStrings ?? DEFAULT_LIMITS.maxStrings,
    maxStringLength: options.maxStringLength ?? DEFAULT_LIMITS.maxStringLength,
  };
  const types = options.types ? new Set(options.types) : undefined;
  const min = options.minConfidence ?? 0.5;
  let best: Threat | null = null;
  try {
    walkStrings(
      request,
      (field, value) => {
        const found = inspectString(value, types);
        if (found && found.confidence >= min && (best === null || found.confidence > best.confidence)) {
          // Written out rather than spread: V8 copies a spread object through a slow generic path.
          best = { type: found.type, rule: found.rule, confidence: found.confidence, evidence: found.evidence, field: field() };
        }
        return best !== null && best.confidence >= DECISIVE;
      },
      limits,
    );
  } catch {
    // The walk and detectors are total; this guards the contract against a hostile object.
  }
  return best;
}
