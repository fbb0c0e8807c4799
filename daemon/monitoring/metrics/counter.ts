/**
 * @module Counter: a value that only goes up (until the process restarts).
 */
import type { LabelInput, MetricOptions, SampleSink } from './metric.js';
import { Metric, refuseValue, Series } from './metric.js';
import { describe } from './names.js';

class CounterSeries extends Series {
  value = 0;
  child: CounterChild | undefined = undefined;
}

/**
 * Why `inc(by)` is refused on counter `name`, or undefined when it is fine: the amount must be a
 * finite number ≥ 0 (a counter that went down would read as a restart to `rate()`).
 */
export function counterAmountProblem(name: string, by: unknown): string | undefined {
  if (typeof by !== 'number' || !Number.isFinite(by))
    return `counter ${name}: inc needs a finite number, got ${describe(by)}`;
  if (by < 0) return `counter ${name} cannot go down: inc(${by}) refused`;
  return undefined;
}

/** A monotonic counter. */
export class Counter extends Metric<CounterSeries> {
  constructor(name: string, options: MetricOptions) {
    super('counter', name, options);
    this.ready();
  }

  protected newSeries(labelValues: readonly string[]): CounterSeries {
    return new CounterSeries(labelValues);
  }

  /** Adds `by` (default 1) to the series of `labels`; `inc(by)` for an unlabelled counter. */
  inc(labels?: LabelInput | number, by?: number): void {
    let amount: number | undefined;
    let set: LabelInput | undefined;
    if (typeof labels !== 'object' && labels !== undefined) {
      amount = labels;
    } else {
      set = labels;
      amount = by;
    }
    if (amount === undefined) amount = 1;
    // One comparison pair covers negative, NaN and ±Infinity; the message is built only on failure.
    else if (typeof amount !== 'number' || !(amount >= 0 && amount !== Infinity))
      refuseValue(counterAmountProblem(this.name, amount) as string);
    this.seriesFor(set).value += amount;
  }

  /** The current value of the series of `labels` (0 when it has none yet). */
  get(labels?: LabelInput): number {
    return this.existing(labels)?.value ?? 0;
  }

  /** A handle bound to one series, for the hottest paths: the label set is checked once, here. */
  labels(labels: LabelInput): CounterChild {
    const series = this.seriesFor(labels);
    return (series.child ??= new CounterChild(this, series));
  }

  emit(sink: SampleSink): void {
    for (const series of this.allSeries())
      sink(this.name, series.labelValues, undefined, undefined, series.value);
  }
}

/** A counter bound to one label set (from {@link Counter.labels}). */
export class CounterChild {
  constructor(
    private readonly counter: Counter,
    private series: CounterSeries,
  ) {}

  /** Adds `by` (default 1). */
  inc(by = 1): void {
    if (typeof by !== 'number' || !(by >= 0 && by !== Infinity))
      refuseValue(counterAmountProblem(this.counter.name, by) as string);
    let series = this.series;
    if (!series.live) series = this.series = this.counter.revive(series);
    series.value += by;
  }

  /** The current value. */
  get(): number {
    return this.series.live ? this.series.value : 0;
  }
}
