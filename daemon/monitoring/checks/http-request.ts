/**
 * @module The slice of fetch the http check uses, and a fetch-alike for targets whose
 * certificate does not verify.
 *
 * Node 20's global fetch cannot turn certificate verification off without undici's Agent (not a
 * dependency here), so `insecure` checks go through node:https with `rejectUnauthorized: false`.
 * That path does not follow redirects: a 3xx is reported as it is.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What the http check reads from a response. The global fetch's Response fits. */
export interface HttpResponseLike {
  status: number;
  statusText: string;
  body: AsyncIterable<Uint8Array> | null;
}

/** The request the http check makes. */
export interface HttpRequestInit {
  method: string;
  headers: Record<string, string>;
  signal: AbortSignal;
}

/** A fetch: the global one, a stub in tests, or {@link insecureFetch}. */
export type FetchLike = (url: string, init: HttpRequestInit) => Promise<HttpResponseLike>;

/** Makes one request without verifying the server's certificate. */
export const insecureFetch: FetchLike = (url, init) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(
      target,
      { method: init.method, headers: init.headers, signal: init.signal, rejectUnauthorized: false },
      (res: IncomingMessage) => resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', body: res }),
    );
    req.once('error', reject);
    req.end();
  });

/** Reads at most `limit` bytes of a body as UTF-8, then lets the rest go (the stream is cancelled). */
export async function readBody(body: AsyncIterable<Uint8Array> | null, limit: number): Promise<string> {
  if (body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.byteLength;
    if (size >= limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

/** Releases a body that will not be read, so its connection is freed now rather than at GC. */
export function discardBody(body: AsyncIterable<Uint8Array> | null): void {
  if (body === null) return;
  const stream = body as { cancel?: () => Promise<void>; destroy?: () => void };
  if (typeof stream.cancel === 'function') stream.cancel().catch(() => undefined);
  else if (typeof stream.destroy === 'function') stream.destroy();
}
