/**
 * @module The authentication step: a bearer access token (`Authorization: Bearer <jwt>`) or the
 * `cb_session` cookie becomes the request's principal.
 *
 * A bearer token wins over a cookie: a script that sends one means it. Credentials that were sent
 * but do not hold (expired, revoked, forged) are reported as `failure`, and the route decides: a
 * public route goes on without a principal, a protected one answers 401 with the token's code (or
 * sends a page to the login). Forged or malformed credentials count towards the address's ban at
 * the decision point; an expired or revoked one is normal and does not.
 */
import { AppError } from '../../../src/protocol/errors.js';
import type { AuditLog } from '../../security/audit-log.js';
import type { SecurityEngine } from '../../security/engine/security-engine.js';
import { userStatus } from '../../security/users/user-record.js';
import { TokenError } from '../../security/tokens/token-errors.js';
import type { Clock } from '../../clock.js';
import { SESSION_COOKIE } from '../auth/cookies.js';
import type { BearerTokens, VerifiedBearer } from '../auth/bearer-tokens.js';
import type { CookieSession, CookieSessions } from '../auth/cookie-sessions.js';
import type { HttpPrincipal } from '../types.js';

/** What the step found. */
export interface AuthOutcome {
  principal: HttpPrincipal | null;
  /** The cookie secret, when the principal came from the cookie (the CSRF token derives from it). */
  sessionSecret: string | null;
  /** The cookie session's CSRF token (null for a bearer token or no principal). */
  csrfToken: string | null;
  /** When a cookie session ends at the latest (ms). */
  sessionExpiresAt: number | null;
  /** Why credentials that were sent did not authenticate. */
  failure: AppError | null;
  /** The cookie named a session that is gone: clear it. */
  clearCookie: boolean;
}

export interface AuthenticateDeps {
  security: SecurityEngine;
  audit: AuditLog;
  cookieSessions: CookieSessions;
  /** Bearer tokens: the engine's verification, remembered briefly (see bearer-tokens.ts). */
  bearerTokens: BearerTokens;
  clock: Clock;
}

const NONE: AuthOutcome = {
  principal: null,
  sessionSecret: null,
  csrfToken: null,
  sessionExpiresAt: null,
  failure: null,
  clearCookie: false,
};

const BEARER = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i;
const BEARER_PREFIX = 'Bearer ';

const SUSPICIOUS = new Set([
  'TOKEN_MALFORMED',
  'TOKEN_SIGNATURE',
  'TOKEN_ALGORITHM',
  'TOKEN_CLAIM_INVALID',
]);

/**
 * Authenticates a request from its headers and cookies. Never throws for bad credentials.
 * Synchronous (no promise) when the credentials were verified within the last minute — nearly
 * every request; a promise when the engine must verify them.
 */
export function authenticate(
  deps: AuthenticateDeps,
  request: {
    authorization: string | undefined;
    cookies: Record<string, string>;
    ip: string;
    userAgent: string | null;
  },
): AuthOutcome | Promise<AuthOutcome> {
  if (request.authorization !== undefined)
    return bearer(deps, request.authorization, request.ip, request.userAgent);
  const secret = request.cookies[SESSION_COOKIE];
  if (secret === undefined || secret === '') return NONE;
  const session = deps.cookieSessions.recall(secret);
  return session === null ? cookie(deps, secret, request.ip) : cookieOutcome(deps, secret, session);
}

function bearer(
  deps: AuthenticateDeps,
  header: string,
  ip: string,
  userAgent: string | null,
): AuthOutcome | Promise<AuthOutcome> {
  // The usual form first, without the pattern's pass over the whole token: a remembered token is
  // one that matched the pattern when it was verified, and only that exact text hashes to it.
  if (header.startsWith(BEARER_PREFIX)) {
    try {
      const known = deps.bearerTokens.recall(header.slice(BEARER_PREFIX.length), { ip });
      if (known !== null) return bearerOutcome(known);
    } catch (error) {
      // As verifyBearer: a refusal is an outcome (e.g. an address the blacklist cannot read).
      if (error instanceof AppError) return { ...NONE, failure: error };
      throw error;
    }
  }
  const match = BEARER.exec(header);
  if (match === null)
    return {
      ...NONE,
      failure: new AppError(
        'UNAUTHORISED',
        'the Authorization header must be "Bearer <access token>"',
      ),
    };
  // Another spelling of the scheme or spacing, or a token not remembered: verify() recalls it
  // first and asks the engine only when it must.
  return verifyBearer(deps, match[1] as string, ip, userAgent);
}

/** A bearer token to verify (from memory when remembered, else by the engine). */
async function verifyBearer(
  deps: AuthenticateDeps,
  token: string,
  ip: string,
  userAgent: string | null,
): Promise<AuthOutcome> {
  try {
    return bearerOutcome(await deps.bearerTokens.verify(token, { ip, userAgent }));
  } catch (error) {
    if (error instanceof AppError) return { ...NONE, failure: error };
    throw error;
  }
}

function bearerOutcome({ claims, user }: VerifiedBearer): AuthOutcome {
  return {
    ...NONE,
    principal: {
      username: user.username,
      roles: [...user.roles],
      sessionId: claims.sid,
      via: 'bearer',
    },
  };
}

/** The outcome of a live session; a refusal when its user can no longer log in. */
function cookieOutcome(
  deps: AuthenticateDeps,
  secret: string,
  session: CookieSession,
): AuthOutcome {
  const user = deps.security.users.find(session.username);
  // Gone, disabled or locked out since the session began.
  if (user === undefined || userStatus(user, deps.clock.now()) !== 'active') {
    deps.cookieSessions.forget(secret);
    return {
      ...NONE,
      failure: new TokenError('TOKEN_REVOKED', "the session's user can no longer log in"),
      clearCookie: true,
    };
  }
  return {
    principal: {
      username: user.username,
      roles: [...user.roles],
      sessionId: session.sessionId,
      via: 'cookie',
    },
    sessionSecret: secret,
    csrfToken: session.csrfToken,
    sessionExpiresAt: session.absoluteExpiresAt,
    failure: null,
    clearCookie: false,
  };
}

/** A cookie secret the engine must check. */
async function cookie(deps: AuthenticateDeps, secret: string, ip: string): Promise<AuthOutcome> {
  try {
    return cookieOutcome(deps, secret, await deps.cookieSessions.authenticate(secret));
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    if (SUSPICIOUS.has(error.code)) {
      const incident = deps.security.decisions.newIncident();
      await deps.audit.append({
        type: 'token.refused',
        actor: 'anonymous',
        subject: null,
        ip,
        outcome: 'refused',
        details: { incident, code: error.code, kind: 'cookie' },
      });
      await deps.security.decisions.failure({ kind: 'token', ip, incident });
    }
    return { ...NONE, failure: error, clearCookie: true };
  }
}
