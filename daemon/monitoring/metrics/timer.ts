/**
 * @module Duration timers for `startTimer`: monotonic (hrtime), immune to wall-clock steps.
 */
import type { LabelInput } from './metric.js';

/** Starts a duration measurement (monotonic, nanoseconds). */
export function timerStart(): bigint {
  return process.hrtime.bigint();
}

/** Seconds since `start` (from {@link timerStart}). */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** The labels a timer ends with: those it started with, overridden by the ones given at the end. */
export function timerLabels(
  start: LabelInput | undefined,
  end: LabelInput | undefined,
): LabelInput | undefined {
  if (end === undefined) return start;
  return start === undefined ? end : { ...start, ...end };
}
