/**
 * @module A SQL tokenizer in the manner of libinjection: it reads a value as a fragment of SQL,
 * optionally as if it started inside a quoted string (the place user input usually lands), and
 * yields typed tokens. The detector judges the shape of the token stream, not keywords.
 */

/**
 * Token types, one character each so a stream prints as a fingerprint (`s&sos`):
 * s string, n number, w bareword, k keyword, E statement keyword, U union, & logic operator,
 * o operator, c comment, f function (name before `(`), v variable, ( ) , ; punctuation, x other.
 */
export type SqlTokenType = 's' | 'n' | 'w' | 'k' | 'E' | 'U' | '&' | 'o' | 'c' | 'f' | 'v' | '(' | ')' | ',' | ';' | 'x';

/** One token: its type, its lower-cased text (for words) and, for strings, whether it was closed. */
export interface SqlToken {
  t: SqlTokenType;
  v: string;
  closed: boolean;
}

/** Most tokens read per value: injection structure shows up early, and this bounds the work. */
export const MAX_SQL_TOKENS = 48;

const STATEMENTS = [
  'select', 'insert', 'update', 'delete', 'drop', 'create', 'alter', 'truncate', 'exec', 'execute',
  'declare', 'waitfor', 'shutdown', 'backup', 'grant', 'revoke', 'rename', 'load', 'handler', 'replace',
];
const KEYWORDS = [
  'from', 'where', 'table', 'tables', 'into', 'values', 'set', 'order', 'group', 'by', 'having', 'limit',
  'offset', 'all', 'distinct', 'as', 'case', 'when', 'then', 'else', 'end', 'null', 'database',
  'procedure', 'function', 'delay', 'time', 'top', 'join', 'if', 'begin', 'outfile', 'dumpfile',
  'schema', 'user', 'view', 'index', 'trigger', 'column', 'disk', 'to', 'true', 'false', 'intersect', 'except',
];
// One lookup per word: the word's token type when it is not a plain name.
const WORD_TYPES = new Map<string, SqlTokenType>([
  ...STATEMENTS.map((w) => [w, 'E'] as const),
  ...KEYWORDS.map((w) => [w, 'k'] as const),
  ...['like', 'rlike', 'regexp', 'is', 'not', 'in', 'between', 'div', 'mod', 'sounds', 'glob'].map((w) => [w, 'o'] as const),
  ...['and', 'or', 'xor'].map((w) => [w, '&'] as const),
  ['union', 'U'],
]);

// The ASCII word characters, looked up rather than range-tested: the tokenizer asks per character.
const ASCII_WORD = new Uint8Array(128);
for (const ch of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$.') ASCII_WORD[ch.charCodeAt(0)] = 1;

function isWordChar(c: number): boolean {
  return c < 0x80 ? ASCII_WORD[c] === 1 : c !== 0x2013 && c !== 0x2014;
}

function isSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Typographic quotes that payload lists use in place of ASCII ones; a SQL fragment is read with them folded. */
export function foldQuotes(input: string): string {
  return /[\u2018\u2019\u201c\u201d\u2032\u00b4]/.test(input)
    ? input.replace(/[\u2018\u2019\u2032\u00b4]/g, "'").replace(/[\u201c\u201d]/g, '"')
    : input;
}

/**
 * Reads a quoted string starting after its opening quote; a doubled quote is an escaped one.
 * Returns the index of the closing quote, or `s.length` when the string is never closed.
 */
function readString(s: string, start: number, quote: number): number {
  let i = start;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 92) {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (s.charCodeAt(i + 1) === quote && i + 1 !== start) {
        i += 2;
        continue;
      }
      return i;
    }
    i++;
  }
  return s.length;
}

/**
 * Tokenizes `input` as SQL. With `context` a quote character (`'` or `"`), the value is read as if
 * that quote had been opened before it, as libinjection does: the first token is then the string
 * the value closes.
 */
export function tokenizeSql(input: string, context: '' | "'" | '"' = '', max = MAX_SQL_TOKENS): SqlToken[] {
  const s = input;
  const out: SqlToken[] = [];
  let i = 0;
  if (context !== '') {
    const end = readString(s, 0, context.charCodeAt(0));
    const closed = end < s.length;
    out.push({ t: 's', v: s.slice(0, end), closed });
    if (!closed) return out;
    i = end + 1;
  }
  while (i < s.length && out.length < max) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const next = s.charCodeAt(i + 1);
    if (c === 39 || c === 34 || c === 96) {
      const end = readString(s, i + 1, c);
      out.push({ t: c === 96 ? 'w' : 's', v: s.slice(i + 1, end), closed: end < s.length });
      i = end + 1;
      continue;
    }
    if (c === 35 || (c === 45 && next === 45)) {
      // The comment keeps the character after its marker: rules tell `'#` from `'#x7Gq`.
      out.push({ t: 'c', v: s.slice(i, c === 35 ? i + 2 : i + 3), closed: false });
      // A line comment runs to the end of the line: a payload may go on after a newline.
      const eol = s.indexOf('\n', c === 35 ? i + 1 : i + 2);
      if (eol < 0) break;
      i = eol + 1;
      continue;
    }
    if (c === 47 && next === 42) {
      const end = s.indexOf('*/', i + 2);
      out.push({ t: 'c', v: '/*', closed: false });
      if (end < 0) break;
      i = end + 2;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(next))) {
      let j = i + 1;
      if (c === 48 && (next === 120 || next === 88)) j = i + 2;
      const hex = j === i + 2;
      while (j < s.length) {
        const d = s.charCodeAt(j);
        if (isDigit(d) || d === 46 || (hex && ((d >= 97 && d <= 102) || (d >= 65 && d <= 70)))) j++;
        else break;
      }
      // "5pm" or "1KH4" is a word, not a number followed by a name.
      if (j < s.length && isWordChar(s.charCodeAt(j)) && s.charCodeAt(j) !== 46) {
        while (j < s.length && isWordChar(s.charCodeAt(j))) j++;
        out.push({ t: 'w', v: s.slice(i, j).toLowerCase(), closed: false });
      } else {
        out.push({ t: 'n', v: s.slice(i, j), closed: false });
      }
      i = j;
      continue;
    }
    if (c === 64) {
      let j = i + 1;
      if (s.charCodeAt(j) === 64) j++;
      const from = j;
      while (j < s.length && isWordChar(s.charCodeAt(j))) j++;
      out.push(j > from ? { t: 'v', v: s.slice(i, j).toLowerCase(), closed: false } : { t: 'x', v: '@', closed: false });
      i = j;
      continue;
    }
    if (isWordChar(c)) {
      // Lower-casing allocates a copy: only a word with an upper-case or non-ASCII letter needs it.
      let cased = (c >= 65 && c <= 90) || c >= 0x80;
      let j = i + 1;
      for (; j < s.length; j++) {
        const d = s.charCodeAt(j);
        if (!isWordChar(d)) break;
        if ((d >= 65 && d <= 90) || d >= 0x80) cased = true;
      }
      const word = cased ? s.slice(i, j).toLowerCase() : s.slice(i, j);
      let k = j;
      while (k < s.length && isSpace(s.charCodeAt(k))) k++;
      out.push(classifyWord(word, s.charCodeAt(k) === 40));
      // The spaces up to k yield no token: go on from there rather than read them again.
      i = k;
      continue;
    }
    i = readPunctuation(s, i, c, next, out);
  }
  return out;
}

// Bit (last letter) of KEYWORD_SHAPES[length * 26 + first letter] is set when a keyword has that
// length, first and last letter: most names then skip the map lookup, which hashes a fresh string.
const LONGEST_KEYWORD = Math.max(...[...WORD_TYPES.keys()].map((w) => w.length));
const KEYWORD_SHAPES = new Int32Array((LONGEST_KEYWORD + 1) * 26);
for (const w of WORD_TYPES.keys()) {
  const at = w.length * 26 + (w.charCodeAt(0) - 97);
  KEYWORD_SHAPES[at] = (KEYWORD_SHAPES[at] as number) | (1 << (w.charCodeAt(w.length - 1) - 97));
}

/** The token type of a lower-cased word when it is a keyword or operator word (all are a-z only). */
function wordType(word: string): SqlTokenType | undefined {
  const n = word.length;
  if (n > LONGEST_KEYWORD) return undefined;
  const first = word.charCodeAt(0) - 97;
  const last = word.charCodeAt(n - 1) - 97;
  if (first < 0 || first >= 26 || last < 0 || last >= 26) return undefined;
  return (((KEYWORD_SHAPES[n * 26 + first] as number) >> last) & 1) !== 0 ? WORD_TYPES.get(word) : undefined;
}

function classifyWord(word: string, beforeParen: boolean): SqlToken {
  const type = wordType(word);
  if (type === undefined || type === 'k') return { t: beforeParen ? 'f' : (type ?? 'w'), v: word, closed: false };
  return { t: type, v: word, closed: false };
}

function readPunctuation(s: string, i: number, c: number, next: number, out: SqlToken[]): number {
  switch (c) {
    case 40:
      out.push({ t: '(', v: '(', closed: false });
      return i + 1;
    case 41:
      out.push({ t: ')', v: ')', closed: false });
      return i + 1;
    case 44:
      out.push({ t: ',', v: ',', closed: false });
      return i + 1;
    case 59:
      out.push({ t: ';', v: ';', closed: false });
      return i + 1;
    case 124:
    case 38:
      if (next === c) {
        out.push({ t: '&', v: c === 124 ? '||' : '&&', closed: false });
        return i + 2;
      }
      out.push({ t: 'o', v: s[i] ?? '', closed: false });
      return i + 1;
    case 61:
    case 60:
    case 62:
    case 33: {
      // Comparison operators, including the two-character ones (<=, >=, <>, !=, :=).
      const two = s.slice(i, i + 2);
      if (two === '<=' || two === '>=' || two === '<>' || two === '!=' || two === '==') {
        out.push({ t: 'o', v: two, closed: false });
        return i + 2;
      }
      out.push({ t: 'o', v: s[i] ?? '', closed: false });
      return i + 1;
    }
    case 43:
    case 45:
    case 42:
    case 47:
    case 37:
    case 94:
    case 126:
      out.push({ t: 'o', v: s[i] ?? '', closed: false });
      return i + 1;
    default:
      out.push({ t: 'x', v: s[i] ?? '', closed: false });
      return i + 1;
  }
}

/** The fingerprint of a token stream: one character per token (`s&sos`), at most `max` long. */
export function fingerprint(tokens: readonly SqlToken[], from = 0, max = 16): string {
  let fp = '';
  for (let i = from; i < tokens.length && fp.length < max; i++) fp += tokens[i]?.t ?? '';
  return fp;
}
