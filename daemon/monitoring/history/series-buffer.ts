/**
 * @module The full-resolution samples of one series: a list of blocks, oldest first.
 *
 * Expiry drops whole blocks; a partly expired first block keeps its memory and only moves a
 * `head` index, so expiring never copies samples.
 */
import { SampleChunk, type SampleChunkData } from './sample-chunk.js';

/** What `append` did with a sample. */
export const AppendResult = { Added: 1, Overwritten: 0, Refused: -1 } as const;
export type AppendResult = (typeof AppendResult)[keyof typeof AppendResult];

/**
 * Slots [lo, hi) of one block, as the fast reads report them: valid only until the buffer changes.
 * `chunk` is null when there are no such samples.
 */
export interface SampleSpan {
  chunk: SampleChunk | null;
  lo: number;
  hi: number;
}

/** A new, empty span to pass to the fast reads (reuse it across series). */
export function emptySpan(): SampleSpan {
  return { chunk: null, lo: 0, hi: 0 };
}

/** Full-resolution samples of one series, times strictly increasing. */
export class SeriesBuffer {
  private chunks: SampleChunk[] = [];
  /** Samples of chunks[0] before this slot have expired. */
  private head = 0;
  /** Number of samples held. */
  count = 0;
  /** Estimated bytes held (blocks and their data). */
  bytes = 0;

  /** Rebuilds a buffer from snapshot blocks. @throws Error when times do not strictly increase. */
  static from(chunks: readonly SampleChunkData[]): SeriesBuffer {
    const buffer = new SeriesBuffer();
    let last = -Infinity;
    for (const data of chunks) {
      const chunk = SampleChunk.from(data);
      for (let i = 0; i < chunk.length; i++) {
        const t = chunk.timeAt(i);
        if (!(t > last)) throw new Error('sample times do not strictly increase');
        last = t;
      }
      buffer.chunks.push(chunk);
      buffer.count += chunk.length;
      buffer.bytes += chunk.bytes;
    }
    return buffer;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  /** Time of the newest sample (-Infinity when empty). */
  get lastTime(): number {
    const tail = this.chunks[this.chunks.length - 1];
    return tail === undefined ? -Infinity : tail.lastTime;
  }

  /** Time of the oldest sample (+Infinity when empty). */
  get firstTime(): number {
    const first = this.chunks[0];
    return first === undefined ? Infinity : first.timeAt(this.head);
  }

  /** Value of the newest sample (undefined when empty). */
  get lastValue(): number | undefined {
    const tail = this.chunks[this.chunks.length - 1];
    return tail?.values[tail.length - 1];
  }

  /** Adds a sample; the same time as the newest overwrites it, an older one is refused. */
  append(timeMs: number, value: number): AppendResult {
    const tail = this.chunks[this.chunks.length - 1];
    if (tail !== undefined) {
      const last = tail.lastTime;
      if (timeMs < last) return AppendResult.Refused;
      if (timeMs === last) {
        tail.overwriteLast(value);
        return AppendResult.Overwritten;
      }
      const before = tail.bytes;
      if (tail.push(timeMs, value)) {
        this.bytes += tail.bytes - before;
        this.count++;
        return AppendResult.Added;
      }
      tail.seal();
      this.bytes += tail.bytes - before;
    }
    const chunk = new SampleChunk(timeMs, value);
    this.chunks.push(chunk);
    this.bytes += chunk.bytes;
    this.count++;
    return AppendResult.Added;
  }

  /** Calls `visit` for every sample with startMs <= time <= endMs, oldest first. */
  forEach(startMs: number, endMs: number, visit: (timeMs: number, value: number) => void): void {
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c] as SampleChunk;
      if (chunk.lastTime < startMs) continue;
      let i = Math.max(c === 0 ? this.head : 0, chunk.indexAtOrAfter(startMs));
      for (; i < chunk.length; i++) {
        const t = chunk.timeAt(i);
        if (t > endMs) return;
        visit(t, chunk.values[i] as number);
      }
    }
  }

  /**
   * Finds the newest sample with time <= `endMs`: sets `span` to its slot (hi = lo + 1) and
   * returns true, or returns false when every sample is newer (or there are none).
   */
  lastAtOrBefore(endMs: number, span: SampleSpan): boolean {
    for (let c = this.chunks.length - 1; c >= 0; c--) {
      const chunk = this.chunks[c] as SampleChunk;
      const i = (chunk.lastTime <= endMs ? chunk.length : chunk.indexAfter(endMs)) - 1;
      if (i >= (c === 0 ? this.head : 0)) {
        span.chunk = chunk;
        span.lo = i;
        span.hi = i + 1;
        return true;
      }
    }
    return false;
  }

  /**
   * Finds the samples with startMs <= time <= endMs when they all sit in one block, so that they
   * can be read in place: sets `span` (chunk null when there are none) and returns true. Returns
   * false, leaving `span` unspecified, when they spread over several blocks.
   */
  spanOf(startMs: number, endMs: number, span: SampleSpan): boolean {
    span.chunk = null;
    span.lo = 0;
    span.hi = 0;
    for (let c = this.chunks.length - 1; c >= 0; c--) {
      const chunk = this.chunks[c] as SampleChunk;
      const first = c === 0 ? this.head : 0;
      const hi = chunk.lastTime <= endMs ? chunk.length : chunk.indexAfter(endMs);
      if (hi <= first) continue; // the whole block is newer than the range
      const lo = Math.max(first, chunk.indexAtOrAfter(startMs));
      // Nothing here in range means nothing older is either: older blocks end before `first`.
      if (lo >= hi) return true;
      if (lo === first && c > 0 && (this.chunks[c - 1] as SampleChunk).lastTime >= startMs)
        return false;
      span.chunk = chunk;
      span.lo = lo;
      span.hi = hi;
      return true;
    }
    return true;
  }

  /** How many samples have startMs <= time <= endMs. */
  countRange(startMs: number, endMs: number): number {
    let n = 0;
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c] as SampleChunk;
      if (chunk.lastTime < startMs) continue;
      const lo = Math.max(c === 0 ? this.head : 0, chunk.indexAtOrAfter(startMs));
      const hi = chunk.lastTime <= endMs ? chunk.length : chunk.indexAfter(endMs);
      if (hi > lo) n += hi - lo;
      if (hi < chunk.length) break;
    }
    return n;
  }

  /**
   * Copies the samples with startMs <= time <= endMs into `times` and `values`, which must hold
   * `countRange(startMs, endMs)` each. Values are copied byte for byte, so NaN payloads such as
   * staleness markers survive.
   */
  copyRange(startMs: number, endMs: number, times: Float64Array, values: Float64Array): void {
    let at = 0;
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c] as SampleChunk;
      if (chunk.lastTime < startMs) continue;
      const lo = Math.max(c === 0 ? this.head : 0, chunk.indexAtOrAfter(startMs));
      const hi = chunk.lastTime <= endMs ? chunk.length : chunk.indexAfter(endMs);
      if (hi > lo) {
        const n = hi - lo;
        for (let i = 0; i < n; i++) times[at + i] = chunk.timeAt(lo + i);
        values.set(n === chunk.values.length ? chunk.values : chunk.values.subarray(lo, hi), at);
        at += n;
      }
      if (hi < chunk.length) break;
    }
  }

  /**
   * Removes every sample older than `cutoffMs`, handing each to `visit` first (oldest first).
   * @returns how many samples were removed.
   */
  takeBefore(cutoffMs: number, visit?: (timeMs: number, value: number) => void): number {
    let removed = 0;
    while (this.chunks.length > 0) {
      const chunk = this.chunks[0] as SampleChunk;
      const end = chunk.indexAtOrAfter(cutoffMs);
      if (visit !== undefined) {
        for (let i = this.head; i < end; i++) visit(chunk.timeAt(i), chunk.values[i] as number);
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

  /** Number of blocks (for the size cap's oldest-first eviction). */
  get chunkCount(): number {
    return this.chunks.length;
  }

  /** Time of the newest sample in block `i`. */
  chunkEnd(i: number): number {
    return (this.chunks[i] as SampleChunk).lastTime;
  }

  /** Drops the oldest block whole. @returns how many samples went with it. */
  dropOldestChunk(): number {
    const chunk = this.chunks[0];
    if (chunk === undefined) return 0;
    const removed = chunk.length - this.head;
    this.dropFirst();
    this.count -= removed;
    return removed;
  }

  /** The blocks as plain data, the expired part of the first one cut off. */
  toData(): SampleChunkData[] {
    return this.chunks.map((chunk, i) => chunk.data(i === 0 ? this.head : 0));
  }

  private dropFirst(): void {
    const chunk = this.chunks.shift();
    if (chunk !== undefined) this.bytes -= chunk.bytes;
    this.head = 0;
  }
}
