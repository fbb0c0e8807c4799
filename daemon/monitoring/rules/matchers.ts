/**
 * @module Label matchers compiled once: a regex matcher keeps its anchored RegExp so that
 * evaluating a rule every tick never rebuilds it.
 */
import type { LabelMatcher } from '../types.js';

/** A label matcher with its regex (for `=~` and `!~`) already built. */
export interface CompiledMatcher extends LabelMatcher {
  readonly regex: RegExp | null;
}

/**
 * Builds the RegExp of a PromQL regex matcher: anchored at both ends like PromQL, `.` matching
 * newlines as in Prometheus 3, and a leading `(?i)` (common in rules, unknown to JS) as the `i` flag.
 * Throws SyntaxError when the pattern is not a valid regular expression.
 */
export function compileRegex(pattern: string): RegExp {
  let flags = 's';
  let body = pattern;
  if (body.startsWith('(?i)')) {
    flags += 'i';
    body = body.slice(4);
  }
  return new RegExp(`^(?:${body})$`, flags);
}

/** Compiles `m`. Throws SyntaxError when a regex matcher's pattern is invalid. */
export function compileMatcher(m: LabelMatcher): CompiledMatcher {
  const regex = m.op === '=~' || m.op === '!~' ? compileRegex(m.value) : null;
  return { name: m.name, op: m.op, value: m.value, regex };
}

/** True when a label `value` satisfies `m`. A missing label is the empty string, as in PromQL. */
export function matcherAccepts(m: CompiledMatcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return (m.regex as RegExp).test(value);
    case '!~':
      return !(m.regex as RegExp).test(value);
  }
}
