/**
 * @module Capacity forecasting: a least-squares trend over a metric's history, and when each
 * series will cross a threshold at that trend.
 */
import type { ForecastRow } from '../../src/protocol/schemas.js';
import type { SeriesSource } from './types.js';

/** Slope (per ms) and intercept at `t0` of the least-squares line through the points. */
export function leastSquares(times: ArrayLike<number>, values: ArrayLike<number>, t0: number): { slope: number; intercept: number; n: number } {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < times.length; i++) {
    const y = values[i] as number;
    if (!Number.isFinite(y)) continue;
    // Centre times on t0: keeps the sums small enough for float64 to stay exact.
    const x = (times[i] as number) - t0;
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const denominator = n * sxx - sx * sx;
  if (n < 2 || denominator === 0) return { slope: 0, intercept: n === 0 ? NaN : sy / n, n };
  const slope = (n * sxy - sx * sy) / denominator;
  return { slope, intercept: (sy - slope * sx) / n, n };
}

/**
 * Fits each series of `metric` over [now - rangeMs, now].
 *
 * @returns one row per series; `crossesAt` is null when there is no threshold, the trend moves
 *   away from it, or the series is already past it (then `current` says so).
 */
export function forecast(source: SeriesSource, metric: string, now: number, rangeMs: number, threshold: number | null): ForecastRow[] {
  return source.select(metric, [], now - rangeMs, now).map((series) => {
    const { slope, intercept, n } = leastSquares(series.times, series.values, now);
    let crossesAt: string | null = null;
    if (threshold !== null && slope !== 0 && n >= 2) {
      const dt = (threshold - intercept) / slope;
      if (dt > 0 && Number.isFinite(dt) && now + dt < 8.64e15) crossesAt = new Date(now + dt).toISOString();
    }
    return { labels: { ...series.labels }, current: intercept, slopePerHour: slope * 3_600_000, crossesAt, samples: n };
  });
}
