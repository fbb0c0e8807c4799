/**
 * @module The password blocklist: common and breached passwords, simple variants of them, the
 * service's own name, and repeated or sequential runs (NIST SP 800-63B §3.1.1.2).
 *
 * The list itself is zxcvbn-ts's `passwords-common` (see `strength-data.ts`), passed in so that
 * this module stays a pure function. What it adds are the variants attackers try first:
 *
 * - case: the comparison is on the lower-case form;
 * - affixes: digits, symbols and spaces before or after a listed word ("password123456789",
 *   "!!dragon2026") — the word left after stripping them must have at least 4 characters, so a
 *   mostly-random string of digits with two letters in it is left to the strength estimate;
 * - common substitutions ("p@ssw0rd"), and one word repeated ("dragondragondragon").
 */

/** Why a password is on the blocklist. */
export type BlocklistReason = 'common' | 'service-name' | 'pattern';

/** The product's own names, in the lower-case, separator-free form they are compared in. */
const SERVICE_NAMES: ReadonlySet<string> = new Set(['clickup', 'clickupbrain']);

const MIN_WORD = 4;

/** The substitutions tried, one reading each ('1' is read both as 'i' and as 'l'). */
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'i',
  '+': 't',
};

/**
 * Why `password` is blocklisted, or null. Give it the NFKC form (as the policy does).
 *
 * @param commonPasswords lower-case common passwords.
 */
export function blocklistReason(
  password: string,
  commonPasswords: ReadonlySet<string>,
): BlocklistReason | null {
  const lower = password.toLowerCase();
  if (isRepeatedOrSequential(lower)) return 'pattern';
  for (const candidate of candidates(lower)) {
    if (SERVICE_NAMES.has(candidate.replace(/[\s._-]+/gu, ''))) return 'service-name';
    if (commonPasswords.has(candidate)) return 'common';
  }
  return null;
}

/**
 * The password and the forms of it that are compared with the lists: each of the transforms below
 * is applied to every form found so far, until no new form appears (so "P@ssw0rd!P@ssw0rd!" gives
 * "p@ssw0rd!", then "p@ssw0rd", then "password"). Every transform keeps or shortens the text, so
 * this ends; for a 128-character password it makes a few dozen strings.
 */
function candidates(lower: string): Set<string> {
  const out = new Set<string>([lower]);
  let fresh = [lower];
  while (fresh.length > 0) {
    const next: string[] = [];
    for (const form of fresh) {
      for (const derived of [
        word(form),
        repeatedUnit(form),
        unleet(form, 'i'),
        unleet(form, 'l'),
      ]) {
        if (derived !== null && [...derived].length >= MIN_WORD && !out.has(derived)) {
          out.add(derived);
          next.push(derived);
        }
      }
    }
    fresh = next;
  }
  return out;
}

/** Everything from the first letter to the last: the "word" with its affixes removed. */
function word(text: string): string {
  return /^[^\p{L}]*(.*?)[^\p{L}]*$/su.exec(text)?.[1] ?? '';
}

function unleet(text: string, one: 'i' | 'l'): string {
  return text.replace(/[0-9@$!+]/gu, (c) => (c === '1' ? one : (LEET[c] ?? c)));
}

/** The shortest unit that `text` is two or more copies of, or null. */
function repeatedUnit(text: string): string | null {
  const match = /^(.+?)\1+$/su.exec(text);
  return match?.[1] ?? null;
}

/**
 * One character repeated ("aaaaaaaaaaaaaaa"), a unit of up to 4 characters repeated
 * ("abcabcabcabcabc"), or a run stepping by one code point up or down ("abcdefghijklmno"; digits
 * wrap, so "123456789012345" counts).
 */
function isRepeatedOrSequential(lower: string): boolean {
  const chars = [...lower];
  const unit = repeatedUnit(lower);
  if (unit !== null && [...unit].length <= 4) return true;
  if (chars.length < 3) return false;
  const steps = new Set<number>();
  for (let i = 1; i < chars.length; i++) {
    steps.add(step(chars[i - 1] ?? '', chars[i] ?? ''));
    if (steps.size > 1) return false;
  }
  const only = [...steps][0];
  return only === 1 || only === -1;
}

function step(a: string, b: string): number {
  const isDigit = (c: string): boolean => c >= '0' && c <= '9';
  if (isDigit(a) && isDigit(b)) {
    const d = (Number(b) - Number(a) + 10) % 10;
    return d === 1 ? 1 : d === 9 ? -1 : 0;
  }
  return (b.codePointAt(0) ?? 0) - (a.codePointAt(0) ?? 0);
}
