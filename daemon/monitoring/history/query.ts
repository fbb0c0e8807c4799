/**
 * @module Reading one series back as arrays: averages for the rule evaluator, all five rollup
 * fields for charts.
 */
import type { Labels, RangeSeries } from '../types.js';
import { Aggregator } from './aggregator.js';
import type { Series } from './series.js';

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
