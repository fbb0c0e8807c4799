/**
 * @module The lexer of the rule expression language: source text → tokens with their offsets.
 *
 * Keeps PromQL's lexical rules: `#` comments, three kinds of string quotes, durations such as
 * `1h30m` as single tokens, and `Inf`/`NaN` as identifiers the parser reads as numbers.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';

/** What a token is. Keywords (`and`, `by`, `offset`…) are identifiers; the parser tells them apart. */
export type TokenKind = 'number' | 'duration' | 'string' | 'ident' | 'op' | 'punct' | 'eof';

/** One token. `pos` is the 0-based offset of its first character in the source. */
export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token (for strings, with the quotes). */
  readonly text: string;
  readonly pos: number;
  /** The value of a number, or the length of a duration in milliseconds; 0 otherwise. */
  readonly value: number;
  /** The decoded content of a string literal; '' otherwise. */
  readonly str: string;
}

const unitMs: Readonly<Record<string, number>> = {
  y: 365 * 86_400_000,
  w: 604_800_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};

// Sticky regexes: each is tried at the current offset only, so lexing is one linear pass.
const durationRe = /(?:\d+(?:ms|[smhdwy]))+/y;
const durationPartRe = /(\d+)(ms|[smhdwy])/g;
const numberRe = /0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const identRe = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const wordRe = /[a-zA-Z0-9_.]+/y;
const twoCharOps = new Set(['==', '!=', '>=', '<=', '=~', '!~']);
const oneCharOps = new Set(['+', '-', '*', '/', '%', '^', '>', '<', '=']);
const puncts = new Set(['(', ')', '{', '}', '[', ']', ',']);
const simpleEscapes: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'",
};

/** Where `pos` lies, for messages: `column 12`, or `line 2, column 3` in multi-line text. */
export function positionText(src: string, pos: number): string {
  const lineStart = src.lastIndexOf('\n', pos - 1) + 1;
  const column = pos - lineStart + 1;
  if (!src.includes('\n')) return `column ${column}`;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (src.charCodeAt(i) === 10) line++;
  return `line ${line}, column ${column}`;
}

/** The error every syntax or type problem becomes: `<reason> at column N[<suffix>]`. */
export function syntaxError(src: string, pos: number, reason: string, suffix = ''): InvalidInputError {
  return new InvalidInputError(`${reason} at ${positionText(src, pos)}${suffix}`, 'expr');
}

/** How a token is named in messages. */
export function describeToken(tok: Token): string {
  if (tok.kind === 'eof') return 'end of input';
  if (tok.kind === 'string') return `string ${tok.text}`;
  return `'${tok.text}'`;
}

// What may not directly follow a number or a duration (`5mx`, `1e3a`). A colon may: `[5m:1m]`.
function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** Splits `src` into tokens, ending with one `eof` token. Throws InvalidInputError on bad text. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  // Inside `[...]` a colon is punctuation (the subquery step), not the start of a metric name.
  let bracketDepth = 0;
  const push = (kind: TokenKind, start: number, end: number, value = 0, str = ''): void => {
    out.push({ kind, text: src.slice(start, end), pos: start, value, str });
    i = end;
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      const nl = src.indexOf('\n', i);
      i = nl === -1 ? src.length : nl;
      continue;
    }
    if ((c >= '0' && c <= '9') || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      lexNumberOrDuration(src, i, push);
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const [end, str] = lexString(src, i);
      push('string', i, end, 0, str);
      continue;
    }
    if (c === ':' && bracketDepth > 0) {
      push('punct', i, i + 1);
      continue;
    }
    identRe.lastIndex = i;
    const ident = identRe.exec(src);
    if (ident !== null) {
      push('ident', i, i + ident[0].length);
      continue;
    }
    const two = src.slice(i, i + 2);
    if (twoCharOps.has(two)) {
      push('op', i, i + 2);
    } else if (oneCharOps.has(c)) {
      push('op', i, i + 1);
    } else if (puncts.has(c)) {
      if (c === '[') bracketDepth++;
      else if (c === ']') bracketDepth = Math.max(0, bracketDepth - 1);
      push('punct', i, i + 1);
    } else {
      throw syntaxError(src, i, `unexpected character '${c}'`);
    }
  }
  out.push({ kind: 'eof', text: '', pos: src.length, value: 0, str: '' });
  return out;
}

type Push = (kind: TokenKind, start: number, end: number, value?: number) => void;

function lexNumberOrDuration(src: string, start: number, push: Push): void {
  durationRe.lastIndex = start;
  const dur = durationRe.exec(src);
  if (dur !== null && !isWordChar(src.charCodeAt(start + dur[0].length))) {
    push('duration', start, start + dur[0].length, durationMs(src, start, dur[0]));
    return;
  }
  numberRe.lastIndex = start;
  const num = numberRe.exec(src);
  const end = start + (num?.[0].length ?? 0);
  if (num === null || isWordChar(src.charCodeAt(end)) || src[end] === '.') {
    wordRe.lastIndex = start;
    const word = wordRe.exec(src)?.[0] ?? src[start];
    throw syntaxError(src, start, `invalid number or duration '${word}'`);
  }
  const text = num[0];
  const value = /^0[xX]/.test(text) ? parseInt(text.slice(2), 16) : Number(text);
  push('number', start, end, value);
}

function durationMs(src: string, start: number, text: string): number {
  let total = 0;
  let last = Infinity;
  for (const part of text.matchAll(durationPartRe)) {
    const size = unitMs[part[2] as string] as number;
    // PromQL requires units from largest to smallest, each at most once.
    if (size >= last) throw syntaxError(src, start, `invalid duration '${text}': units must go from largest to smallest`);
    last = size;
    total += Number(part[1]) * size;
  }
  if (!Number.isSafeInteger(total)) throw syntaxError(src, start, `duration '${text}' is too long`);
  return total;
}

function lexString(src: string, start: number): [number, string] {
  const quote = src[start] as string;
  let i = start + 1;
  let out = '';
  while (i < src.length) {
    const c = src[i] as string;
    if (c === quote) return [i + 1, out];
    if (quote !== '`' && c === '\n') break;
    if (c === '\\' && quote !== '`') {
      const [len, decoded] = escape(src, i);
      out += decoded;
      i += len;
      continue;
    }
    out += c;
    i++;
  }
  throw syntaxError(src, start, 'unterminated string');
}

function escape(src: string, at: number): [number, string] {
  const e = src[at + 1] ?? '';
  const simple = simpleEscapes[e];
  if (simple !== undefined) return [2, simple];
  const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
  const hex = src.slice(at + 2, at + 2 + hexLen);
  if (hexLen > 0 && hex.length === hexLen && /^[0-9a-fA-F]+$/.test(hex)) {
    const code = parseInt(hex, 16);
    if (code <= 0x10ffff) return [2 + hexLen, String.fromCodePoint(code)];
  }
  throw syntaxError(src, at, `invalid escape sequence '\\${e}'`);
}
