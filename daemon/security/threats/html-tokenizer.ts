/**
 * @module A forgiving HTML tag tokenizer, reading markup the way a browser's tokenizer does rather
 * than the way it should be written: `/` separates attributes (`<svg/onload=…>`), quotes are
 * optional, a tag need not be closed, and junk characters in names are kept.
 */

/** One attribute: lower-cased name and raw value (`null` when it has none). */
export interface HtmlAttribute {
  name: string;
  value: string | null;
}

/** One start or end tag found in the text. */
export interface HtmlTag {
  name: string;
  end: boolean;
  attributes: HtmlAttribute[];
}

/** Most tags read from one value: enough for any payload, and a bound on hostile input. */
export const MAX_TAGS = 64;

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isTagSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13 || c === 47 || c === 11;
}

/**
 * Finds the tags in `input`. `<` opens a tag only when a letter follows (or `/` and a letter), so
 * `<3`, `a < b` and `x <= y` are text, as they are to a browser.
 */
export function tokenizeHtml(input: string, maxTags = MAX_TAGS): HtmlTag[] {
  const tags: HtmlTag[] = [];
  let i = input.indexOf('<');
  while (i >= 0 && i < input.length && tags.length < maxTags) {
    let j = i + 1;
    let end = false;
    if (input.charCodeAt(j) === 47) {
      end = true;
      j++;
    }
    if (!isAlpha(input.charCodeAt(j))) {
      i = input.indexOf('<', i + 1);
      continue;
    }
    const nameStart = j;
    while (j < input.length && !isTagSpace(input.charCodeAt(j)) && input.charCodeAt(j) !== 62) j++;
    const tag: HtmlTag = { name: input.slice(nameStart, j).toLowerCase(), end, attributes: [] };
    j = readAttributes(input, j, tag.attributes);
    tags.push(tag);
    i = input.indexOf('<', Math.max(j, i + 1));
  }
  return tags;
}

function readAttributes(s: string, from: number, out: HtmlAttribute[]): number {
  let j = from;
  while (j < s.length && out.length < 64) {
    while (j < s.length && isTagSpace(s.charCodeAt(j))) j++;
    const c = s.charCodeAt(j);
    if (j >= s.length || c === 62) return j + 1;
    if (c === 60) return j; // a new tag starts: this one was never closed
    const nameStart = j;
    // The first character may be `=` (browsers then take it as part of the name).
    j++;
    while (j < s.length) {
      const d = s.charCodeAt(j);
      if (isTagSpace(d) || d === 62 || d === 61 || d === 60) break;
      j++;
    }
    const name = s.slice(nameStart, j).toLowerCase();
    let k = j;
    while (k < s.length && isTagSpace(s.charCodeAt(k)) && s.charCodeAt(k) !== 47) k++;
    if (s.charCodeAt(k) !== 61) {
      out.push({ name, value: null });
      continue;
    }
    k++;
    while (k < s.length && isTagSpace(s.charCodeAt(k)) && s.charCodeAt(k) !== 47) k++;
    const q = s.charCodeAt(k);
    if (q === 34 || q === 39 || q === 96) {
      const close = s.indexOf(String.fromCharCode(q), k + 1);
      const stop = close < 0 ? s.length : close;
      out.push({ name, value: s.slice(k + 1, stop) });
      j = stop + 1;
    } else {
      let e = k;
      while (e < s.length) {
        const d = s.charCodeAt(e);
        if (d === 32 || d === 9 || d === 10 || d === 12 || d === 13 || d === 62) break;
        e++;
      }
      out.push({ name, value: s.slice(k, e) });
      j = e;
    }
  }
  return j;
}
