/**
 * @module Keeps every check's hourly uptime buckets in the store, written in batches.
 *
 * Runs are counted in memory as they finish and merged into the store at most once a minute (and
 * on stop), not once per run: fifty checks at a 10 s interval would otherwise rewrite the store
 * five times a second. Readers see stored and unwritten counts together, so nothing waits for a
 * flush. A crash loses at most the last minute of counts.
 */
import type { Clock } from '../../clock.js';
import type { Store } from '../../store/store.js';
import {
  countRun,
  mergeBuckets,
  uptimeOver,
  type PendingCounts,
  type UptimeBucket,
} from './uptime-buckets.js';

/** Uptime of one check over the windows a status page shows; null where there were no runs. */
export interface UptimeFigures {
  '24h': number | null;
  '7d': number | null;
  '30d': number | null;
}

export interface UptimeRecorderOptions {
  store: Store;
  clock: Clock;
  /** How often counts are written, in ms (default 60,000). */
  flushMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  /** Told when a write fails (its counts are lost; the next flush goes on). */
  onError?: (error: Error) => void;
}

const WINDOW_HOURS = { '24h': 24, '7d': 7 * 24, '30d': 30 * 24 } as const;

export class UptimeRecorder {
  private pending = new Map<string, PendingCounts>();
  private handle: unknown = null;
  private readonly flushMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: UptimeRecorderOptions) {
    const flushMs = options.flushMs ?? 60_000;
    if (!Number.isSafeInteger(flushMs) || flushMs <= 0)
      throw new TypeError(`flushMs must be a positive integer of ms, got ${String(flushMs)}`);
    this.flushMs = flushMs;
    this.setTimer =
      options.setInterval ??
      ((fn, ms) => {
        const timer = setInterval(fn, ms);
        // The buckets must never keep an embedding process alive.
        timer.unref();
        return timer;
      });
    this.clearTimer =
      options.clearInterval ?? ((handle) => clearInterval(handle as NodeJS.Timeout));
  }

  /** Counts one finished run; the flush timer starts with the first. */
  record(name: string, timeMs: number, ok: boolean): void {
    let counts = this.pending.get(name);
    if (counts === undefined) {
      counts = new Map();
      this.pending.set(name, counts);
    }
    countRun(counts, timeMs, ok);
    this.handle ??= this.setTimer(() => void this.flush(), this.flushMs);
  }

  /** The stored buckets of a check, oldest first (without unwritten counts). */
  stored(name: string): readonly UptimeBucket[] {
    const all = this.options.store.data.checkUptime;
    return Object.hasOwn(all, name) ? (all[name] ?? []) : [];
  }

  /** Uptime of a check over the current hour and the `hours - 1` before it; null without runs. */
  uptime(name: string, hours: number): number | null {
    return uptimeOver(this.stored(name), this.pending.get(name), this.options.clock.now(), hours);
  }

  /** Uptime over 24 hours, 7 days and 30 days. */
  figures(name: string): UptimeFigures {
    return {
      '24h': this.uptime(name, WINDOW_HOURS['24h']),
      '7d': this.uptime(name, WINDOW_HOURS['7d']),
      '30d': this.uptime(name, WINDOW_HOURS['30d']),
    };
  }

  /**
   * Merges the unwritten counts into the store (one write for every check) and prunes buckets
   * past 31 days. Resolves when the write is durable; a failed write is reported to `onError`.
   */
  flush(): Promise<void> {
    const { store, clock } = this.options;
    const pending = this.pending;
    this.pending = new Map();
    const now = clock.now();
    const before = store.data.checkUptime;
    const after: Record<string, UptimeBucket[]> = {};
    for (const name of new Set([...Object.keys(before), ...pending.keys()])) {
      const merged = mergeBuckets(
        Object.hasOwn(before, name) ? (before[name] ?? []) : [],
        pending.get(name),
        now,
      );
      if (merged.length > 0) after[name] = merged;
    }
    if (pending.size === 0 && sameKeys(before, after)) return Promise.resolve();
    return this.write(after, before);
  }

  /** Drops a removed check's buckets and counts, so a new check of that name starts afresh. */
  forget(name: string): Promise<void> {
    this.pending.delete(name);
    const before = this.options.store.data.checkUptime;
    if (!Object.hasOwn(before, name)) return Promise.resolve();
    const after = { ...before };
    delete after[name];
    return this.write(after, before);
  }

  /** Stops the timer and flushes what is left (applied at once; durable when the store flushes). */
  stop(): Promise<void> {
    if (this.handle !== null) this.clearTimer(this.handle);
    this.handle = null;
    return this.flush();
  }

  private write(
    after: Record<string, UptimeBucket[]>,
    before: Record<string, UptimeBucket[]>,
  ): Promise<void> {
    const { store } = this.options;
    return store
      .mutate(() => {
        store.data.checkUptime = after;
        return { result: undefined, undo: () => void (store.data.checkUptime = before) };
      })
      .catch((error: unknown) => this.options.onError?.(error as Error));
  }
}

/** True when both maps name the same checks with the same number of buckets (nothing pruned). */
function sameKeys(a: Record<string, UptimeBucket[]>, b: Record<string, UptimeBucket[]>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && b[k]?.length === a[k]?.length);
}
