/**
 * @module The store: lowdb behind an adapter, validated, migrated, with durable group commits.
 *
 * Engines change `store.data` only through {@link Store.mutate}: the change is applied in memory
 * at once, and the returned promise settles when a write containing it is on disk. Mutations that
 * arrive while a write is in flight are committed together by the next write (group commit). If
 * a write fails, every mutation not yet durable is undone in reverse order, so memory never claims
 * more than the disk holds.
 */
import { Low, type Adapter } from 'lowdb';
import { StoreWriteError } from '../../src/protocol/errors.js';
import { StoreCorruptError } from './errors.js';
import { migrate, migrations as defaultMigrations, type Migration } from './migrations.js';
import { emptyStore, STORE_VERSION, storeSchema, type StoreData } from './schema.js';

/** What a mutation returns: its result, and how to take it back. */
export interface Applied<T> {
  result: T;
  undo: () => void;
}

interface Batch {
  undos: Array<() => void>;
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A batch nobody awaits any more must not become an unhandled rejection.
  promise.catch(() => undefined);
  return { undos: [], promise, resolve, reject };
}

export interface OpenStoreOptions {
  adapter: Adapter<StoreData>;
  /** Name shown in messages (the file path, or `memory`). */
  label: string;
  migrations?: Record<number, Migration>;
}

export class Store {
  private readonly db: Low<StoreData>;
  private writing: Batch | null = null;
  private next: Batch | null = null;
  private commits = 0;

  private constructor(db: Low<StoreData>, readonly label: string) {
    this.db = db;
  }

  /**
   * Reads, migrates and validates the store. A missing file starts empty; a file that does not
   * parse, cannot be migrated or fails the schema is never overwritten.
   *
   * @throws StoreCorruptError
   */
  static async open(options: OpenStoreOptions): Promise<Store> {
    const db = new Low<StoreData>(options.adapter, emptyStore());
    // Read through the adapter, not Low.read(): lowdb ignores falsy data, which would make a file
    // holding `null` or `0` look missing and be overwritten by the next write.
    const read: unknown = await options.adapter.read();
    const store = new Store(db, options.label);
    const raw = read === null ? emptyStore() : read;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new StoreCorruptError(options.label, 'does not hold a JSON object');
    }
    let migrated: { data: Record<string, unknown>; applied: number[] };
    try {
      migrated = migrate(raw as Record<string, unknown>, STORE_VERSION, options.migrations ?? defaultMigrations);
    } catch (error) {
      throw new StoreCorruptError(options.label, (error as Error).message);
    }
    const parsed = storeSchema.safeParse(migrated.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
      throw new StoreCorruptError(options.label, `fails the schema (${where}${issue?.message ?? 'invalid'})`);
    }
    db.data = parsed.data;
    if (migrated.applied.length > 0) await db.write();
    return store;
  }

  /** The current data. Read freely; change only inside {@link mutate}. */
  get data(): StoreData {
    return this.db.data;
  }

  /** Number of file writes so far (several mutations may share one). */
  get commitCount(): number {
    return this.commits;
  }

  /**
   * Applies a change in memory and resolves once it is durable.
   *
   * @throws StoreWriteError when the write fails; the change has then been undone.
   */
  async mutate<T>(apply: () => Applied<T>): Promise<T> {
    const { result, undo } = apply();
    if (this.next === null) {
      this.next = newBatch();
      // Defer the write to let mutations from the same tick join this batch.
      if (this.writing === null) setImmediate(() => void this.drain());
    }
    this.next.undos.push(undo);
    await this.next.promise;
    return result;
  }

  private async drain(): Promise<void> {
    while (this.next !== null) {
      const batch = this.next;
      this.next = null;
      this.writing = batch;
      try {
        await this.db.write();
        this.commits++;
        batch.resolve();
      } catch (cause) {
        // Later mutations were applied on top of this batch: undo them first, then this one.
        const later = this.next as Batch | null;
        this.next = null;
        const error = new StoreWriteError(`could not write the store ${this.label}: ${(cause as Error).message}`, cause);
        for (const failed of later === null ? [batch] : [later, batch]) {
          for (const undo of failed.undos.reverse()) undo();
          failed.reject(error);
        }
      } finally {
        this.writing = null;
      }
    }
  }

  /** Resolves when every mutation made so far has been written (or has failed). */
  async flush(): Promise<void> {
    while (this.writing !== null || this.next !== null) {
      await (this.next ?? this.writing)?.promise.catch(() => undefined);
    }
  }
}
