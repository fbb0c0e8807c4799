/**
 * @module The opaque session credentials: session ids, session secrets and refresh tokens.
 *
 * Secrets are 32 random bytes in base64url behind a recognisable prefix (`cbs_` for the web
 * session secret, `cbr_` for refresh tokens), so a leaked one is easy to spot in a paste or by a
 * secret scanner. Only their SHA-256 is stored. A fast hash is right here, unlike for passwords:
 * with 256 bits of entropy there is nothing to guess, so slowing the hash down would only slow
 * every request without making a stolen store any less useless.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of a refresh token. */
export const REFRESH_TOKEN_PREFIX = 'cbr_';
/** Prefix of a session secret (the web cookie). */
export const SESSION_SECRET_PREFIX = 'cbs_';
/** Prefix of a session id; the id is public (listed, used to revoke) and grants nothing. */
export const SESSION_ID_PREFIX = 's_';

const SECRET_BYTES = 32;
const ID_BYTES = 12;
const secretBody = '[A-Za-z0-9_-]{43}';
const refreshPattern = new RegExp(`^${REFRESH_TOKEN_PREFIX}${secretBody}$`);
const sessionSecretPattern = new RegExp(`^${SESSION_SECRET_PREFIX}${secretBody}$`);

/** A new random session id, e.g. `s_3q2-7wzAbCdEfGhI`. */
export function newSessionId(): string {
  return SESSION_ID_PREFIX + randomBytes(ID_BYTES).toString('base64url');
}

/** A new refresh token. */
export function newRefreshToken(): string {
  return REFRESH_TOKEN_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
}

/** A new session secret. */
export function newSessionSecret(): string {
  return SESSION_SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
}

/** True when `value` has the exact shape of a refresh token. */
export function isRefreshToken(value: unknown): value is string {
  return typeof value === 'string' && refreshPattern.test(value);
}

/** True when `value` has the exact shape of a session secret. */
export function isSessionSecret(value: unknown): value is string {
  return typeof value === 'string' && sessionSecretPattern.test(value);
}

/** The stored form of a secret: SHA-256, lower-case hex. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Compares two hex hashes in constant time. Lookups go through a hash index first (timing there
 * reveals at most something about the hash of the attacker's own guess); this re-check means a
 * match is never decided by an early-exit string comparison.
 */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
