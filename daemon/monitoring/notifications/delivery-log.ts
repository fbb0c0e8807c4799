/**
 * @module The most recent delivery records, newest last, bounded so that a receiver failing for
 * days cannot grow the store without end.
 */
import type { DeliveryRecord } from './types.js';

/** Records kept by default. */
export const DEFAULT_DELIVERY_LOG_SIZE = 1_000;

export interface DeliveryQuery {
  /** Only records at or after this time (ms since the epoch). */
  sinceMs?: number;
  channel?: string;
  /** The newest this many (default all). */
  limit?: number;
}

export class DeliveryLog {
  private readonly items: DeliveryRecord[];

  /** @throws TypeError when `max` is not a positive integer. */
  constructor(
    initial: readonly DeliveryRecord[] = [],
    readonly max = DEFAULT_DELIVERY_LOG_SIZE,
  ) {
    if (!Number.isInteger(max) || max < 1)
      throw new TypeError('"max" option must be a positive integer');
    this.items = initial.slice(-max);
  }

  /** Adds a record, forgetting the oldest beyond `max`. */
  add(record: DeliveryRecord): void {
    this.items.push(record);
    if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max);
  }

  /** Matching records, oldest first. */
  list(query: DeliveryQuery = {}): DeliveryRecord[] {
    const since = query.sinceMs;
    const matching = this.items.filter(
      (r) =>
        (since === undefined || Date.parse(r.at) >= since) &&
        (query.channel === undefined || r.channel === query.channel),
    );
    return query.limit === undefined ? matching : matching.slice(-query.limit);
  }

  /** The last record of a channel, or null. */
  last(channel: string): DeliveryRecord | null {
    for (let i = this.items.length - 1; i >= 0; i--)
      if (this.items[i]?.channel === channel) return this.items[i] as DeliveryRecord;
    return null;
  }

  get size(): number {
    return this.items.length;
  }
}
