/**
 * @module What every metric type shares: its declared labels and the map from label values to series.
 *
 * A series is found by a key built from the label values in declared order, joined by NUL: one
 * short string per call, with no sorting, no JSON and no per-call object or array. The label set
 * is checked on the way without allocating either (every declared label present, and as many keys
 * as declared labels, so no undeclared one). prom-client instead builds a `key:value,` string and
 * scans the declared list for every given label, which is where most of our lead comes from.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';
import type { MetricType } from '../types.js';
import { checkHelp, checkLabelNames, checkMetricName, labelSetProblem } from './names.js';

/** Label values as callers pass them: strings, or numbers (turned into strings with `String`). */
export type LabelInput = Readonly<Record<string, string | number>>;

/** Receives one flat sample: metric name plus suffix, the series' label values, an optional extra label (`le`, `quantile`). */
export type SampleSink = (
  name: string,
  labelValues: readonly string[],
  extraLabel: string | undefined,
  extraValue: string | undefined,
  value: number,
) => void;

/** What every metric is constructed with. */
export interface MetricOptions {
  help: string;
  labelNames?: readonly string[];
  /** Milliseconds since the epoch; the registry passes its injected clock. */
  now?: () => number;
}

/** The state of one label combination. `live` turns false when the series is removed, so cached child handles find their new series. */
export class Series {
  live = true;
  constructor(readonly labelValues: readonly string[]) {}
}

/** Base of the four metric types: validation, the series map, removal, reset. */
export abstract class Metric<S extends Series> {
  readonly labelNames: readonly string[];
  /** Help text, as declared. */
  readonly help: string;
  /** The clock the metric reads (ms since the epoch). */
  readonly now: () => number;
  /** Every series, in creation order. */
  private readonly all = new Set<S>();
  /**
   * Series by their raw key: the label values joined by NUL. Only tuples without NUL inside a
   * value live here, so a raw key that is found is never ambiguous (a tuple with a NUL inside
   * has more NULs in its raw key than any NUL-free tuple of the same arity).
   */
  private readonly byKey = new Map<string, S>();
  /** The rare tuples with a NUL inside a value, by an escaped key. */
  private byEscapedKey: Map<string, S> | undefined;
  private solo: S | undefined;
  // The first label names apart: one property load site per name keeps V8's keyed loads
  // monomorphic, where a loop over the names would go megamorphic.
  private readonly arity: number;
  private readonly label0: string;
  private readonly label1: string;
  private readonly label2: string;

  constructor(
    readonly type: MetricType,
    readonly name: string,
    options: MetricOptions,
  ) {
    checkMetricName(name);
    checkHelp(type, name, options.help);
    const labelNames = options.labelNames ?? [];
    checkLabelNames(type, name, labelNames);
    this.help = options.help;
    this.labelNames = Object.freeze([...labelNames]);
    this.now = options.now ?? Date.now;
    this.arity = labelNames.length;
    this.label0 = labelNames[0] ?? '';
    this.label1 = labelNames[1] ?? '';
    this.label2 = labelNames[2] ?? '';
  }

  /** A fresh, empty series for these label values. */
  protected abstract newSeries(labelValues: readonly string[]): S;

  /**
   * Subclasses call this last in their constructor: an unlabelled metric has its one series from
   * the start, so it is exported as 0 before its first update (as Prometheus clients do).
   */
  protected ready(): void {
    if (this.arity === 0) {
      this.solo = this.newSeries([]);
      this.all.add(this.solo);
    }
  }

  /** The series for `labels`, created on first use. Throws InvalidInputError for a label set that does not fit. */
  protected seriesFor(labels: LabelInput | undefined): S {
    const solo = this.solo;
    if (solo !== undefined) {
      if (labels !== undefined && labels !== null) {
        for (const _key in labels) this.refuse(labels);
      }
      return solo;
    }
    const found = this.byKey.get(this.rawKey(labels));
    return found === undefined ? (this.slow(labels as LabelInput, true) as S) : found;
  }

  /** The series for `labels` if it exists, without creating it. */
  protected existing(labels: LabelInput | undefined): S | undefined {
    if (this.solo !== undefined) return this.seriesFor(labels);
    return this.byKey.get(this.rawKey(labels)) ?? this.slow(labels as LabelInput, false);
  }

  /** The live series with the label values of `series`, which was removed (a new, empty one). */
  revive(series: S): S {
    const labels: Record<string, string> = {};
    this.labelNames.forEach((label, i) => {
      labels[label] = series.labelValues[i] as string;
    });
    return this.seriesFor(labels);
  }

  /** The raw key of a labelled metric's label set; throws when the set does not fit. */
  private rawKey(labels: LabelInput | undefined): string {
    if (labels === undefined || labels === null) this.refuse(labels);
    // Counting the keys without Object.keys (no array): together with every declared label being
    // present, an equal count proves there is no undeclared one.
    let count = 0;
    for (const _key in labels) count++;
    const n = this.arity;
    if (count !== n) this.refuse(labels);
    const a = labels[this.label0];
    const first =
      typeof a === 'string' ? a : typeof a === 'number' ? String(a) : this.refuse(labels);
    if (n === 1) return first;
    const b = labels[this.label1];
    const second =
      typeof b === 'string' ? b : typeof b === 'number' ? String(b) : this.refuse(labels);
    if (n === 2) return first + '\u0000' + second;
    const c = labels[this.label2];
    let key =
      first +
      '\u0000' +
      second +
      '\u0000' +
      (typeof c === 'string' ? c : typeof c === 'number' ? String(c) : this.refuse(labels));
    for (let i = 3; i < n; i++) {
      const v = labels[this.labelNames[i] as string];
      key +=
        '\u0000' +
        (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : this.refuse(labels));
    }
    return key;
  }

  /** Not under its raw key: a new series, or one with a NUL inside a value. `labels` is valid. */
  private slow(labels: LabelInput, create: boolean): S | undefined {
    const values = this.labelNames.map((label) => String(labels[label]));
    const [map, key] = this.place(values);
    let series = map.get(key);
    if (series === undefined && create) {
      series = this.newSeries(values);
      map.set(key, series);
      this.all.add(series);
    }
    return series;
  }

  /** Which map holds the tuple `values`, and under which key. */
  private place(values: readonly string[]): [Map<string, S>, string] {
    if (values.length > 1 && values.some((v) => v.includes('\u0000'))) {
      this.byEscapedKey ??= new Map();
      return [this.byEscapedKey, values.map(escapeKeyPart).join('\u0000')];
    }
    return [this.byKey, values.join('\u0000')];
  }

  private refuse(labels: unknown): never {
    throw new InvalidInputError(labelSetProblem(this.name, this.labelNames, labels), 'labels');
  }

  /** Removes the series for `labels` (an unlabelled metric goes back to zero). True if there was one. */
  remove(labels?: LabelInput): boolean {
    if (this.solo !== undefined) {
      this.seriesFor(labels);
      this.reset();
      return true;
    }
    this.rawKey(labels);
    const values = this.labelNames.map((label) => String((labels as LabelInput)[label]));
    const [map, key] = this.place(values);
    const series = map.get(key);
    if (series === undefined) return false;
    map.delete(key);
    this.all.delete(series);
    series.live = false;
    return true;
  }

  /** Drops every series (an unlabelled metric goes back to zero). */
  reset(): void {
    for (const series of this.all) series.live = false;
    this.all.clear();
    this.byKey.clear();
    this.byEscapedKey = undefined;
    this.solo = undefined;
    this.ready();
  }

  /** How many series the metric has. */
  get seriesCount(): number {
    return this.all.size;
  }

  /** The label values of the first series (in creation order), or undefined when there is none. */
  firstLabelValues(): readonly string[] | undefined {
    for (const series of this.all) return series.labelValues;
    return undefined;
  }

  /** Every series, in creation order. */
  protected allSeries(): IterableIterator<S> {
    return this.all.values();
  }

  /** Passes every sample of every series to `sink` (what collect and the exposition read). */
  abstract emit(sink: SampleSink): void;
}

/** An injective encoding without NUL, for the escaped keys: \x01 → \x01\x01 and NUL → \x01\x02. */
function escapeKeyPart(value: string): string {
  return value.replace(/[\u0000\u0001]/g, (c) =>
    c === '\u0000' ? '\u0001\u0002' : '\u0001\u0001',
  );
}

/** Throws InvalidInputError with `message` for the value field. */
export function refuseValue(message: string): never {
  throw new InvalidInputError(message, 'value');
}
