/**
 * @module The sliding time window behind a summary's quantiles.
 *
 * A ring of `ageBuckets` slots, each holding the observations of one time slice of
 * `maxAgeSeconds / ageBuckets`. Slices are aligned to the clock (slice k covers
 * [k·slice, (k+1)·slice)), so a slot knows which slice it holds and is emptied when the ring
 * comes back round to it. A query reads the slots of the last `ageBuckets` slices: an observation
 * therefore leaves the window between `maxAge − slice` and `maxAge` after it was made, and never
 * lingers past `maxAge`, however long the series went without updates.
 *
 * A slot keeps raw values (exact quantiles) up to {@link EXACT_LIMIT}, then moves them into a
 * {@link LogSketch} so memory stays bounded at any rate.
 */
import { LogSketch, nearestRank } from './sketch.js';

/** Raw values a slot keeps before it switches to a sketch. */
export const EXACT_LIMIT = 512;

class Slot {
  /** The time slice this slot holds (-Infinity: none yet). */
  slice = -Infinity;
  count = 0;
  min = Infinity;
  max = -Infinity;
  values: Float64Array | null = null;
  length = 0;
  sketch: LogSketch | null = null;

  reset(slice: number): void {
    this.slice = slice;
    this.count = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.length = 0;
    this.sketch = null;
  }

  add(value: number): void {
    this.count++;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (this.sketch !== null) {
      this.sketch.add(value);
      return;
    }
    let values = this.values;
    if (values === null || this.length === values.length) {
      if (this.length === EXACT_LIMIT) {
        this.sketch = new LogSketch();
        for (let i = 0; i < this.length; i++)
          this.sketch.add((values as Float64Array)[i] as number);
        this.sketch.add(value);
        this.length = 0;
        return;
      }
      const grown = new Float64Array(
        values === null ? 16 : Math.min(values.length * 2, EXACT_LIMIT),
      );
      if (values !== null) grown.set(values);
      this.values = values = grown;
    }
    values[this.length++] = value;
  }
}

/** Observations of the last `maxAgeSeconds`, with their quantiles. */
export class SlidingWindow {
  private readonly slots: Slot[];
  private readonly sliceMs: number;
  private current: Slot;
  /** When the current slot's slice ends (ms); the next push at or after it moves to a new slot. */
  private currentEnd = -Infinity;

  constructor(
    maxAgeSeconds: number,
    ageBuckets: number,
    private readonly now: () => number,
  ) {
    this.sliceMs = (maxAgeSeconds * 1000) / ageBuckets;
    this.slots = Array.from({ length: ageBuckets }, () => new Slot());
    this.current = this.slots[0] as Slot;
  }

  /** Adds an observation at the current time. */
  push(value: number): void {
    const t = this.now();
    // A clock that steps back keeps writing into the current slot rather than reopening an old one.
    if (t >= this.currentEnd) this.advance(t);
    this.current.add(value);
  }

  private advance(t: number): void {
    const slice = Math.floor(t / this.sliceMs);
    const n = this.slots.length;
    const slot = this.slots[((slice % n) + n) % n] as Slot;
    if (slot.slice !== slice) slot.reset(slice);
    this.current = slot;
    this.currentEnd = (slice + 1) * this.sliceMs;
  }

  /** The slots whose slice is one of the last `ageBuckets` ones. */
  private liveSlots(): Slot[] {
    const oldest = Math.floor(this.now() / this.sliceMs) - this.slots.length;
    return this.slots.filter((slot) => slot.count > 0 && slot.slice > oldest);
  }

  /** How many observations are in the window now. */
  count(): number {
    let total = 0;
    for (const slot of this.liveSlots()) total += slot.count;
    return total;
  }

  /** The values at quantiles `qs` over the window, by nearest rank; NaN when it is empty. */
  quantiles(qs: readonly number[]): number[] {
    const live = this.liveSlots();
    let total = 0;
    let exact = true;
    let min = Infinity;
    let max = -Infinity;
    for (const slot of live) {
      total += slot.count;
      if (slot.sketch !== null) exact = false;
      if (slot.min < min) min = slot.min;
      if (slot.max > max) max = slot.max;
    }
    if (total === 0) return qs.map(() => NaN);
    if (exact) {
      const all = new Float64Array(total);
      let at = 0;
      for (const slot of live) {
        all.set((slot.values as Float64Array).subarray(0, slot.length), at);
        at += slot.length;
      }
      all.sort();
      return qs.map((q) => all[nearestRank(q, total) - 1] as number);
    }
    const merged = new LogSketch();
    for (const slot of live) {
      if (slot.sketch !== null) merged.merge(slot.sketch);
      else
        for (let i = 0; i < slot.length; i++)
          merged.add((slot.values as Float64Array)[i] as number);
    }
    // The sketch's bucket values can overshoot the extremes by up to 1%; the true ones are known.
    return merged.quantiles(qs).map((v) => (v < min ? min : v > max ? max : v));
  }
}
