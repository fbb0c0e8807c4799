/**
 * @module The tamper-evident audit log (events.jsonl).
 *
 * One JSON object per line; each line carries the hash of the line before it (`prev`) and its own
 * hash over its content, so editing, removing or reordering lines breaks the chain. Appends are
 * group-committed with one fsync. Rotation by size renames the file to `.1` (older ones shift up)
 * and the new file continues the chain from the last hash.
 *
 * Reading the log back (filters, verification) lives in audit-query.ts and audit-verify.ts; this
 * module only keeps what they need: the file layout (`files()`) and a bounded ring of the most
 * recent events (`recent()`), which is all there is to read in memory mode.
 */
import { createHash, randomUUID } from 'node:crypto';
import { open, readFile, rename, rm, truncate, type FileHandle } from 'node:fs/promises';
import type { Clock } from '../clock.js';
import { auditFiles } from './audit-query.js';

/** The hash `prev` holds on the very first line. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a caller records. */
export interface AuditInput {
  type: string;
  actor: string;
  subject?: string | null;
  ip?: string | null;
  outcome: 'success' | 'failure' | 'refused' | 'info';
  details?: Record<string, unknown>;
}

/** A line of the log. */
export interface AuditEvent {
  id: string;
  seq: number;
  time: string;
  type: string;
  actor: string;
  subject: string | null;
  ip: string | null;
  outcome: AuditInput['outcome'];
  details: Record<string, unknown>;
  prev: string;
  hash: string;
}

/** The hash of a line: SHA-256 over the previous hash and the line without its own hash. */
export function hashEvent(event: Omit<AuditEvent, 'hash'>): string {
  return createHash('sha256').update(JSON.stringify(event)).digest('hex');
}

export interface AuditLogOptions {
  /** The log file; null keeps events in memory only (the in-process library's memory store). */
  file: string | null;
  clock: Clock;
  /** Rotate when the file grows past this many bytes (default 10 MiB). */
  maxBytes?: number;
  /** Rotated files kept (default 5). */
  keep?: number;
  /**
   * Most recent events kept in memory for `recent()` (default 10 000, the largest query limit);
   * 0 keeps none.
   */
  recentLimit?: number;
}

/** The default of `recentLimit`. */
export const RECENT_LIMIT = 10_000;

interface Pending {
  input: AuditInput;
  time: number;
  resolve: (event: AuditEvent) => void;
  reject: (error: Error) => void;
}

export class AuditLog {
  private handle: FileHandle | null = null;
  private size = 0;
  /** The chain as it stands on disk; lines are hashed when written, never before. */
  private lastHash = GENESIS_HASH;
  private seq = 0;
  private queue: Pending[] = [];
  private flushing = false;
  private readonly listeners = new Set<(event: AuditEvent) => void>();
  /** A ring of the newest durable events: `ring[start]` is the oldest once it is full. */
  private readonly ring: AuditEvent[] = [];
  private ringStart = 0;

  private constructor(private readonly options: Required<AuditLogOptions>) {}

  /**
   * Opens the log for appending. A torn last line (a crash mid-write) is cut off so the chain
   * continues from the last complete line.
   *
   * @returns the log, and how many bytes of a torn line were removed.
   */
  static async open(options: AuditLogOptions): Promise<{ log: AuditLog; truncatedBytes: number }> {
    const { recentLimit } = options;
    if (recentLimit !== undefined && (!Number.isSafeInteger(recentLimit) || recentLimit < 0)) {
      throw new TypeError('"recentLimit" option must be a non-negative integer');
    }
    const log = new AuditLog({
      maxBytes: 10 * 1024 * 1024,
      keep: 5,
      ...options,
      recentLimit: recentLimit ?? RECENT_LIMIT,
    });
    if (options.file === null) return { log, truncatedBytes: 0 };
    const truncatedBytes = await log.recover(options.file);
    log.handle = await open(options.file, 'a', 0o600);
    return { log, truncatedBytes };
  }

  private async recover(file: string): Promise<number> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return this.recoverFromRotated(file);
    }
    const end = text.lastIndexOf('\n') + 1;
    const torn = Buffer.byteLength(text.slice(end));
    if (torn > 0) await truncate(file, Buffer.byteLength(text.slice(0, end)));
    this.size = Buffer.byteLength(text.slice(0, end));
    const lines = text
      .slice(0, end)
      .trimEnd()
      .split('\n')
      .filter((l) => l !== '');
    const last = lines.at(-1);
    if (last === undefined) return torn + (await this.recoverFromRotated(file));
    const event = JSON.parse(last) as AuditEvent;
    this.lastHash = event.hash;
    this.seq = event.seq;
    return torn;
  }

  private async recoverFromRotated(file: string): Promise<number> {
    try {
      const text = await readFile(`${file}.1`, 'utf8');
      const last = text.trimEnd().split('\n').at(-1);
      if (last !== undefined && last !== '') {
        const event = JSON.parse(last) as AuditEvent;
        this.lastHash = event.hash;
        this.seq = event.seq;
      }
    } catch {
      // no rotated file: a new chain
    }
    return 0;
  }

  /** Appends an event; resolves once it is on disk. */
  append(input: AuditInput): Promise<AuditEvent> {
    const time = this.options.clock.now();
    return new Promise<AuditEvent>((resolve, reject) => {
      this.queue.push({ input, time, resolve, reject });
      if (!this.flushing) void this.flush();
    }).then((event) => {
      for (const listener of this.listeners) listener(event);
      return event;
    });
  }

  /** Builds the next line of the chain from `prev`. */
  private chain(pending: Pending, seq: number, prev: string): AuditEvent {
    const { input } = pending;
    const body: Omit<AuditEvent, 'hash'> = {
      id: randomUUID(),
      seq,
      time: new Date(pending.time).toISOString(),
      type: input.type,
      actor: input.actor,
      subject: input.subject ?? null,
      ip: input.ip ?? null,
      outcome: input.outcome,
      details: input.details ?? {},
      prev,
    };
    return { ...body, hash: hashEvent(body) };
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        let seq = this.seq;
        let prev = this.lastHash;
        const events = batch.map((pending) => {
          const event = this.chain(pending, ++seq, prev);
          prev = event.hash;
          return event;
        });
        const text = events.map((e) => `${JSON.stringify(e)}\n`).join('');
        // Rotate before writing, so the current file always holds the newest lines; a failed
        // rotation is not a failed append: the current file then grows past the limit.
        if (this.options.file !== null && this.size >= this.options.maxBytes)
          await this.rotate(this.options.file).catch(() => undefined);
        try {
          if (this.options.file !== null) {
            const handle = this.handle;
            if (handle === null) throw new Error('the audit log is closed');
            try {
              await handle.write(text);
              await handle.sync();
            } catch (error) {
              // A partial write would leave a torn line for the next one to follow: cut it off.
              await handle.truncate(this.size).catch(() => undefined);
              throw error;
            }
            this.size += Buffer.byteLength(text);
          }
          // Only now does the chain advance: a failed write leaves it where the disk is.
          this.seq = seq;
          this.lastHash = prev;
          for (const event of events) this.remember(event);
          batch.forEach((p, i) => p.resolve(events[i] as AuditEvent));
        } catch (error) {
          for (const p of batch) p.reject(error as Error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Rotation failing must not stop logging: the current file is then kept and grows. */
  private async rotate(file: string): Promise<void> {
    const { keep } = this.options;
    await this.handle?.close();
    this.handle = null;
    try {
      await rm(`${file}.${keep}`, { force: true });
      for (let i = keep - 1; i >= 1; i--) {
        await rename(`${file}.${i}`, `${file}.${i + 1}`).catch(() => undefined);
      }
      await rename(file, `${file}.1`);
    } finally {
      this.handle = await open(file, 'a', 0o600);
      this.size = (await this.handle.stat()).size;
    }
  }

  /**
   * Keeps a copy (frozen at the top), so a caller changing the event append() or a listener gave
   * it does not change what recent() returns.
   */
  private remember(event: AuditEvent): void {
    const limit = this.options.recentLimit;
    if (limit === 0) return;
    const copy = Object.freeze(structuredClone(event));
    if (this.ring.length < limit) {
      this.ring.push(copy);
    } else {
      this.ring[this.ringStart] = copy;
      this.ringStart = (this.ringStart + 1) % limit;
    }
  }

  /**
   * The most recent events appended through this log since it was opened (at most
   * `recentLimit`), oldest first. In memory mode this is the whole readable log; with a file,
   * query `files()` for history from before this process.
   */
  recent(): readonly AuditEvent[] {
    return [...this.ring.slice(this.ringStart), ...this.ring.slice(0, this.ringStart)];
  }

  /**
   * The log's files that exist, oldest first (`events.jsonl.N` … `.1`, `events.jsonl`), for
   * queryEvents and verifyAuditLog; none in memory mode.
   */
  files(): Promise<string[]> {
    const { file, keep } = this.options;
    return file === null ? Promise.resolve([]) : auditFiles(file, keep);
  }

  /** Calls `listener` after each event is durable. @returns a function that unsubscribes. */
  subscribe(listener: (event: AuditEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for queued appends, then closes the file. */
  async close(): Promise<void> {
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setImmediate(r));
    await this.handle?.close();
    this.handle = null;
  }
}
