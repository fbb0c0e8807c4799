/**
 * @module One block of rollup points: int32 bucket offsets (in steps from the block's first
 * bucket) and five interleaved float64 fields per point, 44 bytes a point.
 */
import { COUNT, LAST, MAX, MIN, ROLLUP_FIELDS, SUM } from './aggregator.js';
import { BLOCK_OBJECT_BYTES, TYPED_ARRAY_BYTES } from './sample-chunk.js';

const MIN_CAPACITY = 16;
const MAX_CAPACITY = 256;
const MAX_OFFSET = 0x7fff_ffff;

/** The plain data of a block of points: bucket offsets (in steps from `base`) and 5 fields each. */
export interface RollupChunkData {
  base: number;
  offsets: Int32Array;
  fields: Float64Array;
}

/** A block of points, bucket times strictly increasing. */
export class RollupChunk {
  offsets = new Int32Array(MIN_CAPACITY);
  fields = new Float64Array(MIN_CAPACITY * ROLLUP_FIELDS);
  length = 0;

  constructor(
    readonly base: number,
    private readonly stepMs: number,
  ) {}

  /** Bucket start of slot `i`. */
  timeAt(i: number): number {
    return this.base + (this.offsets[i] as number) * this.stepMs;
  }

  /** Estimated bytes held. */
  get bytes(): number {
    return (
      BLOCK_OBJECT_BYTES + 2 * TYPED_ARRAY_BYTES + this.offsets.byteLength + this.fields.byteLength
    );
  }

  /** First slot whose bucket starts at or after `timeMs` (`length` when none). */
  indexAtOrAfter(timeMs: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) < timeMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** @returns false when the block is full or the bucket lies too far from its base. */
  push(
    bucketMs: number,
    min: number,
    max: number,
    sum: number,
    count: number,
    last: number,
  ): boolean {
    const offset = (bucketMs - this.base) / this.stepMs;
    if (offset > MAX_OFFSET) return false;
    if (this.length === this.offsets.length) {
      if (this.length >= MAX_CAPACITY) return false;
      this.resize(Math.min(MAX_CAPACITY, this.length * 2));
    }
    this.offsets[this.length] = offset;
    const at = this.length * ROLLUP_FIELDS;
    this.fields[at + MIN] = min;
    this.fields[at + MAX] = max;
    this.fields[at + SUM] = sum;
    this.fields[at + COUNT] = count;
    this.fields[at + LAST] = last;
    this.length++;
    return true;
  }

  /** Re-allocates to `capacity` points (shrinking to `length` seals the block). */
  resize(capacity: number): void {
    const keep = Math.min(this.length, capacity);
    const offsets = new Int32Array(capacity);
    offsets.set(this.offsets.subarray(0, keep));
    const fields = new Float64Array(capacity * ROLLUP_FIELDS);
    fields.set(this.fields.subarray(0, keep * ROLLUP_FIELDS));
    this.offsets = offsets;
    this.fields = fields;
  }
}
