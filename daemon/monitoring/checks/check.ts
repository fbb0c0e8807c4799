/**
 * @module The shape of a built-in health check.
 */
import type { HealthStatus } from '../../../src/protocol/schemas.js';

/** What one run of a check found. */
export interface CheckOutcome {
  status: HealthStatus;
  detail: string;
}

/**
 * The names of the daemon's built-in checks (core.ts runs them). A user check may not take one:
 * it would share the built-in's `health_check_up{check}` and `health_check_latency_seconds{check}`
 * series, whose value would flip between the two, and removing it would delete the built-in's.
 */
export const BUILTIN_CHECK_NAMES = ['event_loop', 'store_writable', 'disk', 'memory'] as const;

/** A built-in check: a name and a function that runs it once. */
export interface BuiltinCheck {
  readonly name: string;
  run(signal: AbortSignal): Promise<CheckOutcome>;
}

/** Warning and critical levels for a reading where higher is worse. */
export interface Thresholds {
  warn: number;
  crit: number;
}

/** The status of `value` against `thresholds`. */
export function grade(value: number, thresholds: Thresholds): HealthStatus {
  if (value >= thresholds.crit) return 'unhealthy';
  if (value >= thresholds.warn) return 'degraded';
  return 'healthy';
}
