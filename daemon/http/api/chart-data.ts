/**
 * @module Turns a metric's series (each with its own sample times) into the columns a uPlot chart
 * takes directly: one shared ascending x axis in Unix seconds, and one values column per label set
 * with null where that series has no point (uPlot draws a null as a gap).
 *
 * With a step, samples are averaged per epoch-aligned bucket and every empty bucket between the
 * first and the last is filled with null. At raw resolution the times are the samples' own (the
 * scraper writes every series at the same instant, so they line up); a silence longer than
 * {@link GAP_FACTOR} times the usual spacing gets one all-null point, so the line breaks there
 * instead of bridging a time the daemon was down.
 */
import type { SeriesData } from '../../../src/protocol/schemas.js';

/** The ranges a chart offers, in ms. */
export const RANGES = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
} as const;
export type RangeName = keyof typeof RANGES;

/** The resolutions, as bucket sizes in ms (null: every stored sample). */
export const RESOLUTIONS = { raw: null, '1m': 60_000, '1h': 3_600_000 } as const;
export type ResolutionName = keyof typeof RESOLUTIONS;

/**
 * The resolution used when none is asked for: enough points to draw smoothly (at most ~2,200 per
 * series at the default 10 s scrape), few enough to send quickly.
 */
export const DEFAULT_RESOLUTION: Readonly<Record<RangeName, ResolutionName>> = {
  '15m': 'raw',
  '1h': 'raw',
  '6h': 'raw',
  '24h': '1m',
  '7d': '1h',
};

/** A silence longer than this many usual spacings is drawn as a gap. */
export const GAP_FACTOR = 2.5;

/** uPlot-ready columns. */
export interface ChartColumns {
  /** Unix seconds, ascending, shared by every series. */
  timestamps: number[];
  series: Array<{ labels: Record<string, string>; values: Array<number | null> }>;
}

type Points = Map<number, number | null>;

/** Averages each series' finite samples per bucket of `stepMs` (keys: bucket start, ms). */
function bucketed(series: SeriesData, stepMs: number): Points {
  const sums = new Map<number, { sum: number; n: number }>();
  series.times.forEach((time, i) => {
    const bucket = Math.floor(time / stepMs) * stepMs;
    const value = series.values[i];
    const acc = sums.get(bucket) ?? { sum: 0, n: 0 };
    if (value !== undefined && Number.isFinite(value)) {
      acc.sum += value;
      acc.n += 1;
    }
    sums.set(bucket, acc);
  });
  const out: Points = new Map();
  for (const [bucket, { sum, n }] of sums) out.set(bucket, n === 0 ? null : sum / n);
  return out;
}

function raw(series: SeriesData): Points {
  const out: Points = new Map();
  series.times.forEach((time, i) => {
    const value = series.values[i];
    out.set(time, value !== undefined && Number.isFinite(value) ? value : null);
  });
  return out;
}

/** The median of the spacings between sorted times, or null with fewer than two. */
function usualSpacing(times: readonly number[]): number | null {
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) gaps.push((times[i] as number) - (times[i - 1] as number));
  if (gaps.length === 0) return null;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? null;
}

/** The shared x axis in ms: every bucket from first to last, or the raw times with gap points. */
function axis(times: number[], stepMs: number | null): number[] {
  times.sort((a, b) => a - b);
  const first = times[0];
  const last = times.at(-1);
  if (first === undefined || last === undefined) return [];
  if (stepMs !== null) {
    const out: number[] = [];
    for (let t = first; t <= last; t += stepMs) out.push(t);
    return out;
  }
  const spacing = usualSpacing(times);
  if (spacing === null || spacing <= 0) return times;
  const out: number[] = [first];
  for (let i = 1; i < times.length; i++) {
    const t = times[i] as number;
    const previous = times[i - 1] as number;
    if (t - previous > GAP_FACTOR * spacing) out.push(previous + spacing);
    out.push(t);
  }
  return out;
}

/**
 * Aligns `series` on one axis. `stepMs` null keeps every sample; otherwise samples are averaged
 * per epoch-aligned bucket of that size.
 */
export function chartColumns(series: readonly SeriesData[], stepMs: number | null): ChartColumns {
  const points = series.map((s) => (stepMs === null ? raw(s) : bucketed(s, stepMs)));
  const all = new Set<number>();
  for (const p of points) for (const time of p.keys()) all.add(time);
  const times = axis([...all], stepMs);
  return {
    timestamps: times.map((t) => t / 1000),
    series: series.map((s, i) => {
      const p = points[i] as Points;
      return { labels: { ...s.labels }, values: times.map((t) => p.get(t) ?? null) };
    }),
  };
}
