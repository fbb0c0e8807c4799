/**
 * @module Token refusals: one code per reason, and the mapping from jose's errors onto them.
 *
 * Every message here is a fixed sentence written by hand. Neither the token nor jose's own message
 * (nor its `payload`, which holds the claims) is ever copied in or attached as `cause`, so an error
 * can be logged, audited or sent over the socket without leaking a credential.
 */
import { errors as jose } from 'jose';
import { AppError, type ErrorData } from '../../../src/protocol/errors.js';

/** The codes a token refusal carries. */
export type TokenErrorCode =
  | 'TOKEN_MALFORMED'
  | 'TOKEN_ALGORITHM'
  | 'TOKEN_SIGNATURE'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'TOKEN_CLAIM_INVALID'
  | 'TOKEN_REVOKED'
  | 'TOKEN_REUSED';

/** Options of a {@link TokenError}. */
export interface TokenErrorOptions {
  /** Public detail for the wire (e.g. `claim`); never a secret. */
  details?: Omit<ErrorData, 'code'>;
  /** The session concerned, for the caller's audit event; kept off the wire. */
  sessionId?: string;
  /** The session's user, for the caller's audit event; kept off the wire. */
  username?: string;
}

/** A token or session credential was refused. */
export class TokenError extends AppError {
  declare readonly code: TokenErrorCode;
  /** The session the refused credential belonged to, when known (not in `toWire()`). */
  readonly sessionId: string | undefined;
  /** That session's user, when known (not in `toWire()`). */
  readonly username: string | undefined;

  constructor(code: TokenErrorCode, message: string, options: TokenErrorOptions = {}) {
    super(code, message, options.details === undefined ? {} : { details: options.details });
    this.sessionId = options.sessionId;
    this.username = options.username;
  }
}

/** Claim and header names a message may name; anything else is reported as 'unknown'. */
const namedClaims = new Set([
  'iss',
  'aud',
  'sub',
  'jti',
  'sid',
  'roles',
  'iat',
  'exp',
  'nbf',
  'typ',
]);

/** The refusal for a missing or wrong claim (or the `typ` header). */
export function claimInvalid(claim: string): TokenError {
  const name = namedClaims.has(claim) ? claim : 'unknown';
  return new TokenError('TOKEN_CLAIM_INVALID', `token claim "${name}" is missing or wrong`, {
    details: { claim: name },
  });
}

/** The refusal for a token that is not a compact JWS/JWT at all. */
export function malformed(): TokenError {
  return new TokenError('TOKEN_MALFORMED', 'token is not a well-formed JWT');
}

/**
 * Translates an error thrown by jose's `jwtVerify` into a {@link TokenError}; a TokenError (thrown
 * by our key resolver) passes through. Returns undefined for anything else (a programming error,
 * which the caller rethrows as is).
 */
export function fromJoseError(error: unknown): TokenError | undefined {
  if (error instanceof TokenError) return error;
  if (!(error instanceof jose.JOSEError)) return undefined;
  switch (error.code) {
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      // `alg: none`, HS256 with a public key as secret, or our other algorithm: all land here,
      // because jose checks the pinned list before it looks at a key.
      return new TokenError('TOKEN_ALGORITHM', 'token algorithm is not allowed');
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return new TokenError('TOKEN_SIGNATURE', 'token signature does not verify');
    case 'ERR_JWT_EXPIRED':
      // `exp` passed, or `iat` older than the lifetime allows.
      return new TokenError('TOKEN_EXPIRED', 'token has expired');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const failure = error as jose.JWTClaimValidationFailed;
      if (failure.reason === 'check_failed' && failure.claim === 'nbf') {
        return new TokenError('TOKEN_NOT_YET_VALID', 'token is not valid yet');
      }
      if (failure.reason === 'check_failed' && failure.claim === 'iat') {
        return new TokenError('TOKEN_NOT_YET_VALID', 'token was issued in the future');
      }
      return claimInvalid(failure.claim);
    }
    default:
      // ERR_JWS_INVALID, ERR_JWT_INVALID, ERR_JOSE_NOT_SUPPORTED (an unknown `crit`), ...
      return malformed();
  }
}
