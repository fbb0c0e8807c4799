/**
 * @module Folding samples and points into epoch-aligned buckets of min, max, sum, count and last.
 *
 * Buckets are aligned to the epoch (a 1-hour bucket starts on the hour, UTC) so that every coarse
 * bucket is exactly a union of finer ones, and a point is stamped with its bucket's start.
 */

/** Field order of a point. */
export const MIN = 0;
export const MAX = 1;
export const SUM = 2;
export const COUNT = 3;
export const LAST = 4;
/** Fields stored per point. */
export const ROLLUP_FIELDS = 5;

/** Receives one aggregated point. */
export type PointVisitor = (
  timeMs: number,
  min: number,
  max: number,
  sum: number,
  count: number,
  last: number,
) => void;

/** NaN-tolerant min/max: a NaN only survives when every input is NaN (as in PromQL). */
export function lower(a: number, b: number): number {
  return Number.isNaN(a) || b < a ? b : a;
}

/** See `lower`. */
export function higher(a: number, b: number): number {
  return Number.isNaN(a) || b > a ? b : a;
}

/** Start of the epoch-aligned bucket of `stepMs` that holds `timeMs`. */
export function bucketStart(timeMs: number, stepMs: number): number {
  return Math.floor(timeMs / stepMs) * stepMs;
}

/** Folds points (or samples, as count-1 points) into aligned buckets and emits each bucket once complete. */
export class Aggregator {
  private bucket = NaN;
  private min = NaN;
  private max = NaN;
  private sum = 0;
  private count = 0;
  private last = NaN;

  constructor(
    private readonly stepMs: number,
    private readonly emit: PointVisitor,
  ) {}

  /** Adds a point; points must arrive oldest first. */
  add(timeMs: number, min: number, max: number, sum: number, count: number, last: number): void {
    const bucket = bucketStart(timeMs, this.stepMs);
    if (bucket !== this.bucket) {
      this.flush();
      this.bucket = bucket;
      this.min = min;
      this.max = max;
      this.sum = sum;
      this.count = count;
    } else {
      this.min = lower(this.min, min);
      this.max = higher(this.max, max);
      this.sum += sum;
      this.count += count;
    }
    this.last = last;
  }

  /** Adds one raw sample. */
  sample(timeMs: number, value: number): void {
    this.add(timeMs, value, value, value, 1, value);
  }

  /** Emits the bucket in progress, if any. */
  flush(): void {
    if (this.count === 0) return;
    this.emit(this.bucket, this.min, this.max, this.sum, this.count, this.last);
    this.count = 0;
    this.bucket = NaN;
  }
}
