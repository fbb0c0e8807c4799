/**
 * @module Summary: quantiles over a sliding time window, plus the sum and count of all observations.
 *
 * As in Prometheus, `_sum` and `_count` cover every observation since the series began (so
 * `rate()` works on them); only the quantiles are limited to the window.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { formatValue } from './exposition.js';
import { observationProblem } from './histogram.js';
import type { LabelInput, MetricOptions, SampleSink } from './metric.js';
import { Metric, refuseValue, Series } from './metric.js';
import { secondsSince, timerLabels, timerStart } from './timer.js';
import { describe } from './names.js';
import { SlidingWindow } from './window.js';

/** prom-client's default quantiles. */
export const DEFAULT_PERCENTILES: readonly number[] = Object.freeze([
  0.01, 0.05, 0.5, 0.9, 0.95, 0.99, 0.999,
]);
/** Default window length: 10 minutes. */
export const DEFAULT_MAX_AGE_SECONDS = 600;
/** Default number of age buckets in the window's ring. */
export const DEFAULT_AGE_BUCKETS = 5;

/** Options of a summary. */
export interface SummaryOptions extends MetricOptions {
  /** Quantiles to report, each in [0, 1]. */
  percentiles?: readonly number[];
  /** How long an observation counts towards the quantiles. */
  maxAgeSeconds?: number;
  /** Slots in the window's ring; more slots make expiry smoother. */
  ageBuckets?: number;
}

/** A summary series as read back. */
export interface SummaryValue {
  /** Quantiles over the window, in ascending order of quantile; NaN when the window is empty. */
  quantiles: Array<{ quantile: number; value: number }>;
  sum: number;
  count: number;
}

/** The window settings a summary runs with, after defaults and checks. */
export interface SummarySettings {
  percentiles: readonly number[];
  maxAgeSeconds: number;
  ageBuckets: number;
}

class SummarySeries extends Series {
  count = 0;
  sum = 0;
  child: SummaryChild | undefined = undefined;
  constructor(
    labelValues: readonly string[],
    readonly window: SlidingWindow,
  ) {
    super(labelValues);
  }
}

/** Applies defaults to the window options and checks them; the percentiles come back sorted. */
export function summarySettings(name: string, options: Partial<SummarySettings>): SummarySettings {
  const percentiles = options.percentiles ?? DEFAULT_PERCENTILES;
  if (!Array.isArray(percentiles))
    throw new InvalidInputError(
      `summary ${name}: percentiles must be an array of numbers`,
      'percentiles',
    );
  for (const q of percentiles as unknown[]) {
    if (typeof q !== 'number' || !(q >= 0 && q <= 1)) {
      throw new InvalidInputError(
        `summary ${name}: percentile ${describe(q)} is not a number in [0, 1]`,
        'percentiles',
      );
    }
  }
  const sorted = [...percentiles].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1])
      throw new InvalidInputError(
        `summary ${name}: percentile ${sorted[i]} is listed twice`,
        'percentiles',
      );
  }
  const maxAgeSeconds = options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  if (typeof maxAgeSeconds !== 'number' || !(maxAgeSeconds > 0 && maxAgeSeconds < Infinity)) {
    throw new InvalidInputError(
      `summary ${name}: maxAgeSeconds must be a positive number, got ${describe(maxAgeSeconds)}`,
      'maxAgeSeconds',
    );
  }
  const ageBuckets = options.ageBuckets ?? DEFAULT_AGE_BUCKETS;
  if (typeof ageBuckets !== 'number' || !Number.isInteger(ageBuckets) || ageBuckets < 1) {
    throw new InvalidInputError(
      `summary ${name}: ageBuckets must be a positive integer, got ${describe(ageBuckets)}`,
      'ageBuckets',
    );
  }
  return { percentiles: Object.freeze(sorted), maxAgeSeconds, ageBuckets };
}

/** A summary. */
export class Summary extends Metric<SummarySeries> {
  /** The settings in force (percentiles sorted). */
  readonly settings: SummarySettings;
  private readonly quantileValues: readonly string[];

  constructor(name: string, options: SummaryOptions) {
    super('summary', name, options);
    this.settings = summarySettings(name, options);
    this.quantileValues = this.settings.percentiles.map(formatValue);
    this.ready();
  }

  protected newSeries(labelValues: readonly string[]): SummarySeries {
    return new SummarySeries(
      labelValues,
      new SlidingWindow(this.settings.maxAgeSeconds, this.settings.ageBuckets, this.now),
    );
  }

  /** Records `value` in the series of `labels`; `observe(value)` for an unlabelled summary. */
  observe(labels: LabelInput | number, value?: number): void {
    let v: number | undefined;
    let set: LabelInput | undefined;
    if (typeof labels !== 'object' && labels !== undefined) v = labels;
    else {
      set = labels;
      v = value;
    }
    if (typeof v !== 'number' || v - v !== 0)
      refuseValue(observationProblem('summary', this.name, v) as string);
    record(this.seriesFor(set), v);
  }

  /** Starts a timer; calling the returned function observes the elapsed seconds and returns them. */
  startTimer(labels?: LabelInput): (endLabels?: LabelInput) => number {
    const start = timerStart();
    return (endLabels) => {
      const seconds = secondsSince(start);
      record(this.seriesFor(timerLabels(labels, endLabels)), seconds);
      return seconds;
    };
  }

  /** The series of `labels`: window quantiles, sum and count (NaN quantiles and zeros when it has none yet). */
  get(labels?: LabelInput): SummaryValue {
    const series = this.existing(labels);
    const { percentiles } = this.settings;
    const values =
      series === undefined ? percentiles.map(() => NaN) : series.window.quantiles(percentiles);
    return {
      quantiles: percentiles.map((quantile, i) => ({ quantile, value: values[i] as number })),
      sum: series?.sum ?? 0,
      count: series?.count ?? 0,
    };
  }

  /**
   * Sets the sum and count of the series of `labels` to saved state (a restart's restore). The
   * quantile window is not saved: it starts empty, as a restarted process's would.
   */
  load(labels: LabelInput | undefined, sum: number, count: number): void {
    const series = this.seriesFor(labels);
    series.sum = sum;
    series.count = count;
  }

  /** A handle bound to one series, for the hottest paths: the label set is checked once, here. */
  labels(labels: LabelInput): SummaryChild {
    const series = this.seriesFor(labels);
    return (series.child ??= new SummaryChild(this, series));
  }

  emit(sink: SampleSink): void {
    for (const series of this.allSeries()) {
      const values = series.window.quantiles(this.settings.percentiles);
      for (let i = 0; i < values.length; i++) {
        sink(
          this.name,
          series.labelValues,
          'quantile',
          this.quantileValues[i],
          values[i] as number,
        );
      }
      sink(`${this.name}_sum`, series.labelValues, undefined, undefined, series.sum);
      sink(`${this.name}_count`, series.labelValues, undefined, undefined, series.count);
    }
  }
}

function record(series: SummarySeries, value: number): void {
  series.window.push(value);
  series.count++;
  series.sum += value;
}

/** A summary bound to one label set (from {@link Summary.labels}). */
export class SummaryChild {
  constructor(
    private readonly summary: Summary,
    private series: SummarySeries,
  ) {}

  /** Records `value`. */
  observe(value: number): void {
    if (typeof value !== 'number' || value - value !== 0)
      refuseValue(observationProblem('summary', this.summary.name, value) as string);
    let series = this.series;
    if (!series.live) series = this.series = this.summary.revive(series);
    record(series, value);
  }

  /** Starts a timer; calling the returned function observes the elapsed seconds and returns them. */
  startTimer(): () => number {
    const start = timerStart();
    return () => {
      const seconds = secondsSince(start);
      this.observe(seconds);
      return seconds;
    };
  }
}
