/**
 * @module Gauge: a value that goes up and down, or is set outright.
 */
import type { LabelInput, MetricOptions, SampleSink } from './metric.js';
import { Metric, refuseValue, Series } from './metric.js';
import { secondsSince, timerLabels, timerStart } from './timer.js';
import { describe } from './names.js';

class GaugeSeries extends Series {
  value = 0;
  child: GaugeChild | undefined = undefined;
}

/**
 * Why `op(value)` is refused on gauge `name`, or undefined when it is fine. `set` takes any number
 * (NaN and ±Inf are valid Prometheus values); `inc`/`dec` need a finite one, since one NaN step
 * would poison the value for good.
 */
export function gaugeValueProblem(
  name: string,
  op: 'set' | 'inc' | 'dec',
  value: unknown,
): string | undefined {
  if (typeof value !== 'number')
    return `gauge ${name}: ${op} needs a number, got ${describe(value)}`;
  if (op !== 'set' && !Number.isFinite(value))
    return `gauge ${name}: ${op} needs a finite number, got ${describe(value)}`;
  return undefined;
}

/** A gauge. */
export class Gauge extends Metric<GaugeSeries> {
  constructor(name: string, options: MetricOptions) {
    super('gauge', name, options);
    this.ready();
  }

  protected newSeries(labelValues: readonly string[]): GaugeSeries {
    return new GaugeSeries(labelValues);
  }

  /** Sets the series of `labels` to `value`; `set(value)` for an unlabelled gauge. */
  set(labels: LabelInput | number, value?: number): void {
    let v: number | undefined;
    let set: LabelInput | undefined;
    if (typeof labels !== 'object' && labels !== undefined) v = labels;
    else {
      set = labels;
      v = value;
    }
    if (typeof v !== 'number') refuseValue(gaugeValueProblem(this.name, 'set', v) as string);
    this.seriesFor(set).value = v;
  }

  /** Adds `by` (default 1). */
  inc(labels?: LabelInput | number, by?: number): void {
    this.step('inc', labels, by, 1);
  }

  /** Subtracts `by` (default 1). */
  dec(labels?: LabelInput | number, by?: number): void {
    this.step('dec', labels, by, -1);
  }

  private step(
    op: 'inc' | 'dec',
    labels: LabelInput | number | undefined,
    by: number | undefined,
    sign: 1 | -1,
  ): void {
    let amount: number | undefined;
    let set: LabelInput | undefined;
    if (typeof labels !== 'object' && labels !== undefined) amount = labels;
    else {
      set = labels;
      amount = by;
    }
    if (amount === undefined) amount = 1;
    else if (typeof amount !== 'number' || amount - amount !== 0)
      refuseValue(gaugeValueProblem(this.name, op, amount) as string);
    this.seriesFor(set).value += sign * amount;
  }

  /** Sets the gauge to the current time in seconds since the epoch (from the registry's clock). */
  setToCurrentTime(labels?: LabelInput): void {
    this.seriesFor(labels).value = this.now() / 1000;
  }

  /** Starts a timer; calling the returned function sets the gauge to the elapsed seconds and returns them. */
  startTimer(labels?: LabelInput): (endLabels?: LabelInput) => number {
    const start = timerStart();
    return (endLabels) => {
      const seconds = secondsSince(start);
      this.seriesFor(timerLabels(labels, endLabels)).value = seconds;
      return seconds;
    };
  }

  /** The current value of the series of `labels` (0 when it has none yet). */
  get(labels?: LabelInput): number {
    return this.existing(labels)?.value ?? 0;
  }

  /** A handle bound to one series, for the hottest paths: the label set is checked once, here. */
  labels(labels: LabelInput): GaugeChild {
    const series = this.seriesFor(labels);
    return (series.child ??= new GaugeChild(this, series));
  }

  emit(sink: SampleSink): void {
    for (const series of this.allSeries())
      sink(this.name, series.labelValues, undefined, undefined, series.value);
  }
}

/** A gauge bound to one label set (from {@link Gauge.labels}). */
export class GaugeChild {
  constructor(
    private readonly gauge: Gauge,
    private series: GaugeSeries,
  ) {}

  private live(): GaugeSeries {
    return this.series.live ? this.series : (this.series = this.gauge.revive(this.series));
  }

  /** Sets the value. */
  set(value: number): void {
    if (typeof value !== 'number')
      refuseValue(gaugeValueProblem(this.gauge.name, 'set', value) as string);
    this.live().value = value;
  }

  /** Adds `by` (default 1). */
  inc(by = 1): void {
    if (typeof by !== 'number' || by - by !== 0)
      refuseValue(gaugeValueProblem(this.gauge.name, 'inc', by) as string);
    this.live().value += by;
  }

  /** Subtracts `by` (default 1). */
  dec(by = 1): void {
    if (typeof by !== 'number' || by - by !== 0)
      refuseValue(gaugeValueProblem(this.gauge.name, 'dec', by) as string);
    this.live().value -= by;
  }

  /** Sets the value to the current time in seconds since the epoch. */
  setToCurrentTime(): void {
    this.live().value = this.gauge.now() / 1000;
  }

  /** The current value. */
  get(): number {
    return this.series.live ? this.series.value : 0;
  }
}
