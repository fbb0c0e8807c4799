/**
 * @module Reading one series back as arrays: averages for the rule evaluator, all five rollup
 * fields for charts.
 */
import type { Labels, RangeSeries } from '../types.js';
import { Aggregator } from './aggregator.js';
import { isStaleMarker } from '../rules/staleness.js';
import type { Series } from './series.js';
import type { SampleChunk } from './sample-chunk.js';
import { emptySpan, type SampleSpan } from './series-buffer.js';

/** A series as rollup points (full-resolution samples appear as count-1 points); avg = sum / count. */
export interface RollupSeries {
  name: string;
  labels: Labels;
  times: Float64Array;
  min: Float64Array;
  max: Float64Array;
  sum: Float64Array;
  count: Float64Array;
  last: Float64Array;
}

/**
 * The `n` full-resolution samples of `series` in [startMs, endMs] (the caller has checked that
 * no rollup point is in range), copied into 2n float64s of `pool` from element `at`.
 */
function fullRange(
  series: Series,
  startMs: number,
  endMs: number,
  n: number,
  pool: ArrayBuffer,
  at: number,
): RangeSeries {
  const times = new Float64Array(pool, at * 8, n);
  const values = new Float64Array(pool, (at + n) * 8, n);
  series.full.copyRange(startMs, endMs, times, values);
  return { name: series.name, labels: series.labels, times, values };
}

/**
 * `rangeOf` for every series in `list` (those with no point in range left out), in order. The
 * arrays of series read at full resolution share one buffer, which is much cheaper than one
 * buffer per array when a read covers many short series (as rule evaluation does).
 */
export function rangesOf(list: readonly Series[], startMs: number, endMs: number): RangeSeries[] {
  // counts[i]: samples of list[i] in range, or -1 when it needs the general read.
  const counts: number[] = new Array<number>(list.length);
  let total = 0;
  for (let i = 0; i < list.length; i++) {
    const series = list[i] as Series;
    const n = series.fullOnlyFrom(startMs) ? series.full.countRange(startMs, endMs) : -1;
    counts[i] = n;
    if (n > 0) total += n;
  }
  const pool = new ArrayBuffer(16 * total);
  const out: RangeSeries[] = [];
  let at = 0;
  for (let i = 0; i < list.length; i++) {
    const series = list[i] as Series;
    const n = counts[i] as number;
    if (n > 0) {
      out.push(fullRange(series, startMs, endMs, n, pool, at));
      at += 2 * n;
    } else if (n < 0) {
      const range = rangeOf(series, startMs, endMs);
      if (range !== undefined) out.push(range);
    }
  }
  return out;
}

/**
 * The series' points in [startMs, endMs] with value = average, or undefined when there are none.
 * Full-resolution values are the stored bytes (a staleness marker stays one).
 */
export function rangeOf(series: Series, startMs: number, endMs: number): RangeSeries | undefined {
  if (series.fullOnlyFrom(startMs)) {
    // The usual case (rule windows are far shorter than the retention): straight array copies.
    const n = series.full.countRange(startMs, endMs);
    return n === 0 ? undefined : fullRange(series, startMs, endMs, n, new ArrayBuffer(16 * n), 0);
  }
  const pointTimes: number[] = [];
  const pointValues: number[] = [];
  series.collectLevels(startMs, endMs, (t, _min, _max, sum, count) => {
    pointTimes.push(t);
    pointValues.push(sum / count);
  });
  // Rollup points come first (they are older than every full-resolution sample).
  const points = pointTimes.length;
  const n = points + series.full.countRange(startMs, endMs);
  if (n === 0) return undefined;
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  times.set(pointTimes);
  values.set(pointValues);
  series.full.copyRange(startMs, endMs, times.subarray(points), values.subarray(points));
  return { name: series.name, labels: series.labels, times, values };
}

/** The newest point of a read, as `latestOf` reports it. */
export interface LatestPoint {
  timeMs: number;
  value: number;
  /** The value is a staleness marker (only a full-resolution sample can be one). */
  stale: boolean;
}

/**
 * The point `rangeOf(series, startMs, endMs)` would give last, without building the arrays:
 * writes it into `out` and returns true, or returns false when the range holds none. `span` is
 * scratch space.
 */
export function latestOf(
  series: Series,
  startMs: number,
  endMs: number,
  out: LatestPoint,
  span: SampleSpan,
): boolean {
  if (series.full.lastAtOrBefore(endMs, span)) {
    const chunk = span.chunk as SampleChunk;
    const timeMs = chunk.timeAt(span.lo);
    // Rollup points a read visits are all older than the oldest full-resolution sample, so this
    // sample is the newest in range when it is in range at all.
    if (timeMs < startMs) return false;
    out.timeMs = timeMs;
    out.value = chunk.values[span.lo] as number;
    out.stale = isStaleMarker(chunk.values, span.lo);
    return true;
  }
  // Only rollup points (or nothing) at or before endMs: read the way rangeOf does.
  let found = false;
  series.collect(startMs, endMs, (t, _min, _max, sum, count) => {
    found = true;
    out.timeMs = t;
    out.value = sum / count;
  });
  out.stale = false;
  return found;
}

/** What `visitRange` hands over: slots [lo, hi) of `times` and `values`. */
export type RangeVisitor = (
  times: Float64Array,
  values: Float64Array,
  lo: number,
  hi: number,
  noNaN: boolean,
) => void;

/**
 * Scratch space for `visitRange` over many series. Block times are written into `times`; since
 * series sampled together usually have blocks with the same start and step, the times written
 * for one series are often right for the next one too, and are then not written again.
 */
export class RangeScratch {
  readonly span: SampleSpan = emptySpan();
  times = new Float64Array(0);
  /** Slots [lo, hi) of `times` hold start + i * step (start NaN: nothing reusable). */
  private start = NaN;
  private step = NaN;
  private lo = 0;
  private hi = 0;

  /** `times` with slots [lo, hi) holding the times of those slots of `chunk`. */
  timesOf(chunk: SampleChunk, lo: number, hi: number): Float64Array {
    const regular = chunk.offsets === null;
    if (
      regular &&
      chunk.start === this.start &&
      chunk.step === this.step &&
      lo >= this.lo &&
      hi <= this.hi
    ) {
      return this.times;
    }
    if (this.times.length < hi)
      this.times = new Float64Array(Math.max(hi, chunk.length, 2 * this.times.length));
    chunk.fillTimes(this.times, lo, hi);
    this.start = regular ? chunk.start : NaN;
    this.step = chunk.step;
    this.lo = lo;
    this.hi = hi;
    return this.times;
  }
}

/**
 * Calls `visit` with the series' points in [startMs, endMs] (those `rangeOf` gives), or not at
 * all when there are none. When the points sit in one full-resolution block, the values are that
 * block's own array and the times come from `scratch`: nothing is copied. The arrays are only
 * valid during the call and must not be modified. `noNaN` is true when no value handed over is
 * a NaN (false means there may be one).
 */
export function visitRange(
  series: Series,
  startMs: number,
  endMs: number,
  scratch: RangeScratch,
  visit: RangeVisitor,
): void {
  const { span } = scratch;
  if (series.fullOnlyFrom(startMs) && series.full.spanOf(startMs, endMs, span)) {
    const chunk = span.chunk;
    if (chunk === null) return;
    visit(scratch.timesOf(chunk, span.lo, span.hi), chunk.values, span.lo, span.hi, !chunk.nan);
    return;
  }
  const range = rangeOf(series, startMs, endMs);
  if (range !== undefined) visit(range.times, range.values, 0, range.times.length, false);
}

/**
 * The series' points in [startMs, endMs] with every field; with `stepMs`, re-bucketed into
 * epoch-aligned buckets of that size (which can only coarsen what is stored).
 */
export function rollupOf(
  series: Series,
  startMs: number,
  endMs: number,
  stepMs?: number,
): RollupSeries | undefined {
  const cols: [number[], number[], number[], number[], number[], number[]] = [
    [],
    [],
    [],
    [],
    [],
    [],
  ];
  const push = (
    t: number,
    min: number,
    max: number,
    sum: number,
    count: number,
    last: number,
  ): void => {
    cols[0].push(t);
    cols[1].push(min);
    cols[2].push(max);
    cols[3].push(sum);
    cols[4].push(count);
    cols[5].push(last);
  };
  if (stepMs === undefined) {
    series.collect(startMs, endMs, push);
  } else {
    const into = new Aggregator(stepMs, push);
    series.collect(startMs, endMs, (t, mn, mx, s, c, l) => into.add(t, mn, mx, s, c, l));
    into.flush();
  }
  if (cols[0].length === 0) return undefined;
  const [times, min, max, sum, count, last] = cols.map((col) => Float64Array.from(col)) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  return { name: series.name, labels: series.labels, times, min, max, sum, count, last };
}
