/**
 * @module Parsing of vector selectors (`name{a="x", b=~"y.*"}`) and label lists (`(job, instance)`).
 */
import type { LabelMatcher } from '../types.js';
import type { VectorSelector } from './ast.js';
import { describeToken } from './lexer.js';
import { type CompiledMatcher, compileMatcher, matcherAccepts } from './matchers.js';
import type { TokenStream } from './token-stream.js';

const labelNameRe = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const matchOps = new Set(['=', '!=', '=~', '!~']);

/** Parses a label name, refusing names PromQL would not accept (such as `a:b`). */
export function parseLabelName(ts: TokenStream): string {
  const tok = ts.peek();
  if (tok.kind !== 'ident') ts.fail(tok.pos, 'expected a label name', ` but found ${describeToken(tok)}`);
  if (!labelNameRe.test(tok.text)) ts.fail(tok.pos, `invalid label name '${tok.text}'`);
  ts.next();
  return tok.text;
}

/** Parses `(a, b, c)` after by/without/on/ignoring; a trailing comma is allowed. */
export function parseLabelList(ts: TokenStream): string[] {
  ts.expect('punct', '(');
  const labels: string[] = [];
  while (!ts.is(ts.peek(), 'punct', ')')) {
    labels.push(parseLabelName(ts));
    if (!ts.is(ts.peek(), 'punct', ',')) break;
    ts.next();
  }
  ts.expect('punct', ')');
  return labels;
}

/**
 * Parses the optional `{…}` of a selector whose metric name (if any) was already read.
 * `{__name__="x"}` becomes the name; regexes are compiled here, once.
 */
export function parseSelector(ts: TokenStream, name: string | undefined, pos: number): VectorSelector {
  const written: CompiledMatcher[] = [];
  let metric = name;
  if (ts.is(ts.peek(), 'punct', '{')) {
    ts.next();
    for (let count = 0; !ts.is(ts.peek(), 'punct', '}'); count++) {
      if (count > 0) {
        const sep = ts.peek();
        if (!ts.is(sep, 'punct', ',')) ts.fail(sep.pos, `expected ',' or '}'`, ` but found ${describeToken(sep)}`);
        ts.next();
        if (ts.is(ts.peek(), 'punct', '}')) break;
      }
      const at = ts.peek().pos;
      const m = parseMatcher(ts);
      if (m.name === '__name__' && m.op === '=') {
        if (metric !== undefined) ts.fail(at, `metric name must not be set twice: '${metric}' or '${m.value}'`);
        metric = m.value;
      } else {
        written.push(m);
      }
    }
    ts.next();
  }
  // As in PromQL: a selector that would match every series in the store is refused.
  if (metric === undefined && written.every((m) => matcherAccepts(m, ''))) {
    ts.fail(pos, 'vector selector must contain at least one non-empty matcher');
  }
  return {
    kind: 'selector',
    type: 'vector',
    name: metric,
    matchers: written,
    labelMatchers: written.filter((m) => m.name !== '__name__'),
    nameMatchers: written.filter((m) => m.name === '__name__'),
    offsetMs: 0,
    pos,
  };
}

function parseMatcher(ts: TokenStream): CompiledMatcher {
  const name = parseLabelName(ts);
  const opTok = ts.peek();
  if (opTok.kind !== 'op' || !matchOps.has(opTok.text)) {
    ts.fail(opTok.pos, 'expected a label matcher operator (=, !=, =~, !~)', ` but found ${describeToken(opTok)}`);
  }
  ts.next();
  const value = ts.peek();
  if (value.kind !== 'string') ts.fail(value.pos, 'expected a string', ` but found ${describeToken(value)}`);
  ts.next();
  try {
    return compileMatcher({ name, op: opTok.text as LabelMatcher['op'], value: value.str });
  } catch (err) {
    // JS names the wrapped pattern in its message; keep only the reason after it.
    const reason = (err as Error).message.split(': ').pop() ?? 'invalid syntax';
    return ts.fail(value.pos, `invalid regular expression ${value.text}: ${reason}`);
  }
}
