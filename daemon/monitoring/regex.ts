/**
 * @module PromQL regular expressions in JavaScript: anchored at both ends, `.` matching newlines
 * as in Prometheus 3, and a leading `(?i)` (common in rules, unknown to JS) as the `i` flag.
 * Used by the rule language and the history store, which must agree on what a matcher matches.
 */

/** Builds the RegExp of a regex matcher. @throws SyntaxError when the pattern is invalid. */
export function compileRegex(pattern: string): RegExp {
  let flags = 's';
  let body = pattern;
  if (body.startsWith('(?i)')) {
    flags += 'i';
    body = body.slice(4);
  }
  return new RegExp(`^(?:${body})$`, flags);
}
