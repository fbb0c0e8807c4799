/**
 * @module An in-memory SeriesSource written like the input of `promtool test rules`:
 * `{ 'http_requests_total{job="api"}': '0+10x10' }` with a fixed interval between values.
 * For tests, examples and dry runs of rules.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { parseDuration } from '../../../src/protocol/duration.js';
import type { LabelMatcher, Labels, RangeSeries, SeriesSource } from '../types.js';
import { type CompiledMatcher, compileMatcher, matcherAccepts } from './matchers.js';
import { parseExpression } from './parser.js';
import { lowerBound, upperBound } from './selection.js';
import { writeStaleMarker } from './staleness.js';
import { signature } from './values.js';

/** One expanded value: a number, `null` for a missing sample (`_`), or a staleness marker. */
export type SeriesValue = number | null | 'stale';

/** Where the values sit in time. */
export interface MemorySourceOptions {
  /** Time between consecutive values: a duration such as `1m`, or milliseconds. Default 1m. */
  interval?: string | number;
  /** Time of the first value, ms since the epoch. Default 0. */
  startMs?: number;
}

const NUM = String.raw`(?:[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|[Ii]nf|[Nn]a[Nn])`;
const valueRe = new RegExp(String.raw`^([+-]?${NUM})(?:([+-]${NUM})?x(\d+))?$`);
const blankRe = /^_(?:x(\d+))?$/;

function toNumber(text: string): number {
  const lower = text.toLowerCase().replace(/^\+/, '');
  if (lower === 'inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  if (lower === 'nan' || lower === '-nan') return NaN;
  return Number(text);
}

/**
 * Expands promtool's series notation: `1 2 3`, `a+bxN` (N+1 values a, a+b, … a+N·b), `a-bxN`,
 * `axN` (a, N+1 times), `_` (one missing sample), `_xN` (N missing) and `stale`.
 */
export function expandSeriesValues(text: string): SeriesValue[] {
  const out: SeriesValue[] = [];
  for (const item of text.trim().split(/\s+/)) {
    if (item === '') continue;
    if (item === 'stale') {
      out.push('stale');
      continue;
    }
    const blank = blankRe.exec(item);
    if (blank !== null) {
      const n = blank[1] === undefined ? 1 : Number(blank[1]);
      for (let i = 0; i < n; i++) out.push(null);
      continue;
    }
    const m = valueRe.exec(item);
    if (m === null) throw new InvalidInputError(`'${item}' is not a series value; write it like 1, 0+10x5, 5-1x3, _ or stale`);
    const start = toNumber(m[1] as string);
    if (m[3] === undefined) {
      out.push(start);
      continue;
    }
    const step = m[2] === undefined ? 0 : toNumber(m[2]);
    const times = Number(m[3]);
    for (let i = 0; i <= times; i++) out.push(start + step * i);
  }
  return out;
}

interface Stored {
  readonly name: string;
  readonly labels: Labels;
  readonly times: Float64Array;
  readonly values: Float64Array;
}

/** A SeriesSource holding fixed series in memory. */
export class MemorySeriesSource implements SeriesSource {
  private readonly byName = new Map<string, Stored[]>();
  private readonly ids = new Set<string>();
  private readonly intervalMs: number;
  private readonly startMs: number;
  // Matchers from callers other than the parser arrive uncompiled; build each regex once.
  private readonly compiled = new Map<string, CompiledMatcher>();

  constructor(input: Readonly<Record<string, string>> = {}, options: MemorySourceOptions = {}) {
    const interval = options.interval ?? 60_000;
    const ms = typeof interval === 'number' ? interval : parseDuration(interval);
    if (typeof ms === 'string') throw new InvalidInputError(ms, 'interval');
    if (!(ms > 0)) throw new InvalidInputError('the interval must be greater than zero', 'interval');
    this.intervalMs = ms;
    this.startMs = options.startMs ?? 0;
    for (const [series, values] of Object.entries(input)) this.add(series, values);
  }

  /** Adds `series` (e.g. `up{job="api"}`) with values in promtool notation, one per interval. */
  add(series: string, values: string): this {
    const { name, labels } = parseSeriesName(series);
    const samples: Array<[number, number | 'stale']> = [];
    expandSeriesValues(values).forEach((v, i) => {
      if (v !== null) samples.push([this.startMs + i * this.intervalMs, v]);
    });
    return this.addSamples(name, labels, samples);
  }

  /** Adds a series from explicit `[timeMs, value]` pairs in increasing time order. */
  addSamples(name: string, labels: Labels, samples: ReadonlyArray<readonly [number, number | 'stale']>): this {
    const id = `${name}\xfe${signature(labels)}`;
    if (this.ids.has(id)) throw new InvalidInputError(`series ${name} ${JSON.stringify(labels)} was given twice`);
    this.ids.add(id);
    const times = new Float64Array(samples.length);
    const values = new Float64Array(samples.length);
    samples.forEach(([t, v], i) => {
      if (i > 0 && t <= (times[i - 1] as number)) throw new InvalidInputError(`samples of ${name} must be in increasing time order`);
      times[i] = t;
      if (v === 'stale') writeStaleMarker(values, i);
      else values[i] = v;
    });
    const list = this.byName.get(name) ?? [];
    list.push({ name, labels: { ...labels }, times, values });
    this.byName.set(name, list);
    return this;
  }

  /** The matching series with their samples in [startMs, endMs]; views on the stored arrays. */
  select(name: string, matchers: readonly LabelMatcher[], startMs: number, endMs: number): RangeSeries[] {
    const out: RangeSeries[] = [];
    const stored = this.byName.get(name);
    if (stored === undefined) return out;
    const ready = matchers.map((m) => this.compile(m));
    for (const s of stored) {
      if (!accepts(ready, s)) continue;
      const lo = lowerBound(s.times, startMs);
      const hi = upperBound(s.times, endMs);
      const whole = lo === 0 && hi === s.times.length;
      out.push({
        name: s.name,
        labels: s.labels,
        times: whole ? s.times : s.times.subarray(lo, hi),
        values: whole ? s.values : s.values.subarray(lo, hi),
      });
    }
    return out;
  }

  /** The names of the stored series. */
  names(): Iterable<string> {
    return this.byName.keys();
  }

  private compile(m: LabelMatcher): CompiledMatcher {
    if ('regex' in m) return m as CompiledMatcher;
    const key = `${m.name}\xfe${m.op}\xfe${m.value}`;
    let c = this.compiled.get(key);
    if (c === undefined) {
      c = compileMatcher(m);
      this.compiled.set(key, c);
    }
    return c;
  }
}

function accepts(matchers: readonly CompiledMatcher[], s: Stored): boolean {
  for (const m of matchers) {
    if (!matcherAccepts(m, m.name === '__name__' ? s.name : (s.labels[m.name] ?? ''))) return false;
  }
  return true;
}

/** Reads `name{a="x"}` into a name and labels (empty values mean "no such label"). */
function parseSeriesName(text: string): { name: string; labels: Labels } {
  const expr = parseExpression(text);
  const usable =
    expr.kind === 'selector' &&
    expr.name !== undefined &&
    expr.offsetMs === 0 &&
    expr.matchers.every((m) => m.op === '=' && m.name !== '__name__');
  if (!usable || expr.kind !== 'selector' || expr.name === undefined) {
    throw new InvalidInputError(`'${text}' is not a series: write a metric name with label="value" pairs`);
  }
  const labels: Record<string, string> = {};
  for (const m of expr.matchers) {
    if (labels[m.name] !== undefined) throw new InvalidInputError(`'${text}' sets label ${m.name} twice`);
    if (m.value !== '') labels[m.name] = m.value;
  }
  return { name: expr.name, labels };
}
