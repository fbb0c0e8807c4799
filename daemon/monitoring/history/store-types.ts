/**
 * @module The shapes the history store takes and returns (beyond the shared SeriesSource ones),
 * and the checks on what it takes: wrong use fails loudly as a TypeError instead of storing junk.
 */
import type { Labels } from '../types.js';

/** One sample for `appendBatch`. */
export interface Sample {
  name: string;
  labels: Labels;
  timeMs: number;
  value: number;
}

/** The newest sample of one series. */
export type LatestSample = Sample;

/** Size and loss figures; `bytes` is the store's own estimate, which the size cap uses. */
export interface HistoryStats {
  series: number;
  /** Full-resolution samples held. */
  samples: number;
  /** Rollup points held (all levels). */
  rollupPoints: number;
  bytes: number;
  /** bytes / (samples + rollupPoints). */
  bytesPerSample: number;
  dropped: { outOfOrder: number; seriesLimit: number; sizeLimit: number };
}

/** What one `compact` did. */
export interface CompactResult {
  folded: number;
  expired: number;
  /** Samples and points dropped by the size cap. */
  evicted: number;
  removedSeries: number;
}

/** @throws TypeError unless the times (and step, if given) are usable. */
export function checkRange(startMs: number, endMs: number, stepMs?: number): void {
  if (
    typeof startMs !== 'number' ||
    typeof endMs !== 'number' ||
    Number.isNaN(startMs) ||
    Number.isNaN(endMs)
  ) {
    throw new TypeError('times must be numbers');
  }
  if (stepMs !== undefined && (!Number.isSafeInteger(stepMs) || stepMs <= 0)) {
    throw new TypeError('stepMs must be a positive integer');
  }
}

/** @throws TypeError unless name, labels, time and value are usable. */
export function checkSample(name: unknown, labels: unknown, timeMs: unknown, value: unknown): void {
  if (typeof labels !== 'object' || labels === null)
    throw new TypeError('labels must be an object');
  if (typeof name !== 'string' || name === '')
    throw new TypeError('a metric name must be a non-empty string');
  if (typeof timeMs !== 'number' || !Number.isFinite(timeMs))
    throw new TypeError(`timeMs must be a finite number, got ${String(timeMs)}`);
  if (typeof value !== 'number')
    throw new TypeError(`a sample value must be a number, got ${typeof value}`);
}
