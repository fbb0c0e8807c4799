/**
 * @module The Set-Cookie values of a dashboard session: `cb_session` (the secret, HttpOnly) and
 * `cb_csrf` (the CSRF token the browser app sends back as X-CSRF-Token).
 *
 * Both live exactly as long as the session can (its absolute timeout), are SameSite=Strict and
 * Path=/, and are Secure when the dashboard is served over TLS.
 */
import { CSRF_COOKIE, SESSION_COOKIE, serializeCookie } from './cookies.js';

function maxAge(expiresAt: number, now: number): number {
  return Math.max(0, Math.floor((expiresAt - now) / 1000));
}

/** The CSRF cookie alone (re-sent when the browser's copy is stale). */
export function csrfCookie(token: string, expiresAt: number, now: number, tls: boolean): string {
  return serializeCookie(CSRF_COOKIE, token, {
    httpOnly: false,
    secure: tls,
    maxAgeSeconds: maxAge(expiresAt, now),
  });
}

/** Both cookies, after a login. */
export function sessionCookies(
  secret: string,
  csrfToken: string,
  expiresAt: number,
  now: number,
  tls: boolean,
): string[] {
  return [
    serializeCookie(SESSION_COOKIE, secret, {
      httpOnly: true,
      secure: tls,
      maxAgeSeconds: maxAge(expiresAt, now),
    }),
    csrfCookie(csrfToken, expiresAt, now, tls),
  ];
}

/** Values that delete both cookies (logout, or a session that has ended). */
export function clearSessionCookies(tls: boolean): string[] {
  return [
    serializeCookie(SESSION_COOKIE, '', { httpOnly: true, secure: tls, maxAgeSeconds: 0 }),
    serializeCookie(CSRF_COOKIE, '', { httpOnly: false, secure: tls, maxAgeSeconds: 0 }),
  ];
}
