/**
 * @module Token buckets keyed by a string (an IP, a username): `take` spends one token or says how
 * long until one is there.
 *
 * Buckets refill continuously at `ratePerSecond` up to `burst`. A full bucket holds nothing worth
 * keeping, so idle keys are swept and memory stays bounded by the keys active in the last
 * `burst / rate` seconds (plus a hard cap, oldest dropped first, against a flood of new keys).
 */

interface Bucket {
  tokens: number;
  at: number;
}

/** The answer of {@link TokenBuckets.take}. */
export interface TakeResult {
  allowed: boolean;
  /** Milliseconds until a token is available (0 when allowed). */
  retryAfterMs: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  /** @param maxKeys how many keys are tracked at most (default 10 000). */
  constructor(private readonly maxKeys = 10_000) {
    if (!Number.isInteger(maxKeys) || maxKeys < 1)
      throw new TypeError('"maxKeys" must be a positive integer');
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
    if (tokens >= 1) {
      this.set(key, { tokens: tokens - 1, at: now });
      return { allowed: true, retryAfterMs: 0 };
    }
    this.set(key, { tokens, at: now });
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

  private set(key: string, bucket: Bucket): void {
    // Re-inserted so that Map order is least-recently-used first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
  }
}
