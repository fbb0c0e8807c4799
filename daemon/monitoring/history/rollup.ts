/**
 * @module Rolled-up points: per time bucket the min, max, sum, count and last value.
 *
 * Keeping all five (not just an average) is what lets min_over_time, max_over_time,
 * sum_over_time, count_over_time, avg_over_time and "last value" stay exact on old data. Points
 * are stored per block as int32 bucket offsets (in steps) plus five interleaved float64 fields.
 */
import {
  COUNT,
  higher,
  LAST,
  lower,
  MAX,
  MIN,
  ROLLUP_FIELDS,
  SUM,
  type PointVisitor,
} from './aggregator.js';
import { RollupChunk, type RollupChunkData } from './rollup-chunk.js';

/** The points of one series at one rollup level, bucket times strictly increasing. */
export class RollupBuffer {
  private chunks: RollupChunk[] = [];
  private head = 0;
  /** Number of points held. */
  count = 0;
  /** Estimated bytes held. */
  bytes = 0;

  constructor(readonly stepMs: number) {}

  /** Rebuilds a level from snapshot blocks. @throws Error when buckets are misaligned or out of order. */
  static from(stepMs: number, chunks: readonly RollupChunkData[]): RollupBuffer {
    const buffer = new RollupBuffer(stepMs);
    for (const data of chunks) {
      if (data.base % stepMs !== 0)
        throw new Error(`rollup bucket ${data.base} is not aligned to ${stepMs} ms`);
      if (data.fields.length !== data.offsets.length * ROLLUP_FIELDS)
        throw new Error('rollup block sizes disagree');
      for (let i = 0; i < data.offsets.length; i++) {
        const f = data.fields.subarray(i * ROLLUP_FIELDS, (i + 1) * ROLLUP_FIELDS);
        buffer.add(
          data.base + (data.offsets[i] as number) * stepMs,
          f[MIN]!,
          f[MAX]!,
          f[SUM]!,
          f[COUNT]!,
          f[LAST]!,
          true,
        );
      }
    }
    return buffer;
  }

  /** Bucket time of the newest point (-Infinity when empty). */
  get lastTime(): number {
    const tail = this.chunks[this.chunks.length - 1];
    return tail === undefined ? -Infinity : tail.timeAt(tail.length - 1);
  }

  /** Bucket time of the oldest point (+Infinity when empty). */
  get firstTime(): number {
    const first = this.chunks[0];
    return first === undefined ? Infinity : first.timeAt(this.head);
  }

  /** The `last` field of the newest point. */
  get lastValue(): number | undefined {
    const tail = this.chunks[this.chunks.length - 1];
    return tail === undefined ? undefined : tail.fields[(tail.length - 1) * ROLLUP_FIELDS + LAST];
  }

  /**
   * Adds a point for an aligned bucket; a point for the newest bucket is merged into it.
   * @param strict - refuse (throw) instead of merging or ignoring; used when loading.
   */
  add(
    bucketMs: number,
    min: number,
    max: number,
    sum: number,
    count: number,
    last: number,
    strict = false,
  ): void {
    const tail = this.chunks[this.chunks.length - 1];
    const lastTime = this.lastTime;
    if (bucketMs <= lastTime || !(count > 0)) {
      if (strict) throw new Error('rollup points do not strictly increase or have no samples');
      if (bucketMs < lastTime || !(count > 0)) return; // an older bucket cannot be folded in any more
      const f = (tail as RollupChunk).fields;
      const at = ((tail as RollupChunk).length - 1) * ROLLUP_FIELDS;
      f[at + MIN] = lower(f[at + MIN]!, min);
      f[at + MAX] = higher(f[at + MAX]!, max);
      f[at + SUM] = f[at + SUM]! + sum;
      f[at + COUNT] = f[at + COUNT]! + count;
      f[at + LAST] = last;
      return;
    }
    const before = tail?.bytes ?? 0;
    if (tail !== undefined && tail.push(bucketMs, min, max, sum, count, last)) {
      this.bytes += tail.bytes - before;
    } else {
      if (tail !== undefined && tail.length < tail.offsets.length) {
        tail.resize(tail.length); // sealed: give back the unused capacity
        this.bytes += tail.bytes - before;
      }
      const chunk = new RollupChunk(bucketMs, this.stepMs);
      chunk.push(bucketMs, min, max, sum, count, last);
      this.chunks.push(chunk);
      this.bytes += chunk.bytes;
    }
    this.count++;
  }

  /** Calls `visit` for every point whose bucket starts in [startMs, endMs], oldest first. */
  forEach(startMs: number, endMs: number, visit: PointVisitor): void {
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c] as RollupChunk;
      if (chunk.timeAt(chunk.length - 1) < startMs) continue;
      for (
        let i = Math.max(c === 0 ? this.head : 0, chunk.indexAtOrAfter(startMs));
        i < chunk.length;
        i++
      ) {
        const t = chunk.timeAt(i);
        if (t > endMs) return;
        const at = i * ROLLUP_FIELDS;
        const f = chunk.fields;
        visit(t, f[at + MIN]!, f[at + MAX]!, f[at + SUM]!, f[at + COUNT]!, f[at + LAST]!);
      }
    }
  }

  /** Removes every point whose bucket starts before `cutoffMs`, handing each to `visit` first. */
  takeBefore(cutoffMs: number, visit?: PointVisitor): number {
    let removed = 0;
    while (this.chunks.length > 0) {
      const chunk = this.chunks[0] as RollupChunk;
      const end = chunk.indexAtOrAfter(cutoffMs);
      if (visit !== undefined) {
        const f = chunk.fields;
        for (let i = this.head; i < end; i++) {
          const at = i * ROLLUP_FIELDS;
          visit(
            chunk.timeAt(i),
            f[at + MIN]!,
            f[at + MAX]!,
            f[at + SUM]!,
            f[at + COUNT]!,
            f[at + LAST]!,
          );
        }
      }
      if (end > this.head) removed += end - this.head;
      if (end < chunk.length) {
        this.head = Math.max(this.head, end);
        break;
      }
      this.dropFirst();
    }
    this.count -= removed;
    return removed;
  }

  /** Number of blocks (for the size cap). */
  get chunkCount(): number {
    return this.chunks.length;
  }

  /** Bucket time of the newest point in block `i`. */
  chunkEnd(i: number): number {
    const chunk = this.chunks[i] as RollupChunk;
    return chunk.timeAt(chunk.length - 1);
  }

  /** Drops the oldest block whole. @returns how many points went with it. */
  dropOldestChunk(): number {
    const chunk = this.chunks[0];
    if (chunk === undefined) return 0;
    const removed = chunk.length - this.head;
    this.dropFirst();
    this.count -= removed;
    return removed;
  }

  /** The blocks as plain data, the expired part of the first one cut off. */
  toData(): RollupChunkData[] {
    return this.chunks.map((chunk, c) => {
      const from = c === 0 ? this.head : 0;
      const offsets = chunk.offsets.slice(from, chunk.length);
      const shift = offsets[0] ?? 0;
      for (let i = 0; i < offsets.length; i++) offsets[i] = (offsets[i] as number) - shift;
      return {
        base: chunk.base + shift * this.stepMs,
        offsets,
        fields: chunk.fields.slice(from * ROLLUP_FIELDS, chunk.length * ROLLUP_FIELDS),
      };
    });
  }

  private dropFirst(): void {
    const chunk = this.chunks.shift();
    if (chunk !== undefined) this.bytes -= chunk.bytes;
    this.head = 0;
  }
}
