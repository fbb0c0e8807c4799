/**
 * @module Where sessions live: the interface the session manager needs, and an in-memory one.
 *
 * The daemon implements the interface over its store; tests and in-process use take
 * {@link MemorySessionRepository}. Reads are synchronous (the store keeps its data in memory);
 * every mutation returns a promise that settles only once the change is durable, so the manager
 * never hands out a credential whose hash could be lost in a crash.
 */
import { AppError, NotFoundError } from '../../../src/protocol/errors.js';
import { type SessionRecord, sessionRecordSchema } from './session-record.js';

/** A change to a session; the id never changes. */
export type SessionPatch = Partial<Omit<SessionRecord, 'id'>>;

/** Persistence of sessions, looked up by id or by the hash of a credential. */
export interface SessionRepository {
  /** Every session, in insertion order. */
  list(): readonly SessionRecord[];
  get(id: string): SessionRecord | undefined;
  /** The session whose secret hashes to `hash`. */
  findBySecretHash(hash: string): SessionRecord | undefined;
  /** The session whose current or an already-used refresh token hashes to `hash`. */
  findByRefreshHash(hash: string): SessionRecord | undefined;
  /** Adds a session. @throws AppError CONFLICT when the id exists. */
  insert(record: SessionRecord): Promise<void>;
  /** Changes a session. @throws NotFoundError for an unknown id. */
  update(id: string, patch: SessionPatch): Promise<void>;
  /** Deletes sessions; unknown ids are ignored. */
  remove(ids: readonly string[]): Promise<void>;
}

/** Sessions in memory, with hash indexes; each record is validated and frozen when written. */
export class MemorySessionRepository implements SessionRepository {
  readonly #byId = new Map<string, SessionRecord>();
  readonly #bySecret = new Map<string, string>();
  readonly #byRefresh = new Map<string, string>();

  /** @param records Initial sessions (validated like inserts). */
  constructor(records: readonly SessionRecord[] = []) {
    for (const record of records) this.#put(record, false);
  }

  list(): readonly SessionRecord[] {
    return [...this.#byId.values()];
  }

  get(id: string): SessionRecord | undefined {
    return this.#byId.get(id);
  }

  findBySecretHash(hash: string): SessionRecord | undefined {
    const id = this.#bySecret.get(hash);
    return id === undefined ? undefined : this.#byId.get(id);
  }

  findByRefreshHash(hash: string): SessionRecord | undefined {
    const id = this.#byRefresh.get(hash);
    return id === undefined ? undefined : this.#byId.get(id);
  }

  async insert(record: SessionRecord): Promise<void> {
    this.#put(record, false);
  }

  async update(id: string, patch: SessionPatch): Promise<void> {
    const current = this.#byId.get(id);
    if (current === undefined) throw new NotFoundError(`no session ${id}`);
    this.#put({ ...current, ...patch, id }, true);
  }

  async remove(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const record = this.#byId.get(id);
      if (record === undefined) continue;
      this.#unindex(record);
      this.#byId.delete(id);
    }
  }

  #put(input: SessionRecord, replace: boolean): void {
    // Parsed first, so a bad record changes nothing; a failure here is a programming error.
    const record = sessionRecordSchema.parse(input);
    Object.freeze(record.usedRefreshHashes);
    Object.freeze(record);
    const previous = this.#byId.get(record.id);
    if (previous !== undefined && !replace) {
      throw new AppError('CONFLICT', `session ${record.id} already exists`);
    }
    if (previous !== undefined) this.#unindex(previous);
    this.#byId.set(record.id, record);
    this.#bySecret.set(record.secretHash, record.id);
    for (const hash of [record.refreshHash, ...record.usedRefreshHashes]) {
      this.#byRefresh.set(hash, record.id);
    }
  }

  #unindex(record: SessionRecord): void {
    this.#bySecret.delete(record.secretHash);
    for (const hash of [record.refreshHash, ...record.usedRefreshHashes]) {
      this.#byRefresh.delete(hash);
    }
  }
}
