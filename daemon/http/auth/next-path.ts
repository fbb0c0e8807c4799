/**
 * @module Where to go after logging in: only a path on this server (no open redirect).
 */

const CONTROL = /[\u0000-\u001f\u007f\\]/;

/** `next` when it is a local absolute path (`/alerts?x=1`), else `/`. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return '/';
  // `//host` and `/\host` are protocol-relative to a browser; control characters can hide either.
  if (!next.startsWith('/') || next.startsWith('//') || CONTROL.test(next)) return '/';
  try {
    const url = new URL(next, 'http://local.invalid');
    if (url.origin !== 'http://local.invalid') return '/';
    if (url.pathname === '/login' || url.pathname === '/logout') return '/';
    return `${url.pathname}${url.search}`;
  } catch {
    return '/';
  }
}
