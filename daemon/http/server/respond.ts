/**
 * @module Writing a route's result (JSON, bytes, or an event stream) with the security headers.
 *
 * HEAD gets the headers a GET would (Content-Length included) and no body. Server-Sent Events
 * stream until the client goes or the server stops; a comment line every 15 s keeps proxies and
 * the browser from timing the stream out.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpResult } from '../types.js';
import {
  bodiless,
  bodyLength,
  headerList,
  overTls,
  SECURITY_RAW,
  SECURITY_RAW_TLS,
} from './header-list.js';
import type { PreparedBody } from './prepared-body.js';

/** The Content-Type of every JSON answer. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** How often an idle event stream gets a keep-alive comment. */
export const SSE_HEARTBEAT_MS = 15_000;

/** How long a browser waits before reconnecting a dropped event stream (sent once per stream). */
export const SSE_RETRY_MS = 5_000;

/** Sets the security headers not already set on `res` (the slow path: other headers were set). */
function setSecurityHeaders(res: ServerResponse): void {
  const raw = overTls(res) ? SECURITY_RAW_TLS : SECURITY_RAW;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (!res.hasHeader(name)) res.setHeader(name, raw[i + 1] as string);
  }
}

/** Adds one header value to those already set (Set-Cookie may come from several places). */
export function appendHeader(res: ServerResponse, name: string, value: string): void {
  const before = res.getHeader(name);
  if (before === undefined) res.setHeader(name, value);
  else res.setHeader(name, [...(Array.isArray(before) ? before : [String(before)]), value]);
}

function setHeaders(
  res: ServerResponse,
  headers: Readonly<Record<string, string>> | undefined,
): void {
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
  headers?: Readonly<Record<string, string>>,
  noStore = false,
): void {
  const empty = bodiless(status);
  // A text body goes out as text (UTF-8): node then writes it in one piece with the headers,
  // with no Buffer made for it first.
  const out = req.method === 'HEAD' || empty ? undefined : body;
  // HEAD gets the length a GET would have, and no body.
  const length = empty ? null : bodyLength(body);
  // The common case: no header set yet, so the status line and every header go in one call.
  const raw =
    res.getHeaderNames().length === 0
      ? headerList(overTls(res), contentType, length, headers, noStore)
      : null;
  if (raw !== null) {
    res.writeHead(status, raw);
    res.end(out);
    return;
  }
  setSecurityHeaders(res);
  if (noStore && !res.hasHeader('cache-control')) res.setHeader('cache-control', 'no-store');
  res.statusCode = status;
  res.setHeader('content-type', contentType);
  setHeaders(res, headers);
  if (length !== null) res.setHeader('content-length', length);
  res.end(out);
}

/** Writes a prepared body: with its header list as made once, unless a header was set already. */
export function sendPrepared(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  prepared: PreparedBody,
): void {
  const empty = bodiless(status);
  const list = res.getHeaderNames().length === 0 ? prepared.headerList(overTls(res), empty) : null;
  if (list === null) {
    sendBody(
      req,
      res,
      status,
      prepared.body,
      prepared.contentType,
      prepared.headers,
      prepared.noStore,
    );
    return;
  }
  res.writeHead(status, list as string[]);
  res.end(req.method === 'HEAD' || empty ? undefined : prepared.body);
}

/** Writes a JSON body; API answers are never cached. */
export function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  value: unknown,
  headers?: Record<string, string>,
): void {
  sendBody(req, res, status, `${JSON.stringify(value)}\n`, JSON_CONTENT_TYPE, headers, true);
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
  if ('prepared' in result) return sendPrepared(req, res, result.status, result.prepared);
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
  setSecurityHeaders(res);
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
