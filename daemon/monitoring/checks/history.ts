/**
 * @module The recent results of one check, bounded, with uptime over any window they cover.
 */

/** One recorded run of a check. */
export interface CheckResult {
  name: string;
  /** When the run started, ms since the epoch. */
  time: number;
  ok: boolean;
  latencyMs: number;
  detail: string;
  /** Set when the check passed but something needs attention (see ProbeResult.warning). */
  warning?: string;
}

/** Default number of results kept per check. */
export const HISTORY_LIMIT = 1000;

/** A ring buffer of results, oldest overwritten first. */
export class ResultHistory {
  private readonly items: CheckResult[] = [];
  /** Index of the oldest item once the buffer is full. */
  private start = 0;

  constructor(readonly capacity: number = HISTORY_LIMIT) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`history capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.items.length;
  }

  push(result: CheckResult): void {
    if (this.items.length < this.capacity) {
      this.items.push(result);
      return;
    }
    this.items[this.start] = result;
    this.start = (this.start + 1) % this.capacity;
  }

  /** The results, oldest first. */
  toArray(): CheckResult[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }

  /** The newest result, or null. */
  latest(): CheckResult | null {
    if (this.items.length === 0) return null;
    const index = (this.start + this.items.length - 1) % this.items.length;
    return this.items[index] ?? null;
  }

  /**
   * The share of results at or after `sinceMs` that passed, from 0 to 1; null when there are none.
   * Counts runs, not time (as Uptime Kuma does), and only over the results still kept.
   */
  uptime(sinceMs: number): number | null {
    let total = 0;
    let ok = 0;
    for (const result of this.items) {
      if (result.time < sinceMs) continue;
      total += 1;
      if (result.ok) ok += 1;
    }
    return total === 0 ? null : ok / total;
  }
}
