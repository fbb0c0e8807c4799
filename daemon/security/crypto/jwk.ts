/**
 * @module Public keys as JWK (RFC 7517) with RFC 7638 thumbprints as `kid`.
 *
 * A thumbprint `kid` is derived from the key itself, so it is stable across restarts, unique per
 * key, and any verifier (jose, python) can recompute it; no registry of ids is needed.
 */
import { createHash, type KeyObject } from 'node:crypto';

/** The JWS algorithm names we sign with. */
export type JwsAlgorithm = 'PS256' | 'EdDSA';

/** A public signing key as JWK. */
export interface PublicJwk {
  kty: 'RSA' | 'OKP';
  kid: string;
  alg: JwsAlgorithm;
  use: 'sig';
  n?: string;
  e?: string;
  crv?: string;
  x?: string;
}

/** A JSON Web Key Set. */
export interface Jwks {
  keys: PublicJwk[];
}

interface RawJwk {
  kty?: string;
  n?: string;
  e?: string;
  crv?: string;
  x?: string;
}

/** The RFC 7638 SHA-256 thumbprint (base64url) of an RSA or OKP public key. */
export function jwkThumbprint(jwk: RawJwk): string {
  // Required members only, in lexicographic order, no whitespace (RFC 7638 section 3).
  const canonical =
    jwk.kty === 'RSA'
      ? JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n })
      : JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  return createHash('sha256').update(canonical).digest('base64url');
}

/** Exports a public key (or the public half of a private key) as a signing JWK. */
export function toPublicJwk(key: KeyObject, alg: JwsAlgorithm): PublicJwk {
  const raw = key.export({ format: 'jwk' }) as RawJwk;
  const kid = jwkThumbprint(raw);
  if (raw.kty === 'RSA') {
    return { kty: 'RSA', kid, alg, use: 'sig', n: raw.n as string, e: raw.e as string };
  }
  return { kty: 'OKP', kid, alg, use: 'sig', crv: raw.crv as string, x: raw.x as string };
}
