/**
 * @module Functions over range vectors (`rate`, `deriv`, `*_over_time`…): each reads one
 * series' samples in the range and returns a single value, or undefined to drop the series.
 */
import { KahanSum } from './kahan.js';
import type { RangeInfo, Window } from './selection.js';

/** One range function: the window of a series → a value, or undefined for no output. */
export type RangeFunction = (w: Window, range: RangeInfo, param: number) => number | undefined;

/**
 * PromQL's extrapolatedRate: the increase between the first and last sample (adding back counter
 * resets), extrapolated to the range boundaries when the samples reach within 1.1 average
 * intervals of them, otherwise by half an interval; counters are not extrapolated below zero.
 */
function extrapolatedRate(w: Window, r: RangeInfo, isCounter: boolean, isRate: boolean): number | undefined {
  const { times, values, lo, hi } = w;
  const n = hi - lo;
  if (n < 2) return undefined;
  const first = values[lo] as number;
  const firstT = times[lo] as number;
  const lastT = times[hi - 1] as number;
  let result = (values[hi - 1] as number) - first;
  if (isCounter) {
    let prev = first;
    for (let i = lo + 1; i < hi; i++) {
      const cur = values[i] as number;
      if (cur < prev) result += prev;
      prev = cur;
    }
  }
  let toStart = (firstT - r.startMs) / 1000;
  let toEnd = (r.endMs - lastT) / 1000;
  const sampled = (lastT - firstT) / 1000;
  const avgInterval = sampled / (n - 1);
  const threshold = avgInterval * 1.1;
  if (toStart >= threshold) toStart = avgInterval / 2;
  if (isCounter && result > 0 && first >= 0) {
    const toZero = sampled * (first / result);
    if (toZero < toStart) toStart = toZero;
  }
  if (toEnd >= threshold) toEnd = avgInterval / 2;
  let factor = (sampled + toStart + toEnd) / sampled;
  if (isRate) factor /= r.rangeMs / 1000;
  return result * factor;
}

/** irate/idelta: from the last two samples only. */
function instantValue(w: Window, isRate: boolean): number | undefined {
  if (w.hi - w.lo < 2) return undefined;
  const last = w.values[w.hi - 1] as number;
  const prev = w.values[w.hi - 2] as number;
  const dt = (w.times[w.hi - 1] as number) - (w.times[w.hi - 2] as number);
  if (dt === 0) return undefined;
  if (!isRate) return last - prev;
  // After a counter reset the last value is itself the increase.
  return (last < prev ? last : last - prev) / (dt / 1000);
}

/**
 * Least-squares fit of value against time (seconds relative to `interceptMs`), as PromQL's
 * linearRegression: constant series give slope 0 without the rounding noise of the formula.
 */
export function linearRegression(w: Window, interceptMs: number): [slope: number, intercept: number] {
  const { times, values, lo, hi } = w;
  const initY = values[lo] as number;
  let constY = true;
  const sumX = new KahanSum();
  const sumY = new KahanSum();
  const sumXY = new KahanSum();
  const sumX2 = new KahanSum();
  for (let i = lo; i < hi; i++) {
    const y = values[i] as number;
    if (y !== initY) constY = false;
    const x = ((times[i] as number) - interceptMs) / 1000;
    sumX.add(x);
    sumY.add(y);
    sumXY.add(x * y);
    sumX2.add(x * x);
  }
  if (constY) return Number.isFinite(initY) ? [0, initY] : [NaN, NaN];
  const n = hi - lo;
  const covXY = sumXY.value - (sumX.value * sumY.value) / n;
  const varX = sumX2.value - (sumX.value * sumX.value) / n;
  const slope = covXY / varX;
  return [slope, sumY.value / n - (slope * sumX.value) / n];
}

/** The φ-quantile of ascending `sorted`, interpolating between neighbours (PromQL's quantile). */
export function quantileOfSorted(q: number, sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return (sorted[lower] as number) * (1 - weight) + (sorted[upper] as number) * weight;
}

// Reused between calls: quantile_over_time sorts a copy of each window here.
let scratch = new Float64Array(64);

function quantileOverTime(w: Window, q: number): number {
  const n = w.hi - w.lo;
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  const buf = scratch.subarray(0, n);
  buf.set(w.values.subarray(w.lo, w.hi));
  buf.sort();
  return quantileOfSorted(q, buf);
}

function variance(w: Window): number {
  // Welford's update with compensated sums, like PromQL's stdvar_over_time.
  let count = 0;
  const mean = new KahanSum();
  const aux = new KahanSum();
  for (let i = w.lo; i < w.hi; i++) {
    const x = w.values[i] as number;
    count++;
    const delta = x - mean.value;
    mean.add(delta / count);
    aux.add(delta * (x - mean.value));
  }
  return aux.value / count;
}

function fold(w: Window, pick: (acc: number, x: number) => number): number {
  let acc = w.values[w.lo] as number;
  for (let i = w.lo + 1; i < w.hi; i++) acc = pick(acc, w.values[i] as number);
  return acc;
}

function sum(w: Window): number {
  const s = new KahanSum();
  for (let i = w.lo; i < w.hi; i++) s.add(w.values[i] as number);
  return s.value;
}

/** The range functions by name. `param` is the scalar argument where there is one. */
export const RANGE_FUNCTIONS: Readonly<Record<string, RangeFunction>> = {
  rate: (w, r) => extrapolatedRate(w, r, true, true),
  increase: (w, r) => extrapolatedRate(w, r, true, false),
  delta: (w, r) => extrapolatedRate(w, r, false, false),
  irate: (w) => instantValue(w, true),
  idelta: (w) => instantValue(w, false),
  deriv: (w) => (w.hi - w.lo < 2 ? undefined : linearRegression(w, w.times[w.lo] as number)[0]),
  predict_linear: (w, r, seconds) => {
    if (w.hi - w.lo < 2) return undefined;
    const [slope, intercept] = linearRegression(w, r.atMs);
    return slope * seconds + intercept;
  },
  changes: (w) => {
    let changes = 0;
    for (let i = w.lo + 1; i < w.hi; i++) {
      const a = w.values[i - 1] as number;
      const b = w.values[i] as number;
      if (a !== b && !(a !== a && b !== b)) changes++;
    }
    return changes;
  },
  resets: (w) => {
    let resets = 0;
    for (let i = w.lo + 1; i < w.hi; i++) if ((w.values[i] as number) < (w.values[i - 1] as number)) resets++;
    return resets;
  },
  avg_over_time: (w) => sum(w) / (w.hi - w.lo),
  min_over_time: (w) => fold(w, (acc, x) => (x < acc || Number.isNaN(acc) ? x : acc)),
  max_over_time: (w) => fold(w, (acc, x) => (x > acc || Number.isNaN(acc) ? x : acc)),
  sum_over_time: sum,
  count_over_time: (w) => w.hi - w.lo,
  last_over_time: (w) => w.values[w.hi - 1] as number,
  present_over_time: () => 1,
  stdvar_over_time: variance,
  stddev_over_time: (w) => Math.sqrt(variance(w)),
  quantile_over_time: (w, _r, q) => quantileOverTime(w, q),
};
