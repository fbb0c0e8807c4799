/**
 * @module Short-lived access tokens: JWTs (RFC 9068 `at+jwt`) signed with the signing key ring.
 *
 * The policy is fixed here rather than left to callers: one pinned algorithm (so `alg: none` and
 * HS256-with-a-public-key are refused before any key is touched), a pinned issuer, audience and
 * `typ`, a short lifetime, the key chosen by `kid` among every kept version (so a rotation does not
 * log anyone out), and a check that the token's session is still live. Each refusal has its own
 * code (token-errors.ts) and none repeats the token.
 *
 * @example
 * const tokens = new AccessTokens({ keys, clock, issuer: 'clickup-brain', audience: 'dashboard' });
 * const { token } = await tokens.issue({ sub: 'alice', sid: session.id, roles: ['admin'] });
 * const claims = await tokens.verify(token, (sid) => sessions.isLive(sid));
 */
import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import type { VerificationKey } from '../crypto/signing-keys.js';
import {
  type AccessTokensOptions,
  type ResolvedAccessTokensOptions,
  resolveAccessTokensOptions,
} from './access-token-options.js';
import { claimInvalid, fromJoseError, malformed, TokenError } from './token-errors.js';

/** The JWT `typ` header of an access token (RFC 9068 section 2.1). */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
/** Longest token looked at; ours are well under 1 KiB, so anything longer is refused unparsed. */
export const MAX_TOKEN_LENGTH = 8192;

const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_CLAIM_LENGTH = 256;

/** What an access token says about its bearer. */
export interface AccessTokenClaims {
  sub: string;
  /** The session the token belongs to. */
  sid: string;
  jti: string;
  /** Issued at, ms (the claim's seconds × 1000). */
  iat: number;
  /** Expires at, ms (the claim's seconds × 1000). */
  exp: number;
  /** The key that signed it. */
  kid: string;
  roles: string[];
}

/** A freshly issued token. */
export interface IssuedAccessToken {
  token: string;
  jti: string;
  kid: string;
  /** ms. */
  expiresAt: number;
}

function claimText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_CLAIM_LENGTH) {
    throw new TypeError(
      `"${name}" must be a non-empty string of at most ${MAX_CLAIM_LENGTH} characters`,
    );
  }
  return value;
}

function rolesOf(value: unknown): string[] {
  if (value === undefined) return [];
  if (
    !Array.isArray(value) ||
    value.some((r) => typeof r !== 'string' || r === '' || r.length > MAX_CLAIM_LENGTH)
  ) {
    throw new TypeError('"roles" must be an array of non-empty strings');
  }
  return [...(value as string[])];
}

/** Issues and verifies access tokens. */
export class AccessTokens {
  readonly #options: ResolvedAccessTokensOptions;

  /** @throws TypeError naming a bad option. */
  constructor(options: AccessTokensOptions) {
    this.#options = resolveAccessTokensOptions(options);
  }

  /** Lifetime of a new token, ms. */
  get ttlMs(): number {
    return this.#options.ttlSeconds * 1000;
  }

  /**
   * Signs a token for `sub` in session `sid`, with the newest key (made on first use).
   * @throws TypeError for a missing or malformed claim.
   */
  async issue(claims: { sub: string; sid: string; roles?: string[] }): Promise<IssuedAccessToken> {
    const sub = claimText(claims?.sub, 'sub');
    const sid = claimText(claims?.sid, 'sid');
    const roles = rolesOf(claims.roles);
    const { keys, algorithm, clock, issuer, audience, ttlSeconds } = this.#options;
    if (keys.versions(algorithm).length === 0) await keys.generate(algorithm);
    const key = keys.currentKey(algorithm);
    const iat = Math.floor(clock.now() / 1000);
    const exp = iat + ttlSeconds;
    const jti = randomBytes(16).toString('base64url');
    const token = await new SignJWT({ sid, roles })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(sub)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(jti)
      .sign(key.privateKey);
    return { token, jti, kid: key.kid, expiresAt: exp * 1000 };
  }

  /**
   * Checks a token and returns its claims. With `isSessionLive`, a token whose session has ended
   * is refused too (the token alone cannot know about a logout).
   * @throws TokenError: TOKEN_MALFORMED, TOKEN_ALGORITHM, TOKEN_SIGNATURE, TOKEN_EXPIRED,
   *   TOKEN_NOT_YET_VALID, TOKEN_CLAIM_INVALID or TOKEN_REVOKED.
   */
  async verify(
    token: string,
    isSessionLive?: (sid: string) => boolean,
  ): Promise<AccessTokenClaims> {
    if (isSessionLive !== undefined && typeof isSessionLive !== 'function') {
      throw new TypeError('"isSessionLive" must be a function');
    }
    if (typeof token !== 'string') throw malformed();
    if (token.length > MAX_TOKEN_LENGTH) {
      throw new TokenError(
        'TOKEN_MALFORMED',
        `token is longer than ${MAX_TOKEN_LENGTH} characters`,
      );
    }
    if (!compactJws.test(token)) throw malformed();
    const { jwsAlgorithm, clock, issuer, audience, ttlSeconds, toleranceSeconds } = this.#options;
    let kid = '';
    let result;
    try {
      result = await jwtVerify(
        token,
        (header) => {
          kid = typeof header.kid === 'string' ? header.kid : '';
          return this.#keyFor(header).publicKey;
        },
        {
          algorithms: [jwsAlgorithm],
          issuer,
          audience,
          typ: ACCESS_TOKEN_TYPE,
          requiredClaims: ['exp', 'jti', 'sub', 'sid'],
          // Requires `iat`, refuses one in the future, and caps the age at the lifetime even if
          // a token carried a later `exp`.
          maxTokenAge: ttlSeconds,
          clockTolerance: toleranceSeconds,
          currentDate: new Date(clock.now()),
        },
      );
    } catch (error) {
      throw fromJoseError(error) ?? error;
    }
    const claims = this.#claims(result.payload, kid);
    if (isSessionLive !== undefined && !isSessionLive(claims.sid)) {
      throw new TokenError('TOKEN_REVOKED', 'token belongs to a session that has ended', {
        sessionId: claims.sid,
        username: claims.sub,
      });
    }
    return claims;
  }

  #keyFor(header: JWTHeaderParameters): VerificationKey {
    if (typeof header.kid !== 'string' || header.kid === '') {
      throw new TokenError('TOKEN_SIGNATURE', 'token names no signing key');
    }
    const key = this.#options.keys.keyForKid(header.kid);
    if (key === undefined)
      throw new TokenError('TOKEN_SIGNATURE', 'token was signed by an unknown key');
    // The header's alg is already pinned; a kid of our other algorithm is a key mismatch.
    if (key.alg !== header.alg)
      throw new TokenError('TOKEN_SIGNATURE', 'token key does not match its algorithm');
    return key;
  }

  #claims(payload: Record<string, unknown>, kid: string): AccessTokenClaims {
    const text = (name: 'sub' | 'sid' | 'jti'): string => {
      const value = payload[name];
      if (typeof value !== 'string' || value === '' || value.length > MAX_CLAIM_LENGTH)
        throw claimInvalid(name);
      return value;
    };
    const roles = payload['roles'] ?? [];
    if (!Array.isArray(roles) || roles.some((r) => typeof r !== 'string'))
      throw claimInvalid('roles');
    // jose has checked that iat and exp are numbers; our own tokens carry whole seconds.
    const iat = payload['iat'] as number;
    const exp = payload['exp'] as number;
    return {
      sub: text('sub'),
      sid: text('sid'),
      jti: text('jti'),
      iat: iat * 1000,
      exp: exp * 1000,
      kid,
      roles: [...roles],
    };
  }
}
