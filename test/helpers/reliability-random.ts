/**
 * @module Test helper for the reliability suite: a small seeded PRNG, so that a failing run can be
 * replayed with the seed it printed.
 */
import type { TestContext } from 'node:test';

/** A deterministic source of random numbers (mulberry32). */
export class Prng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One of `items` (which must not be empty). */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new TypeError('"items" must not be empty');
    return item;
  }

  /** `n` random bytes. */
  bytes(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }
}

/**
 * The seed from the environment variable `name` (to replay a run), else a fresh one; either way
 * the caller prints it.
 */
export function seedFrom(name: string): number {
  const given = process.env[name];
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
      throw new TypeError(`${name} must be an integer from 0 to 4294967295, got ${given}`);
    return seed;
  }
  return Math.floor(Math.random() * 0x100000000);
}

/**
 * The test's PRNG, seeded from the environment variable `name` (to replay a run) or fresh, with
 * the seed printed as a diagnostic of test `t` saying how to replay it.
 */
export function seededPrng(t: Pick<TestContext, 'diagnostic'>, name = 'RELIABILITY_SEED'): Prng {
  const seed = seedFrom(name);
  t.diagnostic(`seed ${seed} (replay with ${name}=${seed})`);
  return new Prng(seed);
}
