/**
 * @module The app's calls to /api/v1: JSON in and out, the CSRF header on every state change, and
 * a 401 (signed out or session expired) sends the browser to the login page.
 */

/** An error reply from the API, with the protocol's code. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {string | undefined} [field]
   */
  constructor(status, code, message, field) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/**
 * One cookie's value from a `document.cookie` string; null when absent.
 * @param {string} cookies
 * @param {string} name
 */
export function readCookie(cookies, name) {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return part.slice(eq + 1).trim();
      }
    }
  }
  return null;
}

/**
 * The login page's address that returns here afterwards.
 * @param {{ pathname: string, search: string }} loc
 */
export function loginUrl(loc) {
  return `/login?next=${encodeURIComponent(loc.pathname + loc.search)}`;
}

/**
 * @typedef {object} ApiDeps
 * @property {typeof fetch} [fetch]
 * @property {() => string} [cookies]  the document's cookies
 * @property {{ pathname: string, search: string, assign(url: string): void }} [location]
 */

/**
 * @param {ApiDeps} [deps]  injected for tests; the browser's by default
 */
export function createApi(deps = {}) {
  const doFetch = deps.fetch ?? globalThis.fetch.bind(globalThis);
  const cookies = deps.cookies ?? (() => document.cookie);
  const loc = deps.location ?? window.location;
  /** @type {string | null} */
  let sessionToken = null;

  /**
   * @param {'GET' | 'POST' | 'PUT' | 'DELETE'} method
   * @param {string} path
   * @param {unknown} [body]
   */
  async function request(method, path, body) {
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') {
      const token = readCookie(cookies(), 'cb_csrf') ?? sessionToken;
      if (token !== null) headers['X-CSRF-Token'] = token;
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await doFetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 401) {
      loc.assign(loginUrl(loc));
      throw new ApiError(401, 'UNAUTHORISED', 'signed out: opening the login page');
    }
    /** @type {any} */
    let data = null;
    const text = await res.text();
    if (text !== '') {
      try {
        data = JSON.parse(text);
      } catch {
        data = null;
      }
    }
    if (!res.ok) {
      const e = data !== null && typeof data === 'object' ? data.error : undefined;
      throw new ApiError(
        res.status,
        typeof e?.code === 'string' ? e.code : 'HTTP_' + res.status,
        typeof e?.message === 'string' ? e.message : `the server answered ${res.status}`,
        typeof e?.field === 'string' ? e.field : undefined,
      );
    }
    return data;
  }

  return {
    /**
     * The session reply's CSRF token, used when the cb_csrf cookie cannot be read.
     * @param {string | null} token
     */
    setCsrfToken(token) {
      sessionToken = token;
    },
    /** @param {string} path */
    get: (path) => request('GET', path),
    /** @param {string} path @param {unknown} body */
    post: (path, body) => request('POST', path, body),
    /** @param {string} path */
    del: (path) => request('DELETE', path),
  };
}

/** @typedef {ReturnType<typeof createApi>} Api */
