/**
 * @module Token buckets keyed by a string (an IP, a username): `take` spends one token or says how
 * long until one is there.
 *
 * Buckets refill continuously at `ratePerSecond` up to `burst`. A full bucket holds nothing worth
 * keeping, so idle keys are swept and memory stays bounded by the keys active in the last
 * `burst / rate` seconds (plus a hard cap, oldest dropped first, against a flood of new keys).
 */
import { RecentMap } from '../server/recent-map.js';

interface Bucket {
  tokens: number;
  at: number;
}

/** The answer of {@link TokenBuckets.take} (an allowed one is shared: read-only). */
export interface TakeResult {
  readonly allowed: boolean;
  /** Milliseconds until a token is available (0 when allowed). */
  readonly retryAfterMs: number;
}

const ALLOWED: TakeResult = Object.freeze({ allowed: true, retryAfterMs: 0 });

export class TokenBuckets {
  /** Least recently used first (see recent-map.ts): a flood of new keys drops idle ones first. */
  private readonly buckets: RecentMap<string, Bucket>;

  /** @param maxKeys how many keys are tracked at most (default 10 000). */
  constructor(maxKeys = 10_000) {
    if (!Number.isInteger(maxKeys) || maxKeys < 1)
      throw new TypeError('"maxKeys" must be a positive integer');
    this.buckets = new RecentMap(maxKeys);
  }

  /**
   * Spends one token of `key`'s bucket.
   * @param ratePerSecond refill rate (tokens per second, > 0)
   * @param burst bucket size (>= 1)
   * @param now the time in ms
   */
  take(key: string, ratePerSecond: number, burst: number, now: number): TakeResult {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond))
      throw new TypeError('"ratePerSecond" must be a positive number');
    if (!(burst >= 1) || !Number.isFinite(burst)) throw new TypeError('"burst" must be at least 1');
    const bucket = this.buckets.get(key);
    const tokens =
      bucket === undefined
        ? burst
        : Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.at) * ratePerSecond) / 1000);
    const left = tokens >= 1 ? tokens - 1 : tokens;
    // Updated in place, with a shared answer when allowed: the hot path allocates nothing.
    if (bucket === undefined) this.buckets.set(key, { tokens: left, at: now });
    else {
      bucket.tokens = left;
      bucket.at = now;
    }
    if (tokens >= 1) return ALLOWED;
    return { allowed: false, retryAfterMs: Math.ceil(((1 - tokens) * 1000) / ratePerSecond) };
  }

  /** Forgets buckets that have refilled completely by `now`. */
  sweep(now: number, ratePerSecond: number, burst: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (Math.max(0, now - bucket.at) * ratePerSecond) / 1000 >= burst)
        this.buckets.delete(key);
    }
  }

  /** How many keys are tracked. */
  get size(): number {
    return this.buckets.size;
  }
}
