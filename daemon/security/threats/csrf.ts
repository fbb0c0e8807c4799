/**
 * @module Cross-site request forgery check for state-changing HTTP requests.
 *
 * Two independent checks, as OWASP's cheat sheet recommends: the request's Origin (or, when a
 * browser sent none, its Referer) must be one of the allowed origins, and the request must carry
 * the CSRF token of its session. Safe methods (GET, HEAD, OPTIONS) change nothing and pass.
 * Tokens are compared in constant time over their SHA-256 digests, so length leaks nothing either.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type CsrfReason = 'origin-missing' | 'origin-mismatch' | 'token-missing' | 'token-mismatch';

export interface CsrfRequest {
  method: string;
  /** The Origin header, if any. */
  origin?: string | null;
  /** The Referer header, if any. */
  referer?: string | null;
  /** The token the request carries (header or form field). */
  token?: string | null;
}

export interface CsrfOptions {
  /** Origins allowed to make state-changing requests, e.g. `http://127.0.0.1:8080`. */
  allowedOrigins: readonly string[];
  /** The token issued to the request's session; null when it has none. */
  expectedToken: string | null;
}

export interface CsrfVerdict {
  reason: CsrfReason;
  /** Stable rule id, like the threat detector's. */
  rule: string;
  message: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin (`scheme://host[:port]`) of a URL, or null when it is not one. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? null : parsed.origin;
  } catch {
    return null;
  }
}

function sameToken(a: string, b: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** Null when the request may proceed, else why it is refused. */
export function checkCsrf(request: CsrfRequest, options: CsrfOptions): CsrfVerdict | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const allowed = new Set(
    options.allowedOrigins.map((o) => originOf(o)).filter((o): o is string => o !== null),
  );
  const claimed = request.origin
    ? originOf(request.origin)
    : request.referer
      ? originOf(request.referer)
      : null;
  if (!request.origin && !request.referer) {
    return {
      reason: 'origin-missing',
      rule: 'csrf.origin-missing',
      message: 'state-changing request without an Origin or Referer header',
    };
  }
  if (claimed === null || !allowed.has(claimed)) {
    return {
      reason: 'origin-mismatch',
      rule: 'csrf.origin-mismatch',
      message: `origin ${claimed ?? '(unparseable)'} is not allowed`,
    };
  }
  if (!request.token)
    return {
      reason: 'token-missing',
      rule: 'csrf.token-missing',
      message: 'state-changing request without a CSRF token',
    };
  if (options.expectedToken === null || !sameToken(request.token, options.expectedToken)) {
    return {
      reason: 'token-mismatch',
      rule: 'csrf.token-mismatch',
      message: 'CSRF token does not match the session',
    };
  }
  return null;
}
