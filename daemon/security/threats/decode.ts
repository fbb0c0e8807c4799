/**
 * @module Decodings an attacker uses to hide a payload from a filter: percent-encoding (applied
 * several times), HTML character references, and NUL bytes that browsers and C libraries drop.
 * Every decoder is total: invalid input is left as it is, never thrown on.
 */

const HEX = /^[0-9a-fA-F]$/;

/** How many rounds of percent-decoding are undone: double and triple encoding are common, more is noise. */
export const MAX_PERCENT_ROUNDS = 3;

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** One round of percent-decoding (`%XX` and IIS's `%uXXXX`); malformed escapes stay literal. */
export function percentDecodeOnce(input: string): string {
  if (input.indexOf('%') < 0) return input;
  let out = '';
  let bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length === 0) return;
    // Decode collected bytes as UTF-8 where they form it; stray high bytes become Latin-1 so
    // overlong forms such as %c0%ae stay visible to the traversal rules.
    const buf = Buffer.from(bytes);
    const text = buf.toString('utf8');
    out += text.includes('\uFFFD') ? buf.toString('latin1') : text;
    bytes = [];
  };
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 37 && i + 2 < input.length) {
      const a = hexValue(input.charCodeAt(i + 1));
      const b = hexValue(input.charCodeAt(i + 2));
      if (a >= 0 && b >= 0) {
        bytes.push(a * 16 + b);
        i += 2;
        continue;
      }
      if ((input[i + 1] === 'u' || input[i + 1] === 'U') && i + 5 < input.length) {
        const hex = input.slice(i + 2, i + 6);
        if ([...hex].every((h) => HEX.test(h))) {
          flush();
          out += String.fromCharCode(parseInt(hex, 16));
          i += 5;
          continue;
        }
      }
    }
    flush();
    out += input[i];
  }
  flush();
  return out;
}

/** Percent-decodes until the text stops changing, at most {@link MAX_PERCENT_ROUNDS} times. */
export function percentDecode(input: string): string {
  let current = input;
  for (let round = 0; round < MAX_PERCENT_ROUNDS; round++) {
    const next = percentDecodeOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

// The named references that matter for markup and script syntax; the full HTML5 table (2,000+
// names) adds nothing an attacker needs that these and numeric references do not give.
const NAMED: Record<string, string> = {
  lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", lpar: '(', rpar: ')', colon: ':', sol: '/',
  bsol: '\\', tab: '\t', newline: '\n', nbsp: ' ', grave: '`', lsqb: '[', rsqb: ']', lbrack: '[',
  rbrack: ']', lcub: '{', rcub: '}', lbrace: '{', rbrace: '}', semi: ';', equals: '=', excl: '!',
  num: '#', percnt: '%', plus: '+', comma: ',', period: '.', quest: '?', commat: '@', dollar: '$',
  ast: '*', verbar: '|', vert: '|', hyphen: '-', dash: '-', lowbar: '_',
};

const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-zA-Z]{2,8}));?/g;

/** Decodes HTML character references, with or without the closing `;` as browsers accept them. */
export function htmlDecode(input: string): string {
  if (input.indexOf('&') < 0) return input;
  return input.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    const code = hex !== undefined ? parseInt(hex, 16) : dec !== undefined ? parseInt(dec, 10) : -1;
    if (code >= 0) return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    const named = NAMED[(name ?? '').toLowerCase()];
    return named ?? whole;
  });
}

/** Removes NUL bytes: `<%00script>` is `<script>` to the browsers and parsers it targets. */
export function stripNul(input: string): string {
  return input.indexOf('\0') < 0 ? input : input.replace(/\0/g, '');
}

/** The distinct readings of one value worth inspecting: as sent, percent-decoded, entity-decoded. */
export function variants(input: string): string[] {
  const raw = stripNul(input);
  const out = [raw];
  const url = raw.indexOf('%') >= 0 ? stripNul(percentDecode(raw)) : raw;
  if (url !== raw) out.push(url);
  const html = url.indexOf('&') >= 0 ? stripNul(htmlDecode(url)) : url;
  if (html !== url) out.push(html);
  return out;
}
