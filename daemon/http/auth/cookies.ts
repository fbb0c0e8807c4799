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
  // Walked by index rather than split: the header comes with every page request. The next '=' is
  // looked for again only once the walk has passed it, so a header of many parts without one
  // (`a;a;a;…`) is read in one pass, not once per part.
  let eq = -1;
  for (let start = 0; start < header.length;) {
    let end = header.indexOf(';', start);
    if (end === -1) end = header.length;
    if (eq !== -2 && eq < start) {
      eq = header.indexOf('=', start);
      if (eq === -1) eq = -2; // none left in the header
    }
    if (eq >= 0 && eq < end) {
      const name = header.slice(start, eq).trim();
      let value = header.slice(eq + 1, end).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
        value = value.slice(1, -1);
      if (name !== '' && !Object.hasOwn(cookies, name)) cookies[name] = value;
    }
    start = end + 1;
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
