/**
 * @module Label matchers compiled once: a regex matcher keeps its anchored RegExp so that
 * evaluating a rule every tick never rebuilds it.
 */
import type { LabelMatcher } from '../types.js';

/** A label matcher with its regex (for `=~` and `!~`) already built. */
export interface CompiledMatcher extends LabelMatcher {
  readonly regex: RegExp | null;
}

import { compileRegex } from '../regex.js';

export { compileRegex };

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
