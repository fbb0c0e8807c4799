/**
 * @module The metrics registry: declares metrics, takes pushed samples, and reads everything back.
 *
 * Always an instance (there is no default registry), so tests and embedders never share state.
 * The clock is injected: summaries' windows and `setToCurrentTime` read it.
 */
import type { Labels, MetricType } from '../types.js';
import type { PushSample } from './batch.js';
import { checkSample, planBatch, type PlannedSample } from './batch.js';
import { Counter } from './counter.js';
import type { DeclaredShape, WantedOptions } from './declare.js';
import { checkDeclaration } from './declare.js';
import { renderExposition } from './exposition.js';
import { Gauge } from './gauge.js';
import type { HistogramOptions } from './histogram.js';
import { checkBuckets, Histogram } from './histogram.js';
import type { LabelInput, MetricOptions } from './metric.js';
import { checkHelp, checkLabelNames, checkMetricName } from './names.js';
import type { SummaryOptions } from './summary.js';
import { Summary, summarySettings } from './summary.js';

/** Any of the four metric types. */
export type AnyMetric = Counter | Gauge | Histogram | Summary;

/** Registry construction options. */
export interface RegistryOptions {
  /** The current time in ms since the epoch (default `Date.now`). A `Clock` object fits here too. */
  now?: () => number;
}

/** One line of {@link Registry.metrics}. */
export interface MetricInfo {
  name: string;
  type: MetricType;
  help: string;
  labelNames: readonly string[];
  /** How many series (label combinations) the metric has. */
  series: number;
}

/** One flat sample from {@link Registry.collect}: a series name with its full label set. */
export interface MetricSample {
  name: string;
  labels: Labels;
  value: number;
}

/** Declaration options, without the clock (the registry supplies its own). */
export type DeclareOptions = Omit<MetricOptions, 'now'>;

/** A set of metrics. */
export class Registry {
  /** The clock every metric of this registry reads. */
  readonly now: () => number;
  private readonly byName = new Map<string, AnyMetric>();
  private readonly lookup = (name: string): DeclaredShape | undefined => this.byName.get(name);

  constructor(options: RegistryOptions = {}) {
    const source = options.now;
    // Called through the options object, so a Clock instance keeps its `this`.
    this.now = source === undefined ? Date.now : () => source.call(options);
  }

  /** The counter `name`, declared now or earlier with the same labels. Throws InvalidInputError on a conflict. */
  counter(name: string, options: DeclareOptions): Counter {
    return this.declare(
      name,
      'counter',
      options,
      {},
      () => new Counter(name, { ...options, now: this.now }),
    ) as Counter;
  }

  /** The gauge `name`, declared now or earlier with the same labels. Throws InvalidInputError on a conflict. */
  gauge(name: string, options: DeclareOptions): Gauge {
    return this.declare(
      name,
      'gauge',
      options,
      {},
      () => new Gauge(name, { ...options, now: this.now }),
    ) as Gauge;
  }

  /** The histogram `name`; buckets given for an existing one must match. Throws InvalidInputError on a conflict. */
  histogram(name: string, options: Omit<HistogramOptions, 'now'>): Histogram {
    checkMetricName(name);
    const wanted: WantedOptions =
      options.buckets === undefined ? {} : { buckets: checkBuckets(name, options.buckets) };
    return this.declare(
      name,
      'histogram',
      options,
      wanted,
      () => new Histogram(name, { ...options, now: this.now }),
    ) as Histogram;
  }

  /** The summary `name`; window options given for an existing one must match. Throws InvalidInputError on a conflict. */
  summary(name: string, options: Omit<SummaryOptions, 'now'>): Summary {
    checkMetricName(name);
    const settings = summarySettings(name, options);
    const wanted: WantedOptions = {
      ...(options.percentiles === undefined ? {} : { percentiles: settings.percentiles }),
      ...(options.maxAgeSeconds === undefined ? {} : { maxAgeSeconds: settings.maxAgeSeconds }),
      ...(options.ageBuckets === undefined ? {} : { ageBuckets: settings.ageBuckets }),
    };
    return this.declare(
      name,
      'summary',
      options,
      wanted,
      () => new Summary(name, { ...options, now: this.now }),
    ) as Summary;
  }

  private declare(
    name: string,
    type: MetricType,
    options: DeclareOptions,
    wanted: WantedOptions,
    make: () => AnyMetric,
  ): AnyMetric {
    checkMetricName(name);
    const labelNames = options.labelNames ?? [];
    checkLabelNames(type, name, labelNames);
    checkHelp(type, name, options.help);
    if (checkDeclaration(name, type, labelNames, wanted, this.lookup) !== undefined)
      return this.byName.get(name) as AnyMetric;
    const metric = make();
    this.byName.set(name, metric);
    return metric;
  }

  /** The metric named `name`, if declared. */
  get(name: string): AnyMetric | undefined {
    return this.byName.get(name);
  }

  /**
   * Records one sample, declaring its metric on first use with the sorted keys of `labels` as its
   * label names: counter → inc by `value`, gauge → set, histogram and summary → observe.
   */
  addMetric(name: string, value: number, type: MetricType, labels?: LabelInput): void {
    this.apply(checkSample({ name, value, type, labels }, this.lookup));
  }

  /** Records many samples, all or none: every sample is checked before any is applied. Returns how many were applied. */
  pushBatch(samples: readonly PushSample[]): number {
    const planned = planBatch(samples, this.lookup);
    for (const sample of planned) this.apply(sample);
    return planned.length;
  }

  private apply(sample: PlannedSample): void {
    const { name, type, value, labels } = sample;
    const options = { help: sample.help, labelNames: sample.labelNames };
    switch (type) {
      case 'counter':
        this.counter(name, options).inc(labels, value);
        return;
      case 'gauge':
        this.gauge(name, options).set(labels, value);
        return;
      case 'histogram':
        this.histogram(name, options).observe(labels, value);
        return;
      case 'summary':
        this.summary(name, options).observe(labels, value);
        return;
    }
  }

  /** Every metric with its type, help, label names and series count, in declaration order. */
  metrics(): MetricInfo[] {
    return [...this.byName.values()].map((metric) => ({
      name: metric.name,
      type: metric.type,
      help: metric.help,
      labelNames: metric.labelNames,
      series: metric.seriesCount,
    }));
  }

  /**
   * Every sample of every series, flat: histograms as `_bucket` (cumulative, with `le`, ending at
   * `+Inf`), `_sum` and `_count`; summaries as one sample per quantile (with `quantile`), `_sum`
   * and `_count`. What the history sampler stores each scrape.
   */
  collect(): MetricSample[] {
    const out: MetricSample[] = [];
    for (const metric of this.byName.values()) {
      const names = metric.labelNames;
      metric.emit((name, values, extraLabel, extraValue, value) => {
        const labels: Record<string, string> = {};
        for (let i = 0; i < names.length; i++) labels[names[i] as string] = values[i] as string;
        if (extraLabel !== undefined) labels[extraLabel] = extraValue as string;
        out.push({ name, labels, value });
      });
    }
    return out;
  }

  /** The Prometheus text exposition (format 0.0.4) of every metric. */
  exposition(): string {
    return renderExposition(this.byName.values());
  }

  /**
   * Forgets the metric `name`; true if it was declared. Handles already taken keep working but are
   * no longer exported; declaring the name again starts afresh.
   */
  remove(name: string): boolean {
    return this.byName.delete(name);
  }

  /** Forgets every metric. */
  clear(): void {
    this.byName.clear();
  }
}
