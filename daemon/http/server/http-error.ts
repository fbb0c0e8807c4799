/**
 * @module Failures that exist only over HTTP (no socket-protocol code): too large, wrong media type,
 * wrong method, CSRF refusal, rate limit. Everything else is an AppError from src/protocol/errors.ts.
 */

/** The HTTP-only codes, sent as `error.code` like the protocol's. */
export type HttpErrorCode =
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'METHOD_NOT_ALLOWED'
  | 'CSRF_REJECTED'
  | 'RATE_LIMITED';

const STATUS: Record<HttpErrorCode, number> = {
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  METHOD_NOT_ALLOWED: 405,
  CSRF_REJECTED: 403,
  RATE_LIMITED: 429,
};

/** An HTTP-only refusal; `headers` go on the response (Allow, Retry-After). */
export class HttpError extends Error {
  readonly status: number;

  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = STATUS[code];
  }
}
