/**
 * @module Named secrets kept encrypted at rest with the key ring (the spec's "encrypted data
 * storage and retrieval").
 *
 * Each value is sealed with AES-256-GCM under the ring's newest key, with the secret's name as
 * associated data, so a ciphertext copied onto another name does not open. Values never enter
 * the audit log or an error message; reads are audited by name.
 */
import { InvalidInputError, NotFoundError } from '../../../src/protocol/errors.js';
import type { Clock } from '../../clock.js';
import type { Store } from '../../store/store.js';
import type { AuditLog } from '../audit-log.js';
import { ciphertextVersion, type KeyRing } from '../crypto/index.js';
import type { SecretInfo, SecretRecord } from './secret-record.js';

/** Largest value kept, in bytes: secrets are keys and tokens, not files. */
export const MAX_SECRET_BYTES = 64 * 1024;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,127}$/;

/** Checks a secret's name. @throws InvalidInputError naming the rule. */
export function parseSecretName(value: unknown): string {
  if (typeof value !== 'string' || !NAME.test(value)) {
    throw new InvalidInputError(
      'secret name must be 1-128 characters: letters, digits and . _ / -, starting with a letter or digit',
      'name',
    );
  }
  return value;
}

const aad = (name: string): string => `clickup-brain secret:${name}`;

export class SecretVault {
  constructor(
    private readonly store: Store,
    private readonly ring: () => Promise<KeyRing>,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  private find(name: string): SecretRecord | undefined {
    return this.store.data.secrets.find((s) => s.name === name);
  }

  private info(record: SecretRecord): SecretInfo {
    const { ciphertext, ...rest } = record;
    return { ...rest, keyVersion: ciphertextVersion(ciphertext) };
  }

  /** Names and metadata, never values, sorted by name. */
  list(): SecretInfo[] {
    return this.store.data.secrets
      .map((s) => this.info(s))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Stores (or replaces) a secret.
   * @throws InvalidInputError for a bad name or an empty or oversized value.
   */
  async put(
    nameText: string,
    value: string | Buffer,
    actor: string,
  ): Promise<{ secret: SecretInfo; created: boolean }> {
    const name = parseSecretName(nameText);
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    if (bytes.length === 0) throw new InvalidInputError('secret value is empty', 'value');
    if (bytes.length > MAX_SECRET_BYTES)
      throw new InvalidInputError(`secret value is larger than ${MAX_SECRET_BYTES} bytes`, 'value');
    const ciphertext = (await this.ring()).encrypt(bytes, aad(name));
    const now = this.clock.now();
    const { record, created } = await this.store.mutate(() => {
      const list = this.store.data.secrets;
      const index = list.findIndex((s) => s.name === name);
      const old = index === -1 ? undefined : list[index];
      const next: SecretRecord =
        old === undefined
          ? {
              name,
              ciphertext,
              bytes: bytes.length,
              createdAt: now,
              updatedAt: now,
              createdBy: actor,
              updatedBy: actor,
            }
          : { ...old, ciphertext, bytes: bytes.length, updatedAt: now, updatedBy: actor };
      if (old === undefined) list.push(next);
      else list[index] = next;
      return {
        result: { record: next, created: old === undefined },
        undo: () => {
          const at = list.indexOf(next);
          if (old === undefined) list.splice(at, 1);
          else list[at] = old;
        },
      };
    });
    await this.audit.append({
      type: created ? 'secret.created' : 'secret.updated',
      actor,
      subject: name,
      outcome: 'success',
      details: { bytes: bytes.length },
    });
    return { secret: this.info(record), created };
  }

  /**
   * Opens a secret. The read itself is an audit event.
   * @throws NotFoundError; CryptoInputError when its key was retired or the ciphertext was altered.
   */
  async get(nameText: string, actor: string): Promise<Buffer> {
    const name = parseSecretName(nameText);
    const record = this.find(name);
    if (record === undefined) throw new NotFoundError(`no secret named '${name}'`);
    const ring = await this.ring();
    let value: Buffer;
    try {
      value = ring.decrypt(record.ciphertext, aad(name));
    } catch (error) {
      await this.audit.append({
        type: 'secret.read',
        actor,
        subject: name,
        outcome: 'failure',
        details: { reason: (error as { reason?: string }).reason ?? 'error' },
      });
      throw error;
    }
    await this.audit.append({ type: 'secret.read', actor, subject: name, outcome: 'success' });
    return value;
  }

  /** @throws NotFoundError */
  async delete(nameText: string, actor: string): Promise<SecretInfo> {
    const name = parseSecretName(nameText);
    const record = this.find(name);
    if (record === undefined) throw new NotFoundError(`no secret named '${name}'`);
    await this.store.mutate(() => {
      const list = this.store.data.secrets;
      const at = list.indexOf(record);
      list.splice(at, 1);
      return { result: undefined, undo: () => list.splice(at, 0, record) };
    });
    await this.audit.append({ type: 'secret.deleted', actor, subject: name, outcome: 'success' });
    return this.info(record);
  }

  /**
   * Re-seals every secret not under the newest key (after a rotation), in one durable write.
   * @returns how many were rewrapped.
   */
  async rewrapAll(): Promise<number> {
    const ring = await this.ring();
    const due = this.store.data.secrets.filter((s) => ring.needsRewrap(s.ciphertext));
    if (due.length === 0) return 0;
    const fresh = new Map(due.map((s) => [s, ring.rewrap(s.ciphertext, aad(s.name))]));
    await this.store.mutate(() => {
      const list = this.store.data.secrets;
      const before = [...list];
      for (let i = 0; i < list.length; i++) {
        const record = list[i] as SecretRecord;
        const ciphertext = fresh.get(record);
        if (ciphertext !== undefined) list[i] = { ...record, ciphertext };
      }
      return { result: undefined, undo: () => list.splice(0, list.length, ...before) };
    });
    return due.length;
  }
}
