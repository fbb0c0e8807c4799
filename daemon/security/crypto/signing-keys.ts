/**
 * @module Versioned signing key pairs: RSA-PSS 3072 (SHA-256, 32-byte salt) and Ed25519.
 *
 * Each algorithm has its own list of versions; signing uses the newest, verifying accepts any
 * version kept, so signatures (and tokens) made before a rotation stay valid until they expire.
 * Private keys are PKCS#8 PEM inside one JSON secret; only public halves are ever exported.
 */
import { constants, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject, sign, verify } from 'node:crypto';
import { promisify } from 'node:util';
import { NotFoundError } from '../../../src/protocol/errors.js';
import { CryptoInputError } from './errors.js';
import { type Jwks, type JwsAlgorithm, type PublicJwk, toPublicJwk } from './jwk.js';
import { parseStoredJson, type SecretBackend, SerialQueue } from './secret-backend.js';

const generateKeyPairAsync = promisify(generateKeyPair);

/** The signing algorithms offered. */
export type SigningAlgorithm = 'rsa-pss' | 'ed25519';
/** Every algorithm, in a stable order. */
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['rsa-pss', 'ed25519'];

/** RSA modulus size the spec asks for; 3072 bits matches 128-bit security (NIST SP 800-57). */
export const RSA_BITS = 3072;
/** PSS salt as long as the SHA-256 digest: what PS256 (RFC 7518) expects. */
export const PSS_SALT_BYTES = 32;

const jwsNames: Record<SigningAlgorithm, JwsAlgorithm> = { 'rsa-pss': 'PS256', ed25519: 'EdDSA' };

/** A detached signature and the key that made it. */
export interface SignatureResult {
  algorithm: SigningAlgorithm;
  keyVersion: number;
  kid: string;
  /** Standard base64. */
  signature: string;
}

/** Public metadata about one signing key version. */
export interface SigningKeyInfo {
  algorithm: SigningAlgorithm;
  version: number;
  createdAt: string;
  kid: string;
}

/** The newest signing key of one algorithm, as a JWS signer needs it. */
export interface CurrentSigningKey {
  kid: string;
  privateKey: KeyObject;
  /** The JWS `alg` name. */
  alg: JwsAlgorithm;
  algorithm: SigningAlgorithm;
  version: number;
}

/** A public key found by `kid`, as a JWS verifier needs it. */
export interface VerificationKey {
  publicKey: KeyObject;
  /** The JWS `alg` name the key is for; a token of another `alg` must not verify with it. */
  alg: JwsAlgorithm;
  algorithm: SigningAlgorithm;
  version: number;
}

interface SigningKey {
  info: SigningKeyInfo;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

type Ring = Record<SigningAlgorithm, SigningKey[]>;

/** Options for {@link SigningKeys.open}. */
export interface SigningKeysOptions {
  now?: () => Date;
}

function checkAlgorithm(algorithm: unknown): SigningAlgorithm {
  if (algorithm === 'rsa-pss' || algorithm === 'ed25519') return algorithm;
  throw new CryptoInputError('unknown_algorithm', `signing algorithm must be one of ${SIGNING_ALGORITHMS.join(', ')}`, 'algorithm');
}

function toData(data: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (Buffer.isBuffer(data)) return data;
  throw new CryptoInputError('malformed', 'data to sign or verify must be a string or a Buffer', 'data');
}

function makeKey(algorithm: SigningAlgorithm, version: number, createdAt: string, privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  const kid = toPublicJwk(publicKey, jwsNames[algorithm]).kid;
  return { info: { algorithm, version, createdAt, kid }, privateKey, publicKey };
}

function signOptions(algorithm: SigningAlgorithm, key: KeyObject) {
  // RSA-PSS keys here are plain 'rsa' keys; the padding and salt are fixed per call so that a
  // verifier never falls back to PKCS#1 v1.5 or accepts another salt length.
  return algorithm === 'rsa-pss' ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: PSS_SALT_BYTES } : key;
}

function decode(raw: string, name: string): Ring {
  const corrupt = () => new CryptoInputError('corrupt_key_store', `the signing keys stored as '${name}' are not readable`, 'name');
  const data = parseStoredJson(raw) as { format?: unknown; keys?: unknown } | undefined;
  if (typeof data !== 'object' || data === null || data.format !== 1 || !Array.isArray(data.keys)) throw corrupt();
  const ring: Ring = { 'rsa-pss': [], ed25519: [] };
  for (const entry of data.keys as unknown[]) {
    const k = entry as { algorithm?: unknown; version?: unknown; createdAt?: unknown; privateKey?: unknown };
    if (k?.algorithm !== 'rsa-pss' && k?.algorithm !== 'ed25519') throw corrupt();
    const list = ring[k.algorithm];
    if (k.version !== list.length + 1 || typeof k.createdAt !== 'string' || typeof k.privateKey !== 'string') throw corrupt();
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(k.privateKey);
    } catch {
      throw corrupt();
    }
    list.push(makeKey(k.algorithm, k.version, k.createdAt, privateKey));
  }
  return ring;
}

function encode(ring: Ring): string {
  const keys = SIGNING_ALGORITHMS.flatMap((algorithm) =>
    ring[algorithm].map((k) => ({
      algorithm,
      version: k.info.version,
      createdAt: k.info.createdAt,
      privateKey: k.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    })),
  );
  return JSON.stringify({ format: 1, keys });
}

/** Versioned signing keys for both algorithms, persisted as one secret. */
export class SigningKeys {
  #ring: Ring;
  readonly #secrets: SecretBackend;
  readonly #name: string;
  readonly #now: () => Date;
  readonly #queue = new SerialQueue();

  private constructor(secrets: SecretBackend, name: string, ring: Ring, now: () => Date) {
    this.#secrets = secrets;
    this.#name = name;
    this.#ring = ring;
    this.#now = now;
  }

  /** Loads the keys stored under `name` (none are generated until asked). */
  static async open(secrets: SecretBackend, name = 'signing-keys', options: SigningKeysOptions = {}): Promise<SigningKeys> {
    const raw = await secrets.get(name);
    const ring = raw === null ? { 'rsa-pss': [], ed25519: [] } : decode(raw, name);
    return new SigningKeys(secrets, name, ring, options.now ?? (() => new Date()));
  }

  /** Ensures a key exists for `algorithm`, generating version 1 if there is none; returns the newest. */
  async generate(algorithm: SigningAlgorithm): Promise<SigningKeyInfo> {
    const alg = checkAlgorithm(algorithm);
    const existing = this.#ring[alg].at(-1);
    if (existing !== undefined) return { ...existing.info };
    return this.#add(alg, false);
  }

  /** Adds a new newest version for `algorithm`; older versions keep verifying. */
  async rotate(algorithm: SigningAlgorithm): Promise<SigningKeyInfo> {
    return this.#add(checkAlgorithm(algorithm), true);
  }

  /** Metadata of every version of `algorithm` (or of all), oldest first. */
  versions(algorithm?: SigningAlgorithm): SigningKeyInfo[] {
    const algs = algorithm === undefined ? SIGNING_ALGORITHMS : [checkAlgorithm(algorithm)];
    return algs.flatMap((a) => this.#ring[a].map((k) => ({ ...k.info })));
  }

  /**
   * Signs `data` with the newest key of `algorithm`.
   * @throws NotFoundError when no key of that algorithm exists yet.
   */
  sign(data: string | Buffer, algorithm: SigningAlgorithm = 'rsa-pss'): SignatureResult {
    const alg = checkAlgorithm(algorithm);
    const key = this.#ring[alg].at(-1);
    if (key === undefined) throw new NotFoundError(`no ${alg} signing key yet; generate one first`);
    const signature = sign(alg === 'rsa-pss' ? 'sha256' : null, toData(data), signOptions(alg, key.privateKey));
    return { algorithm: alg, keyVersion: key.info.version, kid: key.info.kid, signature: signature.toString('base64') };
  }

  /**
   * Checks a signature. A wrong key, altered data or a signature of another algorithm gives false;
   * without `keyVersion` every kept version is tried.
   * @throws CryptoInputError for an unknown algorithm or input that is not a signature at all.
   */
  verify(data: string | Buffer, signature: string, algorithm: SigningAlgorithm, keyVersion?: number): boolean {
    const alg = checkAlgorithm(algorithm);
    const bytes = toData(data);
    if (typeof signature !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(signature) || signature.length % 4 !== 0) {
      throw new CryptoInputError('malformed', 'signature must be standard base64', 'signature');
    }
    if (keyVersion !== undefined && (!Number.isInteger(keyVersion) || keyVersion < 1)) {
      throw new CryptoInputError('malformed', 'key version must be a positive integer', 'keyVersion');
    }
    const sig = Buffer.from(signature, 'base64');
    const candidates = this.#ring[alg].filter((k) => keyVersion === undefined || k.info.version === keyVersion);
    return candidates.some((k) => {
      try {
        return verify(alg === 'rsa-pss' ? 'sha256' : null, bytes, signOptions(alg, k.publicKey), sig);
      } catch {
        return false;
      }
    });
  }

  /** The public key of `algorithm` (newest, or `version`) as SPKI PEM. */
  publicKeyPem(algorithm: SigningAlgorithm, version?: number): string {
    return this.#find(checkAlgorithm(algorithm), version).publicKey.export({ format: 'pem', type: 'spki' }) as string;
  }

  /** The public key of `algorithm` (newest, or `version`) as a JWK with `kid`, `alg` and `use`. */
  publicJwk(algorithm: SigningAlgorithm, version?: number): PublicJwk {
    const alg = checkAlgorithm(algorithm);
    return toPublicJwk(this.#find(alg, version).publicKey, jwsNames[alg]);
  }

  /** The JWKS of the current and previous public key of each algorithm (`keep` versions each). */
  jwks(keep = 2): Jwks {
    const count = Math.max(1, Math.floor(keep));
    const keys = SIGNING_ALGORITHMS.flatMap((alg) =>
      this.#ring[alg].slice(-count).reverse().map((k) => toPublicJwk(k.publicKey, jwsNames[alg])),
    );
    return { keys };
  }

  /** Which key a `kid` names, or undefined. */
  findKid(kid: string): SigningKeyInfo | undefined {
    for (const alg of SIGNING_ALGORITHMS) {
      const key = this.#ring[alg].find((k) => k.info.kid === kid);
      if (key !== undefined) return { ...key.info };
    }
    return undefined;
  }

  /**
   * The newest key of `algorithm`, for a JWS signer (the token layer). This is the one place a
   * private key leaves the ring; it is a KeyObject, which serialises to `{}` and never prints.
   * @throws NotFoundError when no key of that algorithm exists yet.
   */
  currentKey(algorithm: SigningAlgorithm): CurrentSigningKey {
    const alg = checkAlgorithm(algorithm);
    const key = this.#find(alg);
    return {
      kid: key.info.kid,
      privateKey: key.privateKey,
      alg: jwsNames[alg],
      algorithm: alg,
      version: key.info.version,
    };
  }

  /** The public key a `kid` names (any kept version, so tokens survive a rotation), or undefined. */
  keyForKid(kid: string): VerificationKey | undefined {
    if (typeof kid !== 'string') return undefined;
    for (const alg of SIGNING_ALGORITHMS) {
      const key = this.#ring[alg].find((k) => k.info.kid === kid);
      if (key !== undefined) {
        return {
          publicKey: key.publicKey,
          alg: jwsNames[alg],
          algorithm: alg,
          version: key.info.version,
        };
      }
    }
    return undefined;
  }

  #find(alg: SigningAlgorithm, version?: number): SigningKey {
    const list = this.#ring[alg];
    const key = version === undefined ? list.at(-1) : list[version - 1];
    if (key === undefined) {
      throw new NotFoundError(version === undefined ? `no ${alg} signing key yet` : `no ${alg} signing key version ${version}`);
    }
    return key;
  }

  #add(alg: SigningAlgorithm, always: boolean): Promise<SigningKeyInfo> {
    return this.#queue.run(async () => {
      const last = this.#ring[alg].at(-1);
      if (!always && last !== undefined) return { ...last.info };
      const { privateKey } =
        alg === 'rsa-pss'
          ? await generateKeyPairAsync('rsa', { modulusLength: RSA_BITS, publicExponent: 0x10001 })
          : await generateKeyPairAsync('ed25519');
      const key = makeKey(alg, this.#ring[alg].length + 1, this.#now().toISOString(), privateKey);
      const next: Ring = { ...this.#ring, [alg]: [...this.#ring[alg], key] };
      await this.#secrets.set(this.#name, encode(next));
      this.#ring = next;
      return { ...key.info };
    });
  }
}
