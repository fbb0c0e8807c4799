/**
 * @module The header list of an answer: the security headers every response carries (HSTS too
 * over TLS), its type and length and its route's own headers, as node's raw `[name, value, ...]`
 * list for one `writeHead` — which costs much less per request than a `setHeader` call per header,
 * each validated and stored by node one by one.
 */
import type { ServerResponse } from 'node:http';
import { HSTS, SECURITY_HEADERS } from './security-headers.js';

/** Whether a response goes out over TLS (it then carries HSTS), recorded by applySecurityHeaders. */
const TLS = Symbol('clickup-brain.http.tls');
type Marked = ServerResponse & { [TLS]?: boolean };

/** The security headers as node's raw [name, value, ...] list, built once. */
export const SECURITY_RAW: readonly string[] = Object.entries(SECURITY_HEADERS).flat();
/** The same with HSTS, for an answer over TLS. */
export const SECURITY_RAW_TLS: readonly string[] = [
  ...SECURITY_RAW,
  'strict-transport-security',
  HSTS,
];

/**
 * Marks `res` for the security headers (and HSTS over TLS), which respond.ts writes with the
 * status line, in its header list.
 */
export function applySecurityHeaders(res: ServerResponse, tls: boolean): void {
  (res as Marked)[TLS] = tls;
}

/** Whether `res` goes out over TLS (recorded by applySecurityHeaders). */
export function overTls(res: ServerResponse): boolean {
  return (res as Marked)[TLS] === true;
}

/** Whether an answer with `status` goes without a body, and so without a length (204, 304). */
export function bodiless(status: number): boolean {
  return status === 204 || status === 304;
}

/** The Content-Length of `body` (text goes out as UTF-8). */
export function bodyLength(body: string | Buffer): number {
  return typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
}

/**
 * The whole header list of a response nothing else has set headers on, or null when a route's
 * header names one twice (e.g. `ETag` and `etag`) and the slow path must settle which wins.
 */
export function headerList(
  tls: boolean,
  contentType: string,
  length: number | null,
  headers: Readonly<Record<string, string>> | undefined,
  noStore: boolean,
): string[] | null {
  const raw = [...(tls ? SECURITY_RAW_TLS : SECURITY_RAW)];
  raw.push('content-type', contentType);
  let cacheControl = false;
  if (headers !== undefined) {
    const seen = new Set<string>();
    for (const name of Object.keys(headers)) {
      const lower = name.toLowerCase();
      if (seen.has(lower) || lower === 'content-type' || lower === 'content-length') return null;
      if (Object.hasOwn(SECURITY_HEADERS, lower) || lower === 'strict-transport-security')
        return null;
      seen.add(lower);
      const value = headers[name] as string;
      if (lower === 'set-cookie') for (const cookie of value.split('\n')) raw.push(name, cookie);
      else raw.push(name, value);
      if (lower === 'cache-control') cacheControl = true;
    }
  }
  if (noStore && !cacheControl) raw.push('cache-control', 'no-store');
  if (length !== null) raw.push('content-length', String(length));
  return raw;
}
