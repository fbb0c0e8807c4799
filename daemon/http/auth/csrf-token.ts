/**
 * @module The CSRF token of a cookie session: HMAC-SHA256 of the session id under the session's
 * own secret.
 *
 * Bound to the session (another session's token never matches), stable across daemon restarts
 * (nothing to keep), and computable only by whoever holds the HttpOnly secret: the daemon. Giving
 * the token to page scripts reveals nothing about the secret (HMAC is one-way).
 */
import { createHmac } from 'node:crypto';

/** The CSRF token for the session with `sessionId` and cookie secret `sessionSecret`. */
export function csrfTokenFor(sessionSecret: string, sessionId: string): string {
  if (typeof sessionSecret !== 'string' || sessionSecret === '')
    throw new TypeError('"sessionSecret" must be a non-empty string');
  if (typeof sessionId !== 'string' || sessionId === '')
    throw new TypeError('"sessionId" must be a non-empty string');
  return createHmac('sha256', sessionSecret)
    .update(`cb-csrf:${sessionId}`, 'utf8')
    .digest('base64url');
}
