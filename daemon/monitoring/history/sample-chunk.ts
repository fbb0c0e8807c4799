/**
 * @module One block of full-resolution samples: float64 values and a compact time encoding.
 *
 * A daemon samples on a fixed interval, so most blocks are perfectly regular and need no stored
 * times at all: time(i) = start + i * step, where step is learnt from the first two samples. Only
 * when a sample breaks the rhythm (timer jitter, a short pause) does the block switch to explicit
 * int32 millisecond offsets from its start: 12 bytes a sample instead of 8, still exact. A long
 * gap seals the block instead, so one pause does not cost every later sample 4 bytes.
 */

/** Estimated V8 cost of a block object, beyond its typed arrays (calibrated with bench/history-memory.mjs). */
export const BLOCK_OBJECT_BYTES = 64;
/** Estimated V8 cost of one typed array beyond its data: the view, its ArrayBuffer, the backing-store record. */
export const TYPED_ARRAY_BYTES = 200;

/** A new block starts this small so that short-lived or sparse series stay cheap. */
export const MIN_CHUNK_CAPACITY = 16;

/** Blocks grow by doubling up to this; larger blocks would make expiry and eviction too coarse. */
export const MAX_CHUNK_CAPACITY = 512;

/** Int32 offsets limit how far a block's last sample may lie from its first. */
const MAX_OFFSET = 0x7fff_ffff;

/** Below this many samples a regular gap converts the block instead of sealing it (sealing costs a block). */
const SEAL_ON_GAP_MIN = 8;

/** The plain data of a block, as the snapshot stores it. */
export interface SampleChunkData {
  start: number;
  step: number;
  values: Float64Array;
  offsets: Int32Array | null;
}

/** One block of samples; times strictly increase. */
export class SampleChunk {
  /** Time of slot 0, in ms. */
  start: number;
  /** Spacing of a regular block (0 until it holds two samples). */
  step = 0;
  values: Float64Array;
  /** Null while regular; otherwise ms offsets from `start`. */
  offsets: Int32Array | null = null;
  length = 1;
  /**
   * False while no value stored here has been a NaN, so readers can skip looking for staleness
   * markers. Never goes back to false (an overwritten NaN keeps it true).
   */
  nan: boolean;

  constructor(timeMs: number, value: number, capacity = MIN_CHUNK_CAPACITY) {
    this.start = timeMs;
    this.values = new Float64Array(capacity);
    this.values[0] = value;
    this.nan = value !== value;
  }

  /** Rebuilds a block from snapshot data (already checked by the caller). */
  static from(data: SampleChunkData): SampleChunk {
    const chunk = new SampleChunk(data.start, data.values[0] ?? NaN, 1);
    chunk.values = data.values;
    chunk.offsets = data.offsets;
    chunk.step = data.step;
    chunk.length = data.values.length;
    chunk.nan = false;
    for (let i = 0; i < chunk.length; i++) {
      const v = data.values[i] as number;
      if (v !== v) chunk.nan = true;
    }
    return chunk;
  }

  /** Time of slot `i`. */
  timeAt(i: number): number {
    return this.offsets === null
      ? this.start + i * this.step
      : this.start + (this.offsets[i] as number);
  }

  get lastTime(): number {
    return this.timeAt(this.length - 1);
  }

  get bytes(): number {
    const offsets = this.offsets === null ? 0 : TYPED_ARRAY_BYTES + this.offsets.byteLength;
    return BLOCK_OBJECT_BYTES + TYPED_ARRAY_BYTES + this.values.byteLength + offsets;
  }

  /** First slot whose time is >= `timeMs` (`length` when none). */
  indexAtOrAfter(timeMs: number): number {
    if (timeMs <= this.start) return 0;
    if (this.offsets === null) {
      if (this.step === 0) return this.length;
      return Math.min(this.length, Math.ceil((timeMs - this.start) / this.step));
    }
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.start + (this.offsets[mid] as number) < timeMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First slot whose time is > `timeMs` (`length` when none). */
  indexAfter(timeMs: number): number {
    if (timeMs < this.start) return 0;
    if (this.offsets === null) {
      if (this.step === 0) return this.length;
      let i = Math.min(this.length, Math.floor((timeMs - this.start) / this.step) + 1);
      // The division is exact for whole-ms times; the steps below only guard odd fractional ones.
      while (i < this.length && this.start + i * this.step <= timeMs) i++;
      while (i > 0 && this.start + (i - 1) * this.step > timeMs) i--;
      return i;
    }
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.start + (this.offsets[mid] as number) <= timeMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Replaces the value of the newest sample. */
  overwriteLast(value: number): void {
    this.values[this.length - 1] = value;
    if (value !== value) this.nan = true;
  }

  /** Writes the times of slots [lo, hi) into the same slots of `out` (which must be long enough). */
  fillTimes(out: Float64Array, lo: number, hi: number): void {
    const { start, offsets } = this;
    if (offsets === null) {
      const { step } = this;
      for (let i = lo; i < hi; i++) out[i] = start + i * step;
    } else {
      for (let i = lo; i < hi; i++) out[i] = start + (offsets[i] as number);
    }
  }

  /**
   * Appends a sample newer than the last one.
   * @returns false when the block must be sealed and a new one started for this sample.
   */
  push(timeMs: number, value: number): boolean {
    const offset = timeMs - this.start;
    if (offset > MAX_OFFSET) return false;
    if (this.length === this.values.length && !this.grow()) return false;
    if (this.offsets === null) {
      if (this.length === 1) {
        this.step = offset;
      } else {
        const delta = timeMs - this.lastTime;
        if (delta !== this.step) {
          if (delta % this.step === 0 && this.length >= SEAL_ON_GAP_MIN) return false;
          this.makeExplicit();
        }
      }
    }
    if (this.offsets !== null) this.offsets[this.length] = offset;
    this.values[this.length++] = value;
    if (value !== value) this.nan = true;
    return true;
  }

  /** Releases unused capacity once no more samples will be added. */
  seal(): void {
    if (this.length === this.values.length) return;
    this.values = this.values.slice(0, this.length);
    if (this.offsets !== null) this.offsets = this.offsets.slice(0, this.length);
  }

  /** The samples from slot `from` on, re-based so that slot 0 is the first of them. */
  data(from: number): SampleChunkData {
    const values = this.values.slice(from, this.length);
    if (this.offsets === null)
      return { start: this.start + from * this.step, step: this.step, values, offsets: null };
    const base = this.offsets[from] as number;
    const offsets = this.offsets.slice(from, this.length);
    for (let i = 0; i < offsets.length; i++) offsets[i] = (offsets[i] as number) - base;
    return { start: this.start + base, step: 0, values, offsets };
  }

  private grow(): boolean {
    const capacity = this.values.length;
    if (capacity >= MAX_CHUNK_CAPACITY) return false;
    const next = Math.min(MAX_CHUNK_CAPACITY, capacity * 2);
    const values = new Float64Array(next);
    values.set(this.values);
    this.values = values;
    if (this.offsets !== null) {
      const offsets = new Int32Array(next);
      offsets.set(this.offsets);
      this.offsets = offsets;
    }
    return true;
  }

  private makeExplicit(): void {
    const offsets = new Int32Array(this.values.length);
    for (let i = 0; i < this.length; i++) offsets[i] = i * this.step;
    this.offsets = offsets;
    this.step = 0;
  }
}
