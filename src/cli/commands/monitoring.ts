/**
 * @module `clickup-brain monitoring`: health now; metrics, alerts and the dashboard as they land.
 */
import { Command } from 'commander';
import { InvalidInputError } from '../../protocol/errors.js';
import type { HealthReport } from '../../protocol/schemas.js';
import { CliContext, type CliDeps } from '../context.js';
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
  return `Overall: ${statusText(report.status, c.bold)}\n\n${renderTable(['CHECK', 'STATUS', 'LATENCY', 'LAST RUN', 'DETAIL'], rows)}`;
}

export function makeMonitoringCommand(deps: CliDeps, setExitCode: (code: number) => void): Command {
  return new Command('monitoring')
    .description('health checks and status of this host and the daemon')
    .option('--health', 'run-time health: each check with status, detail, latency and last run, and the overall status')
    .addHelpText(
      'after',
      `
Exit codes with --health: 0 healthy, 1 degraded, 2 unhealthy, 3 daemon unreachable.

Examples:
  $ clickup-brain monitoring --health
  $ clickup-brain monitoring --health --json | jq .status
  $ clickup-brain monitoring --health --quiet || echo "not healthy"`,
    )
    .action(async (options: { health?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, deps);
      try {
        if (options.health !== true) throw new InvalidInputError('no action given: use --health (see clickup-brain monitoring --help)');
        const client = await ctx.client();
        const report = await client.request('monitoring.health', {});
        ctx.out.data(report, () => renderHealth(report, ctx));
        setExitCode(healthExitCode[report.status]);
      } finally {
        ctx.close();
      }
    });
}
