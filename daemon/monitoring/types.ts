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

/** What the rule evaluator reads: the stored history. */
export interface SeriesSource {
  /**
   * Every series of `name` whose labels satisfy all `matchers`, with its samples in
   * [startMs, endMs] (both inclusive), at the finest resolution that still covers the range.
   */
  select(name: string, matchers: readonly LabelMatcher[], startMs: number, endMs: number): RangeSeries[];
  /** Every metric name that has at least one series (for `absent` and listings). */
  names(): Iterable<string>;
}

/** The four metric types. */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';
