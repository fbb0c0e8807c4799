/**
 * @module The shape of a built-in health check.
 */
import type { HealthStatus } from '../../../src/protocol/schemas.js';

/** What one run of a check found. */
export interface CheckOutcome {
  status: HealthStatus;
  detail: string;
}

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
