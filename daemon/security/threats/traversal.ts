/**
 * @module Path-traversal rules: `../` climbing out of a directory (with backslashes, doubled dots,
 * overlong UTF-8 and encoded slashes, once decoded) and absolute paths to files that only an
 * attacker asks for. One `../` inside prose or a relative link is not enough.
 */
import type { Finding } from './types.js';
import { clip } from './types.js';
import { BACKSLASH, charFlags, DOT, NON_ASCII, PERCENT, SLASH } from './char-flags.js';

// Files and directories whose appearance in a request value is itself the attack.
const SENSITIVE =
  /(?:^|[\s'"=:;(/\\])(?:\/etc\/(?:passwd|shadow|group|hosts|issue|sudoers)|\/proc\/self\/(?:environ|cmdline|fd)|\/var\/log\/|\/root\/|[a-z]:\\(?:windows|winnt|boot\.ini|inetpub)|\\windows\\system32|boot\.ini|win\.ini|\.ssh\/(?:id_rsa|authorized_keys)|\.htpasswd|web\.config|wp-config\.php|\.env(?:$|[\s'"]))/i;
// Overlong UTF-8 and Unicode spellings of `.`, `/` and `\\` that old servers decoded to the ASCII
// characters (%c0%ae), raw or after our percent-decoding read them as Latin-1 (`À®`).
const OVERLONG_DOT = /%c0%ae|%e0%80%ae|%uff0e|%u002e|\u00c0\u00ae|\uff0e/gi;
const OVERLONG_SLASH = /%c0%af|%e0%80%af|%u2215|%uff0f|\u00c0\u00af|\u2215|\uff0f/gi;
const OVERLONG_BACKSLASH = /%c1%9c|%c1%1c|%u2216|\u00c1\u009c|\u2216|\uff3c/gi;
const OVERLONG_HINT = /%[cCeEuU]|[\u00c0\u00c1\u2215\u2216\uff0e\uff0f\uff3c]/;

/** Replaces overlong and look-alike encodings of `.`, `/`, `\\` by the characters they stand for. */
export function foldPathEncodings(value: string): string {
  if (!OVERLONG_HINT.test(value)) return value;
  return value.replace(OVERLONG_DOT, '.').replace(OVERLONG_SLASH, '/').replace(OVERLONG_BACKSLASH, '\\');
}
const CLIMB = /(?<=^|[/\\=:'"\s])\.{2,}[/\\]/g;

function hit(rule: string, confidence: number, evidence: string): Finding {
  return { type: 'path_traversal', rule: `traversal.${rule}`, confidence, evidence: clip(evidence) };
}

/** Looks for path traversal in one value (raw or decoded); `null` when there is none. */
export function detectTraversal(raw: string): Finding | null {
  return detectTraversalFlagged(raw, charFlags(raw));
}

/** {@link detectTraversal} for a value whose {@link charFlags} the caller already has. */
export function detectTraversalFlagged(raw: string, rawFlags: number): Finding | null {
  // Every overlong or look-alike spelling starts with `%` or is non-ASCII.
  const value = (rawFlags & (PERCENT | NON_ASCII)) !== 0 ? foldPathEncodings(raw) : raw;
  const flags = value === raw ? rawFlags : charFlags(value);
  if ((flags & DOT) !== 0 && value.indexOf('..') >= 0) {
    // `....//` is what a filter that strips `../` once leaves as `../`.
    const normalized = value.replace(/\.{3,}[/\\]{1,2}/g, '../').replace(/([/\\])\1+/g, '$1');
    let climbs = 0;
    let first = -1;
    CLIMB.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = CLIMB.exec(normalized)) !== null && climbs < 16) {
      if (first < 0) first = m.index;
      climbs++;
    }
    if (climbs >= 2) return hit('dot-dot-slash', Math.min(0.95, 0.75 + 0.05 * climbs), normalized.slice(Math.max(0, first), first + 40));
    if (climbs === 1) {
      const sensitive = SENSITIVE.exec(normalized);
      if (sensitive || /^\.\.[/\\]/.test(normalized.trim())) {
        return hit('dot-dot-slash', sensitive ? 0.9 : 0.6, normalized.slice(Math.max(0, first), first + 40));
      }
    }
  }
  // Every sensitive path has a slash or backslash, or is one of the few bare file names (all with a dot).
  if ((flags & (SLASH | BACKSLASH)) === 0 && ((flags & DOT) === 0 || !/\.ini|\.htpasswd|web\.config|\.env/i.test(value))) return null;
  const sensitive = SENSITIVE.exec(value);
  if (sensitive) return hit('sensitive-path', 0.8, sensitive[0].trim());
  return null;
}
