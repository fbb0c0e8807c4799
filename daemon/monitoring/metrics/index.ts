/**
 * @module The metrics registry's public surface: import from here rather than from the parts.
 */
export type { PushSample } from './batch.js';
export { Counter, CounterChild } from './counter.js';
export {
  EXPOSITION_CONTENT_TYPE,
  escapeHelp,
  escapeLabelValue,
  formatValue,
} from './exposition.js';
export { Gauge, GaugeChild } from './gauge.js';
export {
  DEFAULT_BUCKETS,
  Histogram,
  HistogramChild,
  type HistogramOptions,
  type HistogramValue,
} from './histogram.js';
export type { LabelInput, MetricOptions } from './metric.js';
export {
  Registry,
  type AnyMetric,
  type DeclareOptions,
  type MetricInfo,
  type MetricSample,
  type RegistryOptions,
} from './registry.js';
export {
  DEFAULT_AGE_BUCKETS,
  DEFAULT_MAX_AGE_SECONDS,
  DEFAULT_PERCENTILES,
  Summary,
  SummaryChild,
  type SummaryOptions,
  type SummaryValue,
} from './summary.js';
