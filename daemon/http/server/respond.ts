/**
 * @module Writing a route's result (JSON, bytes, or an event stream) with the security headers.
 *
 * HEAD gets the headers a GET would (Content-Length included) and no body. Server-Sent Events
 * stream until the client goes or the server stops; a comment line every 15 s keeps proxies and
 * the browser from timing the stream out.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpResult } from '../types.js';
import { HSTS, SECURITY_HEADERS } from './security-headers.js';

/** How often an idle event stream gets a keep-alive comment. */
export const SSE_HEARTBEAT_MS = 15_000;

/** How long a browser waits before reconnecting a dropped event stream (sent once per stream). */
export const SSE_RETRY_MS = 5_000;

/** Sets the security headers (and HSTS over TLS) on `res`. */
export function applySecurityHeaders(res: ServerResponse, tls: boolean): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (tls) res.setHeader('strict-transport-security', HSTS);
}

/** Adds one header value to those already set (Set-Cookie may come from several places). */
export function appendHeader(res: ServerResponse, name: string, value: string): void {
  const before = res.getHeader(name);
  if (before === undefined) res.setHeader(name, value);
  else res.setHeader(name, [...(Array.isArray(before) ? before : [String(before)]), value]);
}

function setHeaders(res: ServerResponse, headers: Record<string, string> | undefined): void {
  for (const [name, value] of Object.entries(headers ?? {})) {
    // A route's headers are one string each; several cookies come one per line.
    if (name.toLowerCase() === 'set-cookie')
      for (const cookie of value.split('\n')) appendHeader(res, 'set-cookie', cookie);
    else res.setHeader(name, value);
  }
}

/** Writes a plain (non-stream) body. */
export function sendBody(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers?: Record<string, string>,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.statusCode = status;
  res.setHeader('content-type', contentType);
  setHeaders(res, headers);
  const empty = status === 204 || status === 304;
  // HEAD gets the length a GET would have, and no body.
  if (!empty) res.setHeader('content-length', bytes.length);
  res.end(req.method === 'HEAD' || empty ? undefined : bytes);
}

/** Writes a JSON body; API answers are never cached. */
export function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  value: unknown,
  headers?: Record<string, string>,
): void {
  if (!res.hasHeader('cache-control')) res.setHeader('cache-control', 'no-store');
  sendBody(
    req,
    res,
    status,
    `${JSON.stringify(value)}\n`,
    'application/json; charset=utf-8',
    headers,
  );
}

/**
 * Writes a route's result.
 * @param streams where an event stream registers its abort controller, so the server can end it.
 */
export function sendResult(
  req: IncomingMessage,
  res: ServerResponse,
  result: HttpResult,
  streams: Set<AbortController>,
): void {
  if ('json' in result) return sendJson(req, res, result.status, result.json, result.headers);
  if ('body' in result)
    return sendBody(req, res, result.status, result.body, result.contentType, result.headers);
  startStream(req, res, result.sse, streams);
}

function startStream(
  req: IncomingMessage,
  res: ServerResponse,
  run: (send: (event: string, data: unknown) => void, signal: AbortSignal) => void,
  streams: Set<AbortController>,
): void {
  res.statusCode = 200;
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-accel-buffering', 'no');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  res.flushHeaders();
  // Browsers reconnect after 3 s by default; 5 s spreads a daemon restart's reconnects out.
  res.write(`retry: ${SSE_RETRY_MS}\n\n`);
  const controller = new AbortController();
  streams.add(controller);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), SSE_HEARTBEAT_MS);
  heartbeat.unref();
  const end = (): void => {
    if (!controller.signal.aborted) controller.abort();
  };
  controller.signal.addEventListener('abort', () => {
    clearInterval(heartbeat);
    streams.delete(controller);
    if (!res.writableEnded) res.end();
  });
  res.on('close', end);
  req.on('close', end);
  const send = (event: string, data: unknown): void => {
    if (controller.signal.aborted || res.writableEnded) return;
    // An event name is one line; data is JSON, which has no raw newlines.
    const name = String(event).replace(/[\r\n]/g, '');
    res.write(`event: ${name}\ndata: ${JSON.stringify(data ?? null)}\n\n`);
  };
  try {
    run(send, controller.signal);
  } catch {
    end();
  }
}
