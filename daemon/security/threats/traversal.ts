/**
 * @module Path-traversal rules: `../` climbing out of a directory (with backslashes, doubled dots,
 * overlong UTF-8 and encoded slashes, once decoded) and absolute paths to files that only an
 * attacker asks for. One `../` inside prose or a relative link is not enough.
 */
import type { Finding } from './types.js';
import { clip } from './types.js';

// Files and directories whose appearance in a request value is itself the attack.
const SENSITIVE =
  /(?:^|[\s'"=:;(/\\])(?:\/etc\/(?:passwd|shadow|group|hosts|issue|sudoers)|\/proc\/self\/(?:environ|cmdline|fd)|\/var\/log\/|\/root\/|[a-z]:\\(?:windows|winnt|boot\.ini|inetpub)|\\windows\\system32|boot\.ini|win\.ini|\.ssh\/(?:id_rsa|authorized_keys)|\.htpasswd|web\.config|wp-config\.php|\.env(?:$|[\s'"]))/i;
// Overlong and double encodings of `.` and `/` that survive one decoding pass (%c0%ae, %252e).
const ENCODED_DOT_SLASH = /(?:%c0%ae|%e0%80%ae|%c0%af|%c1%9c|%c1%1c|%252e|%252f|%255c|%u002e|%u2215|%uff0e)/i;
const CLIMB = /(?:^|[/\\=:'"\s])\.{2,}[/\\]/g;

function hit(rule: string, confidence: number, evidence: string): Finding {
  return { type: 'path_traversal', rule: `traversal.${rule}`, confidence, evidence: clip(evidence) };
}

/** Looks for path traversal in one value (raw or decoded); `null` when there is none. */
export function detectTraversal(value: string): Finding | null {
  if (ENCODED_DOT_SLASH.test(value)) {
    const m = ENCODED_DOT_SLASH.exec(value);
    return hit('encoded-dot-slash', 0.9, m ? m[0] : '%');
  }
  const hasDots = value.indexOf('..') >= 0;
  if (hasDots) {
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
  if (value.indexOf('/') < 0 && value.indexOf('\\') < 0 && value.indexOf('.') < 0) return null;
  const sensitive = SENSITIVE.exec(value);
  if (sensitive) return hit('sensitive-path', 0.8, sensitive[0].trim());
  return null;
}
