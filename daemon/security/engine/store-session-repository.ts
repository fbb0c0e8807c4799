/**
 * @module Sessions kept in the store (`store.data.sessions`), with in-memory hash indexes.
 *
 * Each mutation goes through {@link Store.mutate}, so it is on disk before its promise settles
 * and undone in memory (indexes included) if the write fails.
 */
import { AppError, NotFoundError } from '../../../src/protocol/errors.js';
import type { Store } from '../../store/store.js';
import { sessionRecordSchema, type SessionRecord } from '../tokens/session-record.js';
import type { SessionPatch, SessionRepository } from '../tokens/session-repository.js';

export class StoreSessionRepository implements SessionRepository {
  private readonly bySecret = new Map<string, SessionRecord>();
  private readonly byRefresh = new Map<string, SessionRecord>();

  constructor(private readonly store: Store) {
    for (const record of store.data.sessions) this.index(record);
  }

  private get records(): SessionRecord[] {
    return this.store.data.sessions;
  }

  private index(record: SessionRecord): void {
    this.bySecret.set(record.secretHash, record);
    for (const hash of [record.refreshHash, ...record.usedRefreshHashes])
      this.byRefresh.set(hash, record);
  }

  private unindex(record: SessionRecord): void {
    this.bySecret.delete(record.secretHash);
    for (const hash of [record.refreshHash, ...record.usedRefreshHashes])
      this.byRefresh.delete(hash);
  }

  list(): readonly SessionRecord[] {
    return this.records;
  }

  get(id: string): SessionRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  findBySecretHash(hash: string): SessionRecord | undefined {
    return this.bySecret.get(hash);
  }

  findByRefreshHash(hash: string): SessionRecord | undefined {
    return this.byRefresh.get(hash);
  }

  async insert(input: SessionRecord): Promise<void> {
    const record = sessionRecordSchema.parse(input);
    if (this.get(record.id) !== undefined)
      throw new AppError('CONFLICT', `session ${record.id} already exists`);
    await this.store.mutate(() => {
      this.records.push(record);
      this.index(record);
      return {
        result: undefined,
        undo: () => {
          this.records.splice(this.records.indexOf(record), 1);
          this.unindex(record);
        },
      };
    });
  }

  async update(id: string, patch: SessionPatch): Promise<void> {
    const old = this.get(id);
    if (old === undefined) throw new NotFoundError(`no session ${id}`);
    const next = sessionRecordSchema.parse({ ...old, ...patch, id });
    await this.store.mutate(() => {
      this.records[this.records.indexOf(old)] = next;
      this.unindex(old);
      this.index(next);
      return {
        result: undefined,
        undo: () => {
          this.records[this.records.indexOf(next)] = old;
          this.unindex(next);
          this.index(old);
        },
      };
    });
  }

  async remove(ids: readonly string[]): Promise<void> {
    const wanted = new Set(ids);
    const gone = this.records.filter((r) => wanted.has(r.id));
    if (gone.length === 0) return;
    await this.store.mutate(() => {
      const before = [...this.records];
      this.records.splice(0, this.records.length, ...before.filter((r) => !wanted.has(r.id)));
      for (const record of gone) this.unindex(record);
      return {
        result: undefined,
        undo: () => {
          this.records.splice(0, this.records.length, ...before);
          for (const record of gone) this.index(record);
        },
      };
    });
  }
}
