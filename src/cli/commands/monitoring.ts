/**
 * @module `clickup-brain monitoring`: health now; metrics, alerts and the dashboard as they land.
 */
import { Command } from 'commander';
import { InvalidInputError } from '../../protocol/errors.js';
import { showHealth } from '../actions/health.js';
import { CliContext, type CliDeps } from '../context.js';

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
      if (options.health !== true) throw new InvalidInputError('no action given: use --health (see clickup-brain monitoring --help)');
      setExitCode(await showHealth(await CliContext.create(command, deps)));
    });
}
