/**
 * @module A versioned ring of AES-256-GCM data keys, after Vault transit.
 *
 * New data is sealed with the newest key; every version at or above `minDecryptionVersion` still
 * opens. The whole ring (keys, creation times, minimum version) is one JSON secret, so a rotation
 * is a single atomic write through the secret backend. Key bytes never leave this module: callers
 * see versions and times only, and `rewrap` re-seals without handing plaintext back.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { formatCiphertext, MAX_KEY_VERSION, NONCE_BYTES, parseCiphertext, TAG_BYTES } from './ciphertext-format.js';
import { CryptoInputError } from './errors.js';
import { parseStoredJson, type SecretBackend, SerialQueue } from './secret-backend.js';

const KEY_BYTES = 32;
const ALGORITHM = 'aes-256-gcm';

/** Public metadata about one key version; never the key itself. */
export interface KeyVersionInfo {
  version: number;
  createdAt: string;
  /** True when below the minimum decryption version (kept but no longer usable). */
  retired: boolean;
}

interface RingKey {
  version: number;
  createdAt: string;
  key: Buffer;
}

interface RingState {
  minDecryptionVersion: number;
  keys: RingKey[];
}

/** Options for {@link KeyRing.open}. */
export interface KeyRingOptions {
  /** Clock for creation times (tests). */
  now?: () => Date;
}

function toBuffer(value: string | Buffer | undefined, field: string): Buffer | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (Buffer.isBuffer(value)) return value;
  throw new CryptoInputError('malformed', `${field} must be a string or a Buffer`, field);
}

function corrupt(name: string): CryptoInputError {
  return new CryptoInputError('corrupt_key_store', `the key ring stored as '${name}' is not readable`, 'name');
}

function decodeState(raw: string, name: string): RingState {
  const data = parseStoredJson(raw) as { format?: unknown; minDecryptionVersion?: unknown; keys?: unknown } | undefined;
  if (typeof data !== 'object' || data === null || data.format !== 1 || !Array.isArray(data.keys)) throw corrupt(name);
  const keys: RingKey[] = data.keys.map((entry: unknown, index: number) => {
    const k = entry as { version?: unknown; createdAt?: unknown; key?: unknown };
    const key = typeof k?.key === 'string' ? Buffer.from(k.key, 'base64') : Buffer.alloc(0);
    if (k?.version !== index + 1 || typeof k.createdAt !== 'string' || key.length !== KEY_BYTES) throw corrupt(name);
    return { version: index + 1, createdAt: k.createdAt, key };
  });
  const min = data.minDecryptionVersion;
  if (keys.length === 0 || typeof min !== 'number' || !Number.isInteger(min) || min < 1 || min > keys.length) {
    throw corrupt(name);
  }
  return { minDecryptionVersion: min, keys };
}

function encodeState(state: RingState): string {
  return JSON.stringify({
    format: 1,
    minDecryptionVersion: state.minDecryptionVersion,
    keys: state.keys.map((k) => ({ version: k.version, createdAt: k.createdAt, key: k.key.toString('base64') })),
  });
}

/** A versioned AES-256-GCM key ring persisted as one secret. */
export class KeyRing {
  #state: RingState;
  readonly #secrets: SecretBackend;
  readonly #name: string;
  readonly #now: () => Date;
  readonly #queue = new SerialQueue();

  private constructor(secrets: SecretBackend, name: string, state: RingState, now: () => Date) {
    this.#secrets = secrets;
    this.#name = name;
    this.#state = state;
    this.#now = now;
  }

  /** Loads the ring stored under `name`, creating and storing version 1 on first use. */
  static async open(secrets: SecretBackend, name = 'data-keys', options: KeyRingOptions = {}): Promise<KeyRing> {
    const now = options.now ?? (() => new Date());
    const raw = await secrets.get(name);
    if (raw !== null) return new KeyRing(secrets, name, decodeState(raw, name), now);
    const state: RingState = {
      minDecryptionVersion: 1,
      keys: [{ version: 1, createdAt: now().toISOString(), key: randomBytes(KEY_BYTES) }],
    };
    await secrets.set(name, encodeState(state));
    return new KeyRing(secrets, name, state, now);
  }

  /** The version new data is sealed with. */
  get latestVersion(): number {
    return this.#state.keys.length;
  }

  /** The oldest version that still decrypts. */
  get minDecryptionVersion(): number {
    return this.#state.minDecryptionVersion;
  }

  /** Rotation metadata for every version, oldest first. */
  versions(): KeyVersionInfo[] {
    const min = this.#state.minDecryptionVersion;
    return this.#state.keys.map((k) => ({ version: k.version, createdAt: k.createdAt, retired: k.version < min }));
  }

  /** Seals `plaintext` with the newest key and a fresh random nonce, binding optional `aad`. */
  encrypt(plaintext: string | Buffer, aad?: string | Buffer): string {
    const data = toBuffer(plaintext, 'plaintext') ?? Buffer.alloc(0);
    const extra = toBuffer(aad, 'aad');
    const latest = this.#state.keys[this.#state.keys.length - 1] as RingKey;
    return this.#seal(latest, data, extra);
  }

  /**
   * Opens a ciphertext made by this ring.
   * @throws CryptoInputError with reason 'malformed', 'unknown_key_version', 'retired_key_version' or 'tampered'.
   */
  decrypt(ciphertext: string, aad?: string | Buffer): Buffer {
    const parts = parseCiphertext(ciphertext);
    const extra = toBuffer(aad, 'aad');
    const key = this.#keyFor(parts.version);
    const decipher = createDecipheriv(ALGORITHM, key.key, parts.nonce, { authTagLength: TAG_BYTES });
    if (extra !== undefined) decipher.setAAD(extra);
    decipher.setAuthTag(parts.tag);
    try {
      // GCM releases nothing until final() has checked the tag, so a forgery yields no bytes.
      return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]);
    } catch {
      throw new CryptoInputError(
        'tampered',
        'ciphertext failed authentication (altered, or sealed with other associated data)',
        'ciphertext',
      );
    }
  }

  /** {@link decrypt} then UTF-8 decode. */
  decryptToString(ciphertext: string, aad?: string | Buffer): string {
    return this.decrypt(ciphertext, aad).toString('utf8');
  }

  /** Re-seals a ciphertext under the newest key; the plaintext never reaches the caller. */
  rewrap(ciphertext: string, aad?: string | Buffer): string {
    const plaintext = this.decrypt(ciphertext, aad);
    try {
      const latest = this.#state.keys[this.#state.keys.length - 1] as RingKey;
      return this.#seal(latest, plaintext, toBuffer(aad, 'aad'));
    } finally {
      plaintext.fill(0);
    }
  }

  /** True when `ciphertext` is sealed with an older key than the newest. */
  needsRewrap(ciphertext: string): boolean {
    return parseCiphertext(ciphertext).version < this.latestVersion;
  }

  /** Adds version n+1 and stores the ring; returns the new version. */
  rotate(): Promise<number> {
    return this.#queue.run(async () => {
      const version = this.#state.keys.length + 1;
      if (version > MAX_KEY_VERSION) throw new CryptoInputError('invalid_version', 'the key ring is full', 'version');
      const next: RingState = {
        minDecryptionVersion: this.#state.minDecryptionVersion,
        keys: [...this.#state.keys, { version, createdAt: this.#now().toISOString(), key: randomBytes(KEY_BYTES) }],
      };
      // Stored first: if the write fails, nothing was sealed with a key that would be lost.
      await this.#secrets.set(this.#name, encodeState(next));
      this.#state = next;
      return version;
    });
  }

  /**
   * Retires every version below `version`. Only raising is allowed (retired data stays sealed
   * until rewrapped beforehand); `version` cannot exceed the latest.
   * @throws CryptoInputError (reason 'invalid_version').
   */
  setMinDecryptionVersion(version: number): Promise<void> {
    return this.#queue.run(async () => {
      const { minDecryptionVersion: current, keys } = this.#state;
      if (!Number.isInteger(version) || version < 1 || version > keys.length) {
        throw new CryptoInputError('invalid_version', `minimum decryption version must be an integer from 1 to ${keys.length}`, 'version');
      }
      if (version < current) {
        throw new CryptoInputError('invalid_version', `minimum decryption version can only be raised (now ${current})`, 'version');
      }
      if (version === current) return;
      const next: RingState = { minDecryptionVersion: version, keys };
      await this.#secrets.set(this.#name, encodeState(next));
      this.#state = next;
    });
  }

  #keyFor(version: number): RingKey {
    const key = this.#state.keys[version - 1];
    if (key === undefined) {
      throw new CryptoInputError('unknown_key_version', `ciphertext names key version ${version}, which this ring does not have`, 'ciphertext');
    }
    if (version < this.#state.minDecryptionVersion) {
      throw new CryptoInputError(
        'retired_key_version',
        `key version ${version} is retired (minimum decryption version is ${this.#state.minDecryptionVersion})`,
        'ciphertext',
      );
    }
    return key;
  }

  #seal(key: RingKey, data: Buffer, aad: Buffer | undefined): string {
    // A fresh random nonce per message: reusing one under a GCM key leaks the XOR of plaintexts
    // and the authentication key, so nonces are never derived from content or counters kept elsewhere.
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(ALGORITHM, key.key, nonce, { authTagLength: TAG_BYTES });
    if (aad !== undefined) cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
    return formatCiphertext({ version: key.version, nonce, ciphertext, tag: cipher.getAuthTag() });
  }
}
