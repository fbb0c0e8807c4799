/**
 * @module The engine's keys: the data-key ring (AES-256-GCM, `cbv<n>:`) and the signing keys
 * (RSA-PSS 3072 and Ed25519), opened once from the secret storage on first use.
 *
 * Rotation adds a version of each and rewraps the stored secrets; older versions keep decrypting
 * and verifying, so tokens and signatures made before a rotation stay valid until they expire.
 */
import type { Clock } from '../../clock.js';
import type { AuditLog } from '../audit-log.js';
import {
  KeyRing,
  SigningKeys,
  type SecretBackend,
  type SigningAlgorithm,
} from '../crypto/index.js';

export const DATA_KEYS_NAME = 'data-keys';
export const SIGNING_KEYS_NAME = 'signing-keys';

/** One key's age, for status and the posture check. */
export interface KeyAge {
  name: string;
  version: number;
  createdAt: number;
}

export class KeyService {
  private ringPromise: Promise<KeyRing> | null = null;
  private signingPromise: Promise<SigningKeys> | null = null;

  constructor(
    private readonly secrets: SecretBackend,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The data-key ring (made with its first key on first use). */
  ring(): Promise<KeyRing> {
    this.ringPromise ??= KeyRing.open(this.secrets, DATA_KEYS_NAME, {
      now: () => new Date(this.clock.now()),
    }).catch((error: unknown) => {
      this.ringPromise = null;
      throw error;
    });
    return this.ringPromise;
  }

  /** The signing keys; a key of an algorithm is generated when first needed. */
  signing(): Promise<SigningKeys> {
    this.signingPromise ??= SigningKeys.open(this.secrets, SIGNING_KEYS_NAME, {
      now: () => new Date(this.clock.now()),
    }).catch((error: unknown) => {
      this.signingPromise = null;
      throw error;
    });
    return this.signingPromise;
  }

  /** The signing keys with at least one key of `algorithm`. */
  async signingWith(algorithm: SigningAlgorithm): Promise<SigningKeys> {
    const keys = await this.signing();
    if (keys.versions(algorithm).length === 0) {
      const info = await keys.generate(algorithm);
      await this.audit.append({
        type: 'key.created',
        actor: 'system',
        subject: `${SIGNING_KEYS_NAME}:${algorithm}`,
        outcome: 'success',
        details: { version: info.version, kid: info.kid },
      });
    }
    return keys;
  }

  /** The newest version of each key, for status and posture. */
  async ages(): Promise<KeyAge[]> {
    const ring = await this.ring();
    const signing = await this.signing();
    const ages: KeyAge[] = [];
    const newest = ring.versions().at(-1);
    if (newest !== undefined)
      ages.push({
        name: DATA_KEYS_NAME,
        version: newest.version,
        createdAt: Date.parse(newest.createdAt),
      });
    for (const algorithm of ['rsa-pss', 'ed25519'] as const) {
      const last = signing.versions(algorithm).at(-1);
      if (last !== undefined)
        ages.push({
          name: `${SIGNING_KEYS_NAME}:${algorithm}`,
          version: last.version,
          createdAt: Date.parse(last.createdAt),
        });
    }
    return ages;
  }

  /**
   * Adds a new data key and a new version of each signing key in use.
   * @param rewrap re-seals what was sealed with older data keys (the vault's secrets).
   */
  async rotate(
    actor: string,
    rewrap: () => Promise<number>,
  ): Promise<{
    dataKeyVersion: number;
    signing: Array<{ algorithm: SigningAlgorithm; version: number; kid: string }>;
    rewrapped: number;
  }> {
    const ring = await this.ring();
    const dataKeyVersion = await ring.rotate();
    await this.audit.append({
      type: 'key.rotated',
      actor,
      subject: DATA_KEYS_NAME,
      outcome: 'success',
      details: { version: dataKeyVersion },
    });
    const rewrapped = await rewrap();
    const keys = await this.signing();
    const signing: Array<{ algorithm: SigningAlgorithm; version: number; kid: string }> = [];
    for (const algorithm of ['rsa-pss', 'ed25519'] as const) {
      if (keys.versions(algorithm).length === 0) continue;
      const info = await keys.rotate(algorithm);
      signing.push({ algorithm, version: info.version, kid: info.kid });
      await this.audit.append({
        type: 'key.rotated',
        actor,
        subject: `${SIGNING_KEYS_NAME}:${algorithm}`,
        outcome: 'success',
        details: { version: info.version, kid: info.kid },
      });
    }
    return { dataKeyVersion, signing, rewrapped };
  }
}
