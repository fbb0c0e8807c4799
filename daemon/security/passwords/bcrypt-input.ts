/**
 * @module How a password becomes bcrypt's input: NFKC, then a pre-hash when it is over 72 bytes.
 *
 * bcrypt ignores everything after the 72nd byte of its input, so two long passwords sharing their
 * first 72 bytes would verify against each other. A password whose NFKC form is longer than that
 * is therefore first reduced to a fixed 64-character string:
 *
 *     base64( HMAC-SHA-384( key = "clickup-brain bcrypt pre-hash v1", message = UTF-8(password) ) )
 *
 * - HMAC with a fixed key rather than a bare SHA-384: the input bcrypt sees is then not the plain
 *   SHA-384 of the password, which may sit in some other system's leak of unsalted hashes; with a
 *   bare digest such a leak could be tried against our bcrypt hashes without the passwords
 *   ("password shucking"). The key is a label, not a secret: its job is domain separation.
 * - base64: a raw digest may contain NUL bytes, which C implementations of bcrypt take for the end
 *   of the input. 48 bytes give exactly 64 ASCII characters with no padding, within 72 bytes.
 * - The result is stored with the `cbph1$` marker (see `bcrypt-format.ts`); a password of 72 bytes
 *   or fewer is given to bcrypt as it is, so its hash stays portable.
 *
 * NFKC comes first (NIST SP 800-63B §5.1.1.2) so that a password typed with composed or decomposed
 * accents, or with full-width characters, gives one hash.
 */
import { createHmac } from 'node:crypto';
import { BCRYPT_MAX_BYTES } from './bcrypt-format.js';

/**
 * The longest password accepted at all, in UTF-16 code units, checked before any other work so
 * that a huge input costs nothing. Far above any policy's maximum (at most 1,024 code points).
 */
export const MAX_PASSWORD_UNITS = 4096;

const PREHASH_KEY = 'clickup-brain bcrypt pre-hash v1';

/** Why a password cannot be hashed at all, whatever the policy. */
export type UnhashableReason = 'empty' | 'nul' | 'too-long';

/**
 * Checks what no bcrypt input may be: empty, over {@link MAX_PASSWORD_UNITS}, or holding a NUL.
 * NUL is refused because bcrypt repeats its key cyclically with a NUL after it: "ab\0ab" verifies
 * against the hash of "ab" (seen with @node-rs/bcrypt 1.10.8), and C tools stop at the NUL.
 */
export function unhashableReason(password: string): UnhashableReason | null {
  if (password.length === 0) return 'empty';
  if (password.length > MAX_PASSWORD_UNITS) return 'too-long';
  if (password.includes('\0')) return 'nul';
  return null;
}

/** The NFKC form of a password; the form that is hashed, counted and compared. */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

/** The 64-character pre-hash of a (normalised) password. */
export function prehash(password: string): string {
  return createHmac('sha384', PREHASH_KEY).update(password, 'utf8').digest('base64');
}

/** True when bcrypt would not read all of the password's UTF-8 bytes. */
export function exceedsBcryptLimit(password: string): boolean {
  return Buffer.byteLength(password, 'utf8') > BCRYPT_MAX_BYTES;
}

/** What bcrypt is given for a normalised password, and which stored form that makes. */
export function bcryptInput(normalised: string): { input: string; form: 'plain' | 'prehashed' } {
  return exceedsBcryptLimit(normalised)
    ? { input: prehash(normalised), form: 'prehashed' }
    : { input: normalised, form: 'plain' };
}
