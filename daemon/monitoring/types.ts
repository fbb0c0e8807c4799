/**
 * @module Types shared by the metrics registry, the history store and the rule language.
 */

/** A label set: label name → value. Never holds `__name__`; the metric name travels apart. */
export type Labels = Readonly<Record<string, string>>;

/** A label matcher as in PromQL: `=`, `!=`, `=~` (full-string regex), `!~`. */
export interface LabelMatcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** One series' samples over a time range, oldest first (times in ms since the epoch). */
export interface RangeSeries {
  name: string;
  labels: Labels;
  times: Float64Array;
  values: Float64Array;
}

/**
 * One series' samples over a range, read in place: slots [lo, hi) of `times` and `values`, oldest
 * first. The object and its arrays are only valid during the call that receives them (a source
 * may reuse them for the next series, or hand out its own storage): never modify or keep them.
 */
export interface SeriesWindow {
  readonly name: string;
  readonly labels: Labels;
  readonly times: Float64Array;
  readonly values: Float64Array;
  readonly lo: number;
  readonly hi: number;
  /** True when the source knows no value in [lo, hi) is a NaN (so none is a staleness marker). */
  readonly noNaN?: boolean;
}

/** What the rule evaluator reads: the stored history. */
export interface SeriesSource {
  /**
   * Every series of `name` whose labels satisfy all `matchers`, with its samples in
   * [startMs, endMs] (both inclusive), at the finest resolution that still covers the range.
   */
  select(name: string, matchers: readonly LabelMatcher[], startMs: number, endMs: number): RangeSeries[];
  /** Every metric name that has at least one series (for `absent` and listings). */
  names(): Iterable<string>;
  /**
   * Optional: a number that changes whenever anything the other methods return could change.
   * With it, evaluations at the same time over the same version share selector results (see
   * rules/shared-results.ts); a source that cannot promise this must leave it out.
   */
  readonly version?: number;
  /**
   * Optional fast path for instant selectors; the evaluator uses `select` when it is missing.
   * Calls `visit` once per series `select(name, matchers, atMs - lookbackMs, atMs)` would return,
   * in the same order, with that series' last sample, except when the sample is not newer than
   * `atMs - lookbackMs` (the window is left-open) or is a staleness marker. Throws as `select`
   * would.
   */
  visitLatest?(
    name: string,
    matchers: readonly LabelMatcher[],
    atMs: number,
    lookbackMs: number,
    visit: (labels: Labels, value: number, timeMs: number) => void,
  ): void;
  /**
   * Optional fast path for range selectors; the evaluator uses `select` when it is missing. Calls
   * `visit` once per series `select(name, matchers, startMs, endMs)` would return, in the same
   * order, with the same samples (values byte for byte), as a window that need not be a copy.
   * Throws as `select` would.
   */
  scanRange?(
    name: string,
    matchers: readonly LabelMatcher[],
    startMs: number,
    endMs: number,
    visit: (window: SeriesWindow) => void,
  ): void;
}

/** The four metric types. */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';
