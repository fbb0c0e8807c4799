/**
 * @module Histogram: observations counted into fixed buckets, plus their sum and count.
 *
 * Each series keeps one Float64Array: a non-cumulative count per bucket, the overflow (+Inf)
 * bucket, and the sum last. Observing touches only that array; the cumulative view Prometheus
 * wants is computed when read, which happens once per scrape instead of once per observation.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { formatValue } from './exposition.js';
import type { LabelInput, MetricOptions, SampleSink } from './metric.js';
import { Metric, refuseValue, Series } from './metric.js';
import { secondsSince, timerLabels, timerStart } from './timer.js';
import { describe } from './names.js';

/** prom-client's (and the Go client's) default bucket bounds, in seconds. */
export const DEFAULT_BUCKETS: readonly number[] = Object.freeze([
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
]);

/** Options of a histogram. */
export interface HistogramOptions extends MetricOptions {
  /** Upper bounds, strictly increasing; +Inf is implied (and dropped if given). */
  buckets?: readonly number[];
}

/** A histogram series as read back: cumulative buckets ending at +Inf. */
export interface HistogramValue {
  buckets: Array<{ le: number; count: number }>;
  sum: number;
  count: number;
}

class HistogramSeries extends Series {
  child: HistogramChild | undefined = undefined;
  constructor(
    labelValues: readonly string[],
    /** [0, n): per bucket; [n]: above the last bound; [n + 1]: the sum. */
    readonly counts: Float64Array,
  ) {
    super(labelValues);
  }
}

/** Why an observation is refused on `type` `name`, or undefined when it is fine (finite numbers only). */
export function observationProblem(
  type: 'histogram' | 'summary',
  name: string,
  value: unknown,
): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return `${type} ${name}: observe needs a finite number, got ${describe(value)}`;
  return undefined;
}

/** Checks bucket bounds and returns them without a trailing +Inf. */
export function checkBuckets(name: string, buckets: unknown): number[] {
  if (!Array.isArray(buckets))
    throw new InvalidInputError(
      `histogram ${name}: buckets must be an array of numbers`,
      'buckets',
    );
  const bounds = [...(buckets as unknown[])];
  if (bounds.length > 0 && bounds[bounds.length - 1] === Infinity) bounds.pop();
  for (let i = 0; i < bounds.length; i++) {
    const bound = bounds[i];
    if (typeof bound !== 'number' || !Number.isFinite(bound)) {
      throw new InvalidInputError(
        `histogram ${name}: bucket bound ${describe(bound)} is not a finite number`,
        'buckets',
      );
    }
    const previous = bounds[i - 1] as number;
    if (i > 0 && !(bound > previous)) {
      throw new InvalidInputError(
        `histogram ${name}: buckets must be strictly increasing (${formatValue(bound)} after ${formatValue(previous)})`,
        'buckets',
      );
    }
  }
  return bounds as number[];
}

/** A histogram. */
export class Histogram extends Metric<HistogramSeries> {
  /** The upper bounds, without +Inf. */
  readonly buckets: readonly number[];
  private readonly bounds: Float64Array;
  private readonly leValues: readonly string[];

  constructor(name: string, options: HistogramOptions) {
    super('histogram', name, options);
    this.buckets = Object.freeze(checkBuckets(name, options.buckets ?? DEFAULT_BUCKETS));
    this.bounds = Float64Array.from(this.buckets);
    this.leValues = [...this.buckets.map(formatValue), '+Inf'];
    this.ready();
  }

  protected newSeries(labelValues: readonly string[]): HistogramSeries {
    return new HistogramSeries(labelValues, new Float64Array(this.bounds.length + 2));
  }

  /** Records `value` in the series of `labels`; `observe(value)` for an unlabelled histogram. */
  observe(labels: LabelInput | number, value?: number): void {
    let v: number | undefined;
    let set: LabelInput | undefined;
    if (typeof labels !== 'object' && labels !== undefined) v = labels;
    else {
      set = labels;
      v = value;
    }
    // `v - v` is 0 for every finite number and NaN for NaN and ±Infinity.
    if (typeof v !== 'number' || v - v !== 0)
      refuseValue(observationProblem('histogram', this.name, v) as string);
    record(this.bounds, this.seriesFor(set).counts, v);
  }

  /** Starts a timer; calling the returned function observes the elapsed seconds and returns them. */
  startTimer(labels?: LabelInput): (endLabels?: LabelInput) => number {
    const start = timerStart();
    return (endLabels) => {
      const seconds = secondsSince(start);
      record(this.bounds, this.seriesFor(timerLabels(labels, endLabels)).counts, seconds);
      return seconds;
    };
  }

  /** The series of `labels` as cumulative buckets, sum and count (all zero when it has none yet). */
  get(labels?: LabelInput): HistogramValue {
    const counts = this.existing(labels)?.counts ?? new Float64Array(this.bounds.length + 2);
    const buckets: HistogramValue['buckets'] = [];
    let running = 0;
    for (let i = 0; i <= this.bounds.length; i++) {
      running += counts[i] as number;
      buckets.push({
        le: i < this.bounds.length ? (this.bounds[i] as number) : Infinity,
        count: running,
      });
    }
    return { buckets, sum: counts[this.bounds.length + 1] as number, count: running };
  }

  /**
   * Sets the series of `labels` to saved state (a restart's restore): `cumulative` counts per bound
   * then +Inf, as `get` gives them, and the sum. The caller has checked them (non-decreasing,
   * finite, one per bound plus +Inf); a wrong length is refused.
   */
  load(labels: LabelInput | undefined, cumulative: readonly number[], sum: number): void {
    const n = this.bounds.length;
    if (cumulative.length !== n + 1)
      throw new InvalidInputError(`histogram ${this.name}: ${cumulative.length} bucket counts for ${n + 1} buckets`, 'buckets');
    const counts = this.seriesFor(labels).counts;
    let previous = 0;
    for (let i = 0; i <= n; i++) {
      counts[i] = (cumulative[i] as number) - previous;
      previous = cumulative[i] as number;
    }
    counts[n + 1] = sum;
  }

  /** A handle bound to one series, for the hottest paths: the label set is checked once, here. */
  labels(labels: LabelInput): HistogramChild {
    const series = this.seriesFor(labels);
    return (series.child ??= new HistogramChild(this, this.bounds, series));
  }

  emit(sink: SampleSink): void {
    const n = this.bounds.length;
    const bucketName = `${this.name}_bucket`;
    for (const series of this.allSeries()) {
      const { counts, labelValues } = series;
      let running = 0;
      for (let i = 0; i <= n; i++) {
        running += counts[i] as number;
        sink(bucketName, labelValues, 'le', this.leValues[i], running);
      }
      sink(`${this.name}_sum`, labelValues, undefined, undefined, counts[n + 1] as number);
      sink(`${this.name}_count`, labelValues, undefined, undefined, running);
    }
  }
}

/** Counts `value` into its bucket (the first bound ≥ value, as `le` means) and adds it to the sum. */
function record(bounds: Float64Array, counts: Float64Array, value: number): void {
  const n = bounds.length;
  let i = 0;
  if (n > 16) {
    // Binary search only pays off for long bucket lists; the default 11 are faster scanned.
    let hi = n;
    while (i < hi) {
      const mid = (i + hi) >>> 1;
      if ((bounds[mid] as number) < value) i = mid + 1;
      else hi = mid;
    }
  } else {
    while (i < n && (bounds[i] as number) < value) i++;
  }
  (counts[i] as number)++;
  (counts[n + 1] as number) += value;
}

/** A histogram bound to one label set (from {@link Histogram.labels}). */
export class HistogramChild {
  constructor(
    private readonly histogram: Histogram,
    private readonly bounds: Float64Array,
    private series: HistogramSeries,
  ) {}

  /** Records `value`. */
  observe(value: number): void {
    if (typeof value !== 'number' || value - value !== 0)
      refuseValue(observationProblem('histogram', this.histogram.name, value) as string);
    let series = this.series;
    if (!series.live) series = this.series = this.histogram.revive(series);
    record(this.bounds, series.counts, value);
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
