/**
 * @module The one mapping from a thrown error to an HTTP status and a JSON error body.
 *
 * Handlers throw the AppError of src/protocol/errors.ts (or an HttpError for what only HTTP has);
 * this module decides the status. Anything unexpected becomes 500 INTERNAL with a generic message:
 * no stack, no internal text, ever.
 */
import { AppError, type ErrorCode } from '../../../src/protocol/errors.js';
import { HttpError } from './http-error.js';

/** The body of every JSON error answer. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/** What a failure turns into. */
export interface MappedError {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** True when the failure was not an expected refusal (worth a log line). */
  unexpected: boolean;
}

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  INVALID_PARAMS: 400,
  PARSE_ERROR: 400,
  INVALID_REQUEST: 400,
  WEAK_PASSWORD: 400,
  THREAT_DETECTED: 400,
  UNAUTHORISED: 401,
  AUTH_FAILED: 401,
  TOKEN_MALFORMED: 401,
  TOKEN_ALGORITHM: 401,
  TOKEN_SIGNATURE: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_NOT_YET_VALID: 401,
  TOKEN_CLAIM_INVALID: 401,
  TOKEN_REVOKED: 401,
  TOKEN_REUSED: 401,
  FORBIDDEN: 403,
  IP_BANNED: 403,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_FOUND: 404,
  CONFLICT: 409,
  ACCOUNT_LOCKED: 423,
  SHUTTING_DOWN: 503,
};

const GENERIC = 'internal error (see the daemon log)';

/** The HTTP status of a protocol code (500 for codes with no client meaning). */
export function statusOf(code: ErrorCode): number {
  return STATUS_BY_CODE[code] ?? 500;
}

/** Maps anything thrown to a status and body. */
export function mapError(error: unknown): MappedError {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message } },
      headers: { ...error.headers },
      unexpected: false,
    };
  }
  if (error instanceof AppError) {
    const code = error.code;
    const status = statusOf(code);
    if (status === 500)
      return {
        status,
        body: { error: { code: 'INTERNAL', message: GENERIC } },
        headers: {},
        unexpected: true,
      };
    const field = error.details['field'];
    return {
      status,
      body: {
        error: {
          code,
          message: error.message,
          ...(typeof field === 'string' && field !== '' ? { field } : {}),
        },
      },
      headers: {},
      unexpected: false,
    };
  }
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: GENERIC } },
    headers: {},
    unexpected: true,
  };
}
