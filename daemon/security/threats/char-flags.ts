/**
 * @module Which of the characters the detectors key on a string holds, found in one pass. Every
 * detector needs some punctuation to have anything to find (a tag needs `<`, a command separator
 * `;`, `|`, `&`…); asking one bit mask is much cheaper than a dozen `indexOf` or regex scans over
 * a value that is almost always clean.
 */

export const NUL = 1 << 0;
export const PERCENT = 1 << 1;
export const AMP = 1 << 2;
export const BACKSLASH = 1 << 3;
export const LT = 1 << 4;
export const GT = 1 << 5;
export const COLON = 1 << 6;
export const PAREN = 1 << 7; // `(` only: every rule that needs a call needs the opening one
export const BACKTICK = 1 << 8;
export const EQUALS = 1 << 9;
export const QUOTE = 1 << 10; // `'`
export const DQUOTE = 1 << 11; // `"`
export const DOT = 1 << 12;
export const SLASH = 1 << 13;
export const SEMI = 1 << 14;
export const PIPE = 1 << 15;
export const NEWLINE = 1 << 16; // `\n`
export const DOLLAR = 1 << 17;
export const PLUS = 1 << 18;
export const BRACKET = 1 << 19; // `[`
/** Any code unit above 127: look-alike quotes, overlong encodings and case mappings live there. */
export const NON_ASCII = 1 << 20;

const FLAGS: ReadonlyArray<readonly [string, number]> = [
  ['\0', NUL], ['%', PERCENT], ['&', AMP], ['\\', BACKSLASH], ['<', LT], ['>', GT], [':', COLON],
  ['(', PAREN], ['`', BACKTICK], ['=', EQUALS], ["'", QUOTE], ['"', DQUOTE], ['.', DOT], ['/', SLASH],
  [';', SEMI], ['|', PIPE], ['\n', NEWLINE], ['$', DOLLAR], ['+', PLUS], ['[', BRACKET],
];
const TABLE = new Int32Array(128);
for (const [ch, flag] of FLAGS) TABLE[ch.charCodeAt(0)] = flag;
// Any character with a flag. The regex engine gets to the first one faster than a charCodeAt loop,
// and many values have none, or only near their end (a full stop): the loop starts there.
const FLAGGED = new RegExp(`[${FLAGS.map(([ch]) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}\\u0080-\\uffff]`);

/** The flags of the characters in `text`, OR-ed together; 0 for plain letters, digits and spaces. */
export function charFlags(text: string): number {
  const first = text.search(FLAGGED);
  if (first < 0) return 0;
  let flags = 0;
  for (let i = first; i < text.length; i++) {
    const c = text.charCodeAt(i);
    flags |= c < 128 ? (TABLE[c] as number) : NON_ASCII;
  }
  return flags;
}
