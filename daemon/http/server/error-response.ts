/**
 * @module Answering a failure: JSON for the API, a redirect to the login or a small HTML page for
 * the pages.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mapError } from './errors.js';
import { escapeHtml } from '../../html-escape.js';
import { messagePage, page } from './html-pages.js';
import { sendBody, sendJson } from './respond.js';

/** Logs what the client is not told. */
export interface ErrorLogger {
  error(fields: Record<string, unknown>, message: string): void;
}

/** `next` for the login page: the path and query the user was going to. */
export function loginRedirect(path: string, search: string, expired: boolean): string {
  const next = encodeURIComponent(`${path}${search}`);
  return `/login?next=${next}${expired ? '&expired=1' : ''}`;
}

/** Sends a 303 to `location`. */
export function redirect(
  req: IncomingMessage,
  res: ServerResponse,
  location: string,
  headers?: Record<string, string>,
): void {
  res.setHeader('location', location);
  res.setHeader('cache-control', 'no-store');
  sendBody(req, res, 303, '', 'text/plain; charset=utf-8', headers);
}

/** Sends `error` as JSON or as an HTML page. */
export function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  error: unknown,
  html: boolean,
  logger: ErrorLogger,
  where: Record<string, unknown>,
): void {
  const mapped = mapError(error);
  if (mapped.unexpected) logger.error({ err: error, ...where }, 'HTTP request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (!html) return sendJson(req, res, mapped.status, mapped.body, mapped.headers);
  res.setHeader('cache-control', 'no-store');
  const body =
    mapped.status === 404 || mapped.status === 403
      ? messagePage(mapped.status, mapped.body.error.message)
      : page(
          `Error ${mapped.status}`,
          `<h1>Error ${mapped.status}</h1>\n<p>${escapeHtml(mapped.body.error.message)}</p>\n<p><a href="/">Back to the dashboard</a></p>`,
        );
  sendBody(req, res, mapped.status, body, 'text/html; charset=utf-8', mapped.headers);
}
