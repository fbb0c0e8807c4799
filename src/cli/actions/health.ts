/**
 * @module The health action: shared by `monitoring --health` and the CLI's fast path, and free of
 * commander so the fast path does not load it.
 */
import { readHealthSnapshot } from '../../protocol/health-snapshot.js';
import type { HealthReport } from '../../protocol/schemas.js';
import type { CliContext } from '../context.js';
import { relative, statusText } from '../format.js';
import { renderTable } from '../table.js';

/** Nagios-style: 0 healthy, 1 degraded, 2 unhealthy (3, unreachable, comes from the error). */
export const healthExitCode = { healthy: 0, degraded: 1, unhealthy: 2 } as const;

export function renderHealth(report: HealthReport, ctx: CliContext): string {
  const c = ctx.out.color;
  const now = ctx.deps.now();
  const rows = report.checks.map((check) => [
    check.name,
    statusText(check.status, c),
    `${check.latencyMs.toFixed(1)} ms`,
    relative(check.lastRun, now),
    check.detail,
  ]);
  return `Overall: ${c.bold(statusText(report.status, c))}\n\n${renderTable(['CHECK', 'STATUS', 'LATENCY', 'LAST RUN', 'DETAIL'], rows)}`;
}

/**
 * Prints the daemon's health report and returns the Nagios-style exit code. The report comes from
 * the daemon's health snapshot when it can be trusted (same version, the writer running, fresh:
 * see src/protocol/health-snapshot.ts), which saves the socket round trip of a monitor polling in
 * a loop; otherwise from the daemon over the socket, starting it if needed.
 */
export async function showHealth(ctx: CliContext): Promise<number> {
  try {
    const report = readHealthSnapshot(ctx.paths.socketPath, ctx.deps.now()) ?? (await ctx.requestFirst('monitoring.health', {}));
    ctx.out.data(report, () => renderHealth(report, ctx));
    return healthExitCode[report.status];
  } finally {
    ctx.close();
  }
}
