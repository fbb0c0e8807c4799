/**
 * @module The metric samples the daemon publishes for each check result.
 */
import type { HealthCheckResult } from '../../../src/protocol/schemas.js';
import type { Labels } from '../types.js';
import type { CheckResult } from './history.js';

/** One sample to set on a gauge. */
export interface CheckSample {
  name: 'health_check_up' | 'health_check_latency_seconds';
  labels: Labels;
  value: number;
}

/**
 * `health_check_up{check}` (1 when this run passed, else 0) and
 * `health_check_latency_seconds{check}`. `up` follows the run, not the flap-controlled state, so
 * rules can apply their own `for:` window to the raw signal.
 */
export function checkMetrics(result: Pick<CheckResult, 'name' | 'ok' | 'latencyMs'>): [CheckSample, CheckSample] {
  const labels: Labels = { check: result.name };
  return [
    { name: 'health_check_up', labels, value: result.ok ? 1 : 0 },
    { name: 'health_check_latency_seconds', labels, value: result.latencyMs / 1000 },
  ];
}

/**
 * The same samples for a built-in check's result (event_loop, store_writable, disk, memory): a
 * degraded result (a warning threshold crossed) still passed, only an unhealthy one did not.
 */
export function builtinCheckMetrics(result: Pick<HealthCheckResult, 'name' | 'status' | 'latencyMs'>): [CheckSample, CheckSample] {
  return checkMetrics({ name: result.name, ok: result.status !== 'unhealthy', latencyMs: result.latencyMs });
}
