/**
 * @module Hourly uptime buckets of one check: merging new runs in, pruning to 31 days, and the
 * uptime over the last N hours.
 *
 * The 1,000-result ring of a check (history.ts) covers under a day at a 30 s interval, so uptime
 * over 7 and 30 days comes from these buckets instead. A bucket is one clock hour (epoch-aligned,
 * UTC) holding how many runs started in it and how many of those passed, stored as a tuple
 * `[hour, ok, total]` (hour = epoch ms / 3,600,000, floored) to keep the store small: 50 checks
 * keep 37,200 buckets at most.
 */

/** One hour. */
export const HOUR_MS = 3_600_000;

/** Hours kept per check: 31 days, so that "the last 30 days" is always whole. */
export const UPTIME_RETENTION_HOURS = 31 * 24;

/** One hour of one check: `[epoch hour, runs that passed, runs]`. */
export type UptimeBucket = [hour: number, ok: number, total: number];

/** Counts not yet merged into the buckets, by epoch hour. */
export type PendingCounts = Map<number, { ok: number; total: number }>;

/** The epoch hour a time falls in. */
export function hourOf(timeMs: number): number {
  return Math.floor(timeMs / HOUR_MS);
}

/** Adds one run to the pending counts. */
export function countRun(pending: PendingCounts, timeMs: number, ok: boolean): void {
  const hour = hourOf(timeMs);
  const counts = pending.get(hour) ?? { ok: 0, total: 0 };
  counts.total += 1;
  if (ok) counts.ok += 1;
  pending.set(hour, counts);
}

/** True when a bucket of `hour` is still kept at `nowHour`. */
function kept(hour: number, nowHour: number): boolean {
  return hour > nowHour - UPTIME_RETENTION_HOURS;
}

/**
 * Merges pending counts into stored buckets: a new sorted list (oldest first), with buckets older
 * than {@link UPTIME_RETENTION_HOURS} before `nowMs` dropped. The inputs are not changed.
 */
export function mergeBuckets(
  stored: readonly UptimeBucket[],
  pending: PendingCounts | undefined,
  nowMs: number,
): UptimeBucket[] {
  const nowHour = hourOf(nowMs);
  const byHour = new Map<number, UptimeBucket>();
  for (const [hour, ok, total] of stored) {
    if (kept(hour, nowHour)) byHour.set(hour, [hour, ok, total]);
  }
  for (const [hour, counts] of pending ?? []) {
    if (!kept(hour, nowHour)) continue;
    const bucket = byHour.get(hour);
    if (bucket === undefined) byHour.set(hour, [hour, counts.ok, counts.total]);
    else byHour.set(hour, [hour, bucket[1] + counts.ok, bucket[2] + counts.total]);
  }
  return [...byHour.values()].sort((a, b) => a[0] - b[0]);
}

/**
 * The share of runs that passed in the current hour and the `hours - 1` hours before it, from 0
 * to 1 (runs are counted, not time, as in the result ring); null when there were none. Stored
 * buckets and pending counts are read together, so the answer includes runs not yet written.
 */
export function uptimeOver(
  stored: readonly UptimeBucket[],
  pending: PendingCounts | undefined,
  nowMs: number,
  hours: number,
): number | null {
  const first = hourOf(nowMs) - hours + 1;
  let ok = 0;
  let total = 0;
  for (const [hour, bucketOk, bucketTotal] of stored) {
    if (hour < first) continue;
    ok += bucketOk;
    total += bucketTotal;
  }
  for (const [hour, counts] of pending ?? []) {
    if (hour < first) continue;
    ok += counts.ok;
    total += counts.total;
  }
  return total === 0 ? null : ok / total;
}
