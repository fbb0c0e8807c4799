/**
 * @module The options of AccessTokens: checked once, defaults applied, wrong use is a TypeError.
 */
import type { Clock } from '../../clock.js';
import type { JwsAlgorithm } from '../crypto/jwk.js';
import { SigningKeys, type SigningAlgorithm } from '../crypto/signing-keys.js';

/** Options of {@link AccessTokens}. */
export interface AccessTokensOptions {
  /** The signing key ring; the newest key of `algorithm` signs, every kept version verifies. */
  keys: SigningKeys;
  /** Source of `iat` at issue and of "now" at verification. */
  clock: Clock;
  /** The `iss` claim written and required. */
  issuer: string;
  /** The `aud` claim written and required. */
  audience: string;
  /** Lifetime in ms, a whole number of seconds from 1 s to 24 h. @default 900_000 (15 min) */
  ttlMs?: number;
  /** The one algorithm issued and accepted. @default 'ed25519' */
  algorithm?: SigningAlgorithm;
  /**
   * Leeway in ms, a whole number of seconds up to 60 s, for `exp`, `nbf` and `iat`. The daemon
   * signs and verifies on one clock, but another verifier on another host (a proxy using the
   * JWKS) may run a little ahead or behind; a few seconds absorbs that without stretching the
   * lifetime in any way that matters. @default 5_000
   */
  clockToleranceMs?: number;
}

/** The options with defaults applied, times in seconds as JWT wants them. */
export interface ResolvedAccessTokensOptions {
  keys: SigningKeys;
  clock: Clock;
  issuer: string;
  audience: string;
  ttlSeconds: number;
  algorithm: SigningAlgorithm;
  /** The JWS name of `algorithm`: the only `alg` accepted. */
  jwsAlgorithm: JwsAlgorithm;
  toleranceSeconds: number;
}

const DEFAULT_TTL_MS = 15 * 60_000;
const MAX_TTL_MS = 24 * 3_600_000;
const DEFAULT_TOLERANCE_MS = 5_000;
const MAX_TOLERANCE_MS = 60_000;

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 256) {
    throw new TypeError(`"${name}" option must be a non-empty string of at most 256 characters`);
  }
  return value;
}

function wholeSeconds(value: unknown, name: string, min: number, max: number): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value % 1000 !== 0 ||
    value < min ||
    value > max
  ) {
    throw new TypeError(
      `"${name}" option must be a whole number of seconds in ms, from ${min} to ${max}`,
    );
  }
  return value / 1000;
}

/** Validates `options` and applies the defaults. @throws TypeError naming the bad option. */
export function resolveAccessTokensOptions(
  options: AccessTokensOptions,
): ResolvedAccessTokensOptions {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('options must be an object');
  if (!(options.keys instanceof SigningKeys))
    throw new TypeError('"keys" option must be a SigningKeys');
  const clock = options.clock as Partial<Clock> | undefined;
  if (typeof clock?.now !== 'function')
    throw new TypeError('"clock" option must have a now() method');
  const algorithm = options.algorithm ?? 'ed25519';
  if (algorithm !== 'ed25519' && algorithm !== 'rsa-pss') {
    throw new TypeError("\"algorithm\" option must be 'ed25519' or 'rsa-pss'");
  }
  return {
    keys: options.keys,
    clock: options.clock,
    issuer: text(options.issuer, 'issuer'),
    audience: text(options.audience, 'audience'),
    ttlSeconds: wholeSeconds(options.ttlMs ?? DEFAULT_TTL_MS, 'ttlMs', 1000, MAX_TTL_MS),
    algorithm,
    jwsAlgorithm: algorithm === 'ed25519' ? 'EdDSA' : 'PS256',
    toleranceSeconds: wholeSeconds(
      options.clockToleranceMs ?? DEFAULT_TOLERANCE_MS,
      'clockToleranceMs',
      0,
      MAX_TOLERANCE_MS,
    ),
  };
}
