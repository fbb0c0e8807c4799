/**
 * @module The SHA-256 digest (hex) under which a credential is remembered in memory instead of the
 * credential itself: the cookie sessions' and the bearer tokens' cache keys.
 *
 * It runs on every authenticated request, so it uses node's one-shot `crypto.hash` where the
 * runtime has it (Node 20.12 and later: no Hash object per call, about half the time for a short
 * secret) and `createHash` on an older Node 20.
 */
import * as crypto from 'node:crypto';

type OneShot = (algorithm: string, data: string, encoding: 'hex') => string;

// Read from the namespace, not imported by name: a named import of an export that an older
// Node 20 lacks would fail to load the module at all.
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

/** SHA-256 of `text` (UTF-8), as 64 hex digits. */
export function sha256Hex(text: string): string {
  if (typeof text !== 'string') throw new TypeError('"text" must be a string');
  return typeof oneShot === 'function'
    ? oneShot('sha256', text, 'hex')
    : crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
