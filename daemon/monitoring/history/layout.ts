/**
 * @module The history layout the daemon's settings give: full resolution for the configured
 * retention (never less than one scrape interval), then the default rollup levels that still fit.
 *
 * The rule, as the README states it: a rollup level is kept only when it is coarser and longer
 * than the level below it. Its step must be at least the scrape interval (and a larger multiple of
 * the finer rollup's step), and its retention must be longer than that of the level below
 * (the full-resolution retention for the first level). A level that does not fit is left out:
 * with `monitoring.retention 8d` the 1-minute level (kept 7 days) would never receive data, and
 * with `monitoring.scrapeInterval 2m` 1-minute points would be finer than the samples.
 *
 * Dropping rather than stretching a level keeps the steps those of the defaults, so a snapshot
 * written under other settings still matches its levels by step.
 */
import { DEFAULT_HISTORY_OPTIONS, type RollupLevel } from './options.js';

/** The timing part of the history options, valid for `resolveHistoryOptions`. */
export interface HistoryLayout {
  intervalMs: number;
  retentionMs: number;
  rollups: RollupLevel[];
}

/**
 * The layout for a scrape interval and a full-resolution retention (both positive integers of ms,
 * as the settings give them): see the module comment. Pure; `levels` (finest first) defaults to
 * the 1-minute and 1-hour levels.
 */
export function historyLayout(
  intervalMs: number,
  retentionMs: number,
  levels: readonly RollupLevel[] = DEFAULT_HISTORY_OPTIONS.rollups,
): HistoryLayout {
  // A retention shorter than one interval would expire every sample before the next arrives.
  const retention = Math.max(retentionMs, intervalMs);
  const rollups: RollupLevel[] = [];
  let finerStep: number | null = null;
  let finerRetention = retention;
  for (const level of levels) {
    const coarser =
      finerStep === null
        ? level.stepMs >= intervalMs
        : level.stepMs > finerStep && level.stepMs % finerStep === 0;
    if (!coarser || level.retentionMs <= finerRetention) continue;
    rollups.push({ stepMs: level.stepMs, retentionMs: level.retentionMs });
    finerStep = level.stepMs;
    finerRetention = level.retentionMs;
  }
  return { intervalMs, retentionMs: retention, rollups };
}
