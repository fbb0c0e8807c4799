/**
 * @module The health report people see: the built-in checks and every user check together.
 */
import type { HealthCheckResult, HealthReport } from '../../src/protocol/schemas.js';
import type { MonitoringEngine } from './engine.js';
import { worstStatus, type HealthEngine } from './health.js';

/** Up is healthy, down unhealthy; a check that has not run yet is degraded (not known good). */
const stateStatus = { up: 'healthy', down: 'unhealthy', unknown: 'degraded' } as const;

/** The latest built-in results joined with the user checks' states. */
export async function fullHealth(builtin: HealthEngine, monitoring: MonitoringEngine, fresh = false): Promise<HealthReport> {
  const report = fresh ? await builtin.run() : await builtin.latest();
  const user: HealthCheckResult[] = monitoring.checks.list().map((status) => {
    const info = monitoring.checkInfo(status.name);
    return { name: status.name, status: stateStatus[status.state], detail: info.detail, latencyMs: info.latencyMs ?? 0, lastRun: info.lastRun ?? report.checkedAt };
  });
  const checks = [...report.checks, ...user];
  return { status: worstStatus(checks.map((c) => c.status)), checks, checkedAt: report.checkedAt };
}
