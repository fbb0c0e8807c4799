/**
 * @module A metric family's current state as a plain JSON record, and back: what the daemon keeps
 * of pushed metrics across a restart (the record travels in the history snapshot).
 *
 * Kept: name, type, help, label names and, per label set, a counter's or gauge's value, a
 * histogram's bucket counts, sum and count (with its bucket bounds), a summary's sum and count
 * (with its window settings). A summary's quantile window is not kept: it starts empty, as a
 * restarted process's would, and fills with the next observations.
 *
 * Numbers that JSON cannot hold (a gauge set to NaN or ±Inf) are written as "NaN", "+Inf", "-Inf".
 * `parseFamilyRecord` checks everything before `restoreFamily` declares anything, so a bad record
 * changes nothing.
 */
import type { MetricType } from '../types.js';
import { checkBuckets, type Histogram } from './histogram.js';
import { checkHelp, checkLabelNames, checkMetricName, describe, isMetricType } from './names.js';
import type { AnyMetric, Registry } from './registry.js';
import { summarySettings, type Summary, type SummarySettings } from './summary.js';

/** The `kind` of a pushed family's record (other kinds are not ours to read). */
export const PUSHED_FAMILY = 'pushed-family';
const VERSION = 1;

type JsonNumber = number | 'NaN' | '+Inf' | '-Inf';

/** One label set's state; which fields are set depends on the family's type. */
export interface SeriesState {
  /** Label values, in the order of the family's label names. */
  labels: string[];
  /** Counter or gauge value. */
  value?: JsonNumber;
  /** Histogram: cumulative counts per bound, then +Inf. */
  buckets?: number[];
  /** Histogram or summary. */
  sum?: JsonNumber;
  /** Summary (a histogram's count is its +Inf bucket). */
  count?: number;
}

/** A family as saved. */
export interface FamilyRecord {
  kind: typeof PUSHED_FAMILY;
  v: typeof VERSION;
  name: string;
  type: MetricType;
  help: string;
  labelNames: string[];
  /** Histogram bounds, without +Inf. */
  bounds?: number[];
  /** Summary window settings. */
  summary?: SummarySettings;
  series: SeriesState[];
}

function encode(value: number): JsonNumber {
  if (Number.isFinite(value)) return value;
  return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
}

function decode(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value === 'NaN') return NaN;
  if (value === '+Inf') return Infinity;
  if (value === '-Inf') return -Infinity;
  throw new Error(`${what} is not a number: ${describe(value)}`);
}

/** The record of `metric` as it stands now. */
export function familyRecord(metric: AnyMetric): FamilyRecord {
  const byLabels = new Map<readonly string[], SeriesState>();
  const stateOf = (labelValues: readonly string[]): SeriesState => {
    let state = byLabels.get(labelValues);
    if (state === undefined) byLabels.set(labelValues, (state = { labels: [...labelValues] }));
    return state;
  };
  const { name, type } = metric;
  metric.emit((sampleName, labelValues, extraLabel, _extraValue, value) => {
    const state = stateOf(labelValues);
    if (type === 'counter' || type === 'gauge') state.value = encode(value);
    else if (sampleName === `${name}_sum`) state.sum = encode(value);
    else if (type === 'histogram' && extraLabel === 'le') (state.buckets ??= []).push(value);
    else if (type === 'summary' && sampleName === `${name}_count`) state.count = value;
  });
  return {
    kind: PUSHED_FAMILY,
    v: VERSION,
    name,
    type,
    help: metric.help,
    labelNames: [...metric.labelNames],
    ...(type === 'histogram' ? { bounds: [...(metric as Histogram).buckets] } : {}),
    ...(type === 'summary' ? { summary: { ...(metric as Summary).settings, percentiles: [...(metric as Summary).settings.percentiles] } } : {}),
    series: [...byLabels.values()],
  };
}

function count(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new Error(`${what} must be a finite number ≥ 0, got ${describe(value)}`);
  return value;
}

function checkSeries(record: FamilyRecord, raw: unknown, i: number, seen: Set<string>): SeriesState {
  const what = `series ${i}`;
  if (typeof raw !== 'object' || raw === null) throw new Error(`${what} is not an object`);
  const s = raw as Record<string, unknown>;
  const labels = s['labels'];
  if (!Array.isArray(labels) || labels.length !== record.labelNames.length || !labels.every((l) => typeof l === 'string'))
    throw new Error(`${what}: labels must be ${record.labelNames.length} strings`);
  const key = JSON.stringify(labels);
  if (seen.has(key)) throw new Error(`${what}: label set ${key} is listed twice`);
  seen.add(key);
  const state: SeriesState = { labels: labels as string[] };
  switch (record.type) {
    case 'counter':
      state.value = count(s['value'], `${what}: a counter value`);
      break;
    case 'gauge':
      state.value = encode(decode(s['value'], `${what}: the value`));
      break;
    case 'histogram': {
      const buckets = s['buckets'];
      const n = (record.bounds as number[]).length + 1;
      if (!Array.isArray(buckets) || buckets.length !== n) throw new Error(`${what}: needs ${n} bucket counts`);
      buckets.forEach((c: unknown, b) => {
        count(c, `${what}: bucket ${b}`);
        if (b > 0 && (c as number) < (buckets[b - 1] as number)) throw new Error(`${what}: bucket counts must not go down`);
      });
      state.buckets = buckets as number[];
      state.sum = encode(decode(s['sum'], `${what}: the sum`));
      break;
    }
    case 'summary':
      state.count = count(s['count'], `${what}: the count`);
      state.sum = encode(decode(s['sum'], `${what}: the sum`));
      break;
  }
  return state;
}

/**
 * Checks a parsed record. @throws Error saying what is wrong (an unknown kind or version
 * included), so the caller can skip it with that reason.
 */
export function parseFamilyRecord(raw: unknown): FamilyRecord {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`not an object: ${describe(raw)}`);
  const r = raw as Record<string, unknown>;
  if (r['kind'] !== PUSHED_FAMILY) throw new Error(`unknown entry kind ${describe(r['kind'])}`);
  if (r['v'] !== VERSION) throw new Error(`unknown ${PUSHED_FAMILY} version ${describe(r['v'])}`);
  const { name, type, help, labelNames } = r;
  checkMetricName(name);
  if (!isMetricType(type)) throw new Error(`unknown metric type ${describe(type)}`);
  checkHelp(type, name, help);
  if (!Array.isArray(labelNames) || !labelNames.every((l) => typeof l === 'string'))
    throw new Error('labelNames must be an array of strings');
  checkLabelNames(type, name, labelNames as string[]);
  const record: FamilyRecord = { kind: PUSHED_FAMILY, v: VERSION, name, type, help, labelNames: labelNames as string[], series: [] };
  if (type === 'histogram') record.bounds = checkBuckets(name, r['bounds']);
  if (type === 'summary') {
    const settings = (r['summary'] ?? {}) as Partial<SummarySettings>;
    record.summary = summarySettings(name, settings);
  }
  if (!Array.isArray(r['series'])) throw new Error('series must be an array');
  const seen = new Set<string>();
  record.series = r['series'].map((s: unknown, i) => checkSeries(record, s, i, seen));
  return record;
}

/**
 * Declares a checked record's family in `registry` and sets every series.
 * @throws Error when the registry already has a metric of that name (nothing changes then).
 */
export function restoreFamily(registry: Registry, record: FamilyRecord): void {
  const { name, help, labelNames } = record;
  if (registry.get(name) !== undefined) throw new Error(`a metric named ${name} is already declared`);
  const labelsOf = (state: SeriesState): Record<string, string> =>
    Object.fromEntries(labelNames.map((label, i) => [label, state.labels[i] as string]));
  const options = { help, labelNames };
  switch (record.type) {
    case 'counter': {
      const counter = registry.counter(name, options);
      for (const s of record.series) counter.inc(labelsOf(s), s.value as number);
      return;
    }
    case 'gauge': {
      const gauge = registry.gauge(name, options);
      for (const s of record.series) gauge.set(labelsOf(s), decode(s.value, 'value'));
      return;
    }
    case 'histogram': {
      const histogram = registry.histogram(name, { ...options, buckets: record.bounds as number[] });
      for (const s of record.series) histogram.load(labelsOf(s), s.buckets as number[], decode(s.sum, 'sum'));
      return;
    }
    case 'summary': {
      const summary = registry.summary(name, { ...options, ...record.summary });
      for (const s of record.series) summary.load(labelsOf(s), decode(s.sum, 'sum'), s.count as number);
      return;
    }
  }
}
