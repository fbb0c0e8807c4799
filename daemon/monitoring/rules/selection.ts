/**
 * @module Reading selectors from the SeriesSource: the latest sample within the lookback for an
 * instant selector, the samples of the range for a range selector. Both windows are left-open,
 * `(t - lookback, t]` and `(t - range, t]`, as in Prometheus 3; staleness markers end a series.
 *
 * A source with `visitLatest` / `scanRange` (the history store) is read through those, without
 * building arrays per series; any other source through `select`. The results are the same.
 */
import type { LabelMatcher, RangeSeries, SeriesSource, SeriesWindow } from '../types.js';
import type { MatrixSelector, VectorSelector } from './ast.js';
import { matcherAccepts } from './matchers.js';
import { numberKey, selectorKey, shared } from './shared-results.js';
import { isStaleMarker } from './staleness.js';
import { type Sample, sample } from './values.js';

/** What one evaluation reads from. */
export interface EvalContext {
  readonly source: SeriesSource;
  readonly atMs: number;
  readonly lookbackMs: number;
  /** Results shared with other evaluations at this time over this data, if the source allows. */
  readonly shared?: Map<string, readonly Sample[]> | undefined;
}

/**
 * The samples of one series inside a range: indexes [lo, hi) of `times`/`values`, with the
 * series' name and labels. Valid only during the visit.
 */
export type Window = SeriesWindow;

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

/** Calls `read` with each metric name the selector reads: its own, or every name its `__name__` matchers accept. */
function forEachName(sel: VectorSelector, source: SeriesSource, read: (name: string) => void): void {
  if (sel.name !== undefined) {
    read(sel.name);
    return;
  }
  for (const name of source.names()) {
    if (sel.nameMatchers.every((m) => matcherAccepts(m, name))) read(name);
  }
}

function seriesOf(sel: VectorSelector, source: SeriesSource, startMs: number, endMs: number): RangeSeries[] {
  if (sel.name !== undefined) return source.select(sel.name, sel.labelMatchers, startMs, endMs);
  const out: RangeSeries[] = [];
  forEachName(sel, source, (name) => {
    for (const s of source.select(name, sel.labelMatchers, startMs, endMs)) out.push(s);
  });
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
  if (ctx.shared === undefined) return readInstant(sel, ctx);
  const key = `i\u0000${numberKey(sel.offsetMs)}\u0000${numberKey(ctx.lookbackMs)}${selectorKey(sel)}`;
  return shared(ctx.shared, key, () => readInstant(sel, ctx));
}

function readInstant(sel: VectorSelector, ctx: EvalContext): Sample[] {
  const endMs = ctx.atMs - sel.offsetMs;
  const { source } = ctx;
  const out: Sample[] = [];
  if (source.visitLatest !== undefined) {
    const matchers: readonly LabelMatcher[] = sel.labelMatchers;
    forEachName(sel, source, (name) => {
      (source as Required<SeriesSource>).visitLatest(name, matchers, endMs, ctx.lookbackMs, (labels, value) => {
        out.push({ labels, value, name });
      });
    });
    return out;
  }
  const startMs = endMs - ctx.lookbackMs;
  for (const s of seriesOf(sel, source, startMs, endMs)) {
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
  const { source } = ctx;
  const sel = m.selector;
  // One window object serves every series: evaluation runs every tick over many series, so
  // nothing is allocated per series unless it holds stale markers.
  const w: MutableWindow = { name: '', labels: NO_LABELS, times: NO_SAMPLES, values: NO_SAMPLES, lo: 0, hi: 0 };
  const take = (name: string, s: RangeSeries | SeriesWindow, from: number, to: number): void => {
    const { times } = s;
    // Sources usually return just the range already; skip the binary searches then. The range
    // is left-open: a sample at exactly startMs is out.
    const lo = to > from && (times[from] as number) > startMs ? from : upperBoundIn(times, startMs, from, to);
    const hi = to > from && (times[to - 1] as number) <= endMs ? to : upperBoundIn(times, endMs, from, to);
    if (hi <= lo) return;
    w.name = name;
    w.labels = s.labels;
    w.times = times;
    w.values = s.values;
    w.lo = lo;
    w.hi = hi;
    if ((s as SeriesWindow).noNaN !== true && hasNaN(s.values, lo, hi)) removeStaleMarkers(w);
    if (w.hi > w.lo) visit(w);
  };
  if (source.scanRange !== undefined) {
    const matchers: readonly LabelMatcher[] = sel.labelMatchers;
    forEachName(sel, source, (name) => {
      (source as Required<SeriesSource>).scanRange(name, matchers, startMs, endMs, (sw) => take(name, sw, sw.lo, sw.hi));
    });
    return;
  }
  for (const s of seriesOf(sel, source, startMs, endMs)) take(s.name, s, 0, s.times.length);
}

/** Index of the first time > `t` among times[from..to) (binary search). */
function upperBoundIn(times: Float64Array, t: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type MutableWindow = { -readonly [K in keyof Window]: Window[K] };

const NO_SAMPLES = new Float64Array(0);
const NO_LABELS = Object.freeze({});

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
