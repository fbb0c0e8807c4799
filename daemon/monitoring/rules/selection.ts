/**
 * @module Reading selectors from the SeriesSource: the latest sample within the lookback for an
 * instant selector, the samples of the range for a range selector. Both windows are left-open,
 * `(t - lookback, t]` and `(t - range, t]`, as in Prometheus 3; staleness markers end a series.
 */
import type { RangeSeries, SeriesSource } from '../types.js';
import type { MatrixSelector, VectorSelector } from './ast.js';
import { matcherAccepts } from './matchers.js';
import { isStaleMarker } from './staleness.js';
import { type Sample, sample } from './values.js';

/** What one evaluation reads from. */
export interface EvalContext {
  readonly source: SeriesSource;
  readonly atMs: number;
  readonly lookbackMs: number;
}

/** The samples of one series inside a range: indexes [lo, hi) of `times`/`values`. Valid only during the visit. */
export interface Window {
  readonly series: RangeSeries;
  readonly times: Float64Array;
  readonly values: Float64Array;
  readonly lo: number;
  readonly hi: number;
}

/** The bounds of a range being evaluated. */
export interface RangeInfo {
  /** Exclusive start of the range, ms. */
  readonly startMs: number;
  /** Inclusive end of the range (evaluation time minus offset), ms. */
  readonly endMs: number;
  readonly rangeMs: number;
  /** The evaluation time, ms (predict_linear predicts from here, as in PromQL). */
  readonly atMs: number;
}

function seriesOf(sel: VectorSelector, source: SeriesSource, startMs: number, endMs: number): RangeSeries[] {
  if (sel.name !== undefined) return source.select(sel.name, sel.labelMatchers, startMs, endMs);
  // No fixed name: ask for every name the `__name__` matchers accept.
  const out: RangeSeries[] = [];
  for (const name of source.names()) {
    if (!sel.nameMatchers.every((m) => matcherAccepts(m, name))) continue;
    for (const s of source.select(name, sel.labelMatchers, startMs, endMs)) out.push(s);
  }
  return out;
}

/** Index of the first time > `t` in sorted `times` (binary search). */
export function upperBound(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first time >= `t` in sorted `times` (binary search). */
export function lowerBound(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The latest sample of each matching series within the lookback, unless it is a stale marker. */
export function selectInstant(sel: VectorSelector, ctx: EvalContext): Sample[] {
  const endMs = ctx.atMs - sel.offsetMs;
  const startMs = endMs - ctx.lookbackMs;
  const out: Sample[] = [];
  for (const s of seriesOf(sel, ctx.source, startMs, endMs)) {
    const n = s.times.length;
    const i = (n > 0 && (s.times[n - 1] as number) <= endMs ? n : upperBound(s.times, endMs)) - 1;
    if (i < 0 || (s.times[i] as number) <= startMs || isStaleMarker(s.values, i)) continue;
    out.push(sample(s.labels, s.values[i] as number, s.name));
  }
  return out;
}

/** The bounds of range selector `m` evaluated at `ctx.atMs`. */
export function rangeOf(m: MatrixSelector, ctx: EvalContext): RangeInfo {
  const endMs = ctx.atMs - m.selector.offsetMs;
  return { startMs: endMs - m.rangeMs, endMs, rangeMs: m.rangeMs, atMs: ctx.atMs };
}

/** Calls `visit` with the samples of each matching series in `range`, stale markers left out. */
export function scanRange(m: MatrixSelector, ctx: EvalContext, range: RangeInfo, visit: (w: Window) => void): void {
  const { startMs, endMs } = range;
  // One window object serves every series: evaluation runs every tick over many series, so
  // nothing is allocated per series unless it holds stale markers.
  const w: MutableWindow = { series: EMPTY, times: NO_SAMPLES, values: NO_SAMPLES, lo: 0, hi: 0 };
  for (const s of seriesOf(m.selector, ctx.source, startMs, endMs)) {
    const { times } = s;
    const n = times.length;
    // Sources usually return just the range already; skip the binary searches then.
    const lo = n > 0 && (times[0] as number) > startMs ? 0 : upperBound(times, startMs);
    const hi = n > 0 && (times[n - 1] as number) <= endMs ? n : upperBound(times, endMs);
    if (hi <= lo) continue;
    w.series = s;
    w.times = s.times;
    w.values = s.values;
    w.lo = lo;
    w.hi = hi;
    if (hasNaN(s.values, lo, hi)) removeStaleMarkers(w);
    if (w.hi > w.lo) visit(w);
  }
}

type MutableWindow = { -readonly [K in keyof Window]: Window[K] };

const NO_SAMPLES = new Float64Array(0);
const EMPTY: RangeSeries = { name: '', labels: {}, times: NO_SAMPLES, values: NO_SAMPLES };

function hasNaN(values: Float64Array, lo: number, hi: number): boolean {
  for (let i = lo; i < hi; i++) {
    const v = values[i] as number;
    if (v !== v) return true;
  }
  return false;
}

// Only windows holding a NaN get here; those with stale markers are copied without them.
function removeStaleMarkers(w: MutableWindow): void {
  const { times, values, lo, hi } = w;
  let stale = 0;
  for (let i = lo; i < hi; i++) if (isStaleMarker(values, i)) stale++;
  if (stale === 0) return;
  const t = new Float64Array(hi - lo - stale);
  const v = new Float64Array(hi - lo - stale);
  let j = 0;
  for (let i = lo; i < hi; i++) {
    if (isStaleMarker(values, i)) continue;
    t[j] = times[i] as number;
    v[j] = values[i] as number;
    j++;
  }
  w.times = t;
  w.values = v;
  w.lo = 0;
  w.hi = j;
}
