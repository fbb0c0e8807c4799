/**
 * @module Reading the Cookie header and writing Set-Cookie values (RFC 6265).
 */

/** The cookie that carries the session secret (HttpOnly). */
export const SESSION_COOKIE = 'cb_session';
/** The cookie the browser app reads to send X-CSRF-Token (not HttpOnly, by design). */
export const CSRF_COOKIE = 'cb_csrf';

/** Cookies by name; the first of a repeated name wins (the most specific path comes first). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (header === undefined) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2)
      value = value.slice(1, -1);
    if (name === '' || Object.hasOwn(cookies, name)) continue;
    cookies[name] = value;
  }
  return cookies;
}

/** Options of one Set-Cookie value. */
export interface CookieOptions {
  httpOnly: boolean;
  secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  maxAgeSeconds: number;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;

/** One Set-Cookie value: Path=/, SameSite=Strict always. @throws TypeError for a bad name or value. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  if (!TOKEN.test(name)) throw new TypeError(`"name" is not a valid cookie name`);
  if (!VALUE.test(value))
    throw new TypeError(`"value" of cookie ${name} has characters a cookie cannot hold`);
  if (!Number.isInteger(options.maxAgeSeconds) || options.maxAgeSeconds < 0)
    throw new TypeError('"maxAgeSeconds" must be a whole number of seconds, at least 0');
  const parts = [
    `${name}=${value}`,
    'Path=/',
    `Max-Age=${options.maxAgeSeconds}`,
    'SameSite=Strict',
  ];
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
