/**
 * @module Bench helper: the statistics the benchmarks report.
 */

/** Nearest-rank percentile of an ascending array (NaN for an empty one). */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
