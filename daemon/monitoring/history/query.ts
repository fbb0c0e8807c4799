/**
 * @module Reading one series back as arrays: averages for the rule evaluator, all five rollup
 * fields for charts.
 */
import type { Labels, RangeSeries } from '../types.js';
import { Aggregator } from './aggregator.js';
import { isStaleMarker } from '../rules/staleness.js';
import type { Series } from './series.js';
import type { SampleChunk } from './sample-chunk.js';
import type { SampleSpan } from './series-buffer.js';

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

/** The series' points in [startMs, endMs] with value = average, or undefined when there are none. */
export function rangeOf(series: Series, startMs: number, endMs: number): RangeSeries | undefined {
  if (series.fullOnlyFrom(startMs)) {
    // The usual case (rule windows are far shorter than the retention): straight array copies.
    const copy = series.full.copyRange(startMs, endMs);
    if (copy === undefined) return undefined;
    return { name: series.name, labels: series.labels, times: copy.times, values: copy.values };
  }
  const times: number[] = [];
  const values: number[] = [];
  // A full-resolution sample is a count-1 point, so sum / count gives back its exact value.
  series.collect(startMs, endMs, (t, _min, _max, sum, count) => {
    times.push(t);
    values.push(sum / count);
  });
  if (times.length === 0) return undefined;
  return {
    name: series.name,
    labels: series.labels,
    times: Float64Array.from(times),
    values: Float64Array.from(values),
  };
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
export function latestOf(series: Series, startMs: number, endMs: number, out: LatestPoint, span: SampleSpan): boolean {
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

/**
 * Calls `visit` with the series' points in [startMs, endMs] as slots [lo, hi) of `times` and
 * `values`, or not at all when there are none. When the points sit in one full-resolution block
 * the values are that block's own array and `times` is `scratch` (grown as needed; the returned
 * array is the scratch to pass next time): nothing is copied. The arrays are only valid during
 * the call and must not be modified.
 */
export function visitRange(
  series: Series,
  startMs: number,
  endMs: number,
  span: SampleSpan,
  scratch: Float64Array,
  visit: (times: Float64Array, values: Float64Array, lo: number, hi: number) => void,
): Float64Array {
  if (series.fullOnlyFrom(startMs) && series.full.spanOf(startMs, endMs, span)) {
    const chunk = span.chunk;
    if (chunk === null) return scratch;
    let times = scratch;
    if (times.length < span.hi) times = new Float64Array(Math.max(span.hi, chunk.length, 2 * times.length));
    chunk.fillTimes(times, span.lo, span.hi);
    visit(times, chunk.values, span.lo, span.hi);
    return times;
  }
  const range = rangeOf(series, startMs, endMs);
  if (range !== undefined) visit(range.times, range.values, 0, range.times.length);
  return scratch;
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
