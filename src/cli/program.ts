/**
 * @module The Commander program: global options and one command per group.
 */
import { Command, Option } from 'commander';
import { VERSION } from '../protocol/version.js';
import { makeCompleteCommand, makeCompletionCommand } from './commands/completion.js';
import { makeConfigCommand } from './commands/config.js';
import { makeDaemonCommand } from './commands/daemon.js';
import { makeMonitoringCommand } from './commands/monitoring.js';
import { makeSecurityCommand } from './commands/security.js';
import type { CliDeps } from './context.js';

/** Applies exit and output settings to a command and every command below it. */
function configureTree(command: Command, deps: CliDeps, json: boolean): void {
  command.exitOverride();
  command.configureOutput({
    writeOut: (text) => deps.stdout.write(text),
    writeErr: (text) => deps.stderr.write(text),
    // With --json, usage errors are reported as JSON by runCli instead.
    ...(json ? { outputError: () => undefined } : {}),
  });
  for (const sub of command.commands) configureTree(sub, deps, json);
}

/**
 * Builds the program.
 *
 * @param setExitCode - lets a command that succeeded report a non-zero status (health, status).
 */
export function makeProgram(deps: CliDeps, setExitCode: (code: number) => void, json = false): Command {
  const program = new Command('clickup-brain')
    .description('Metrics, health checks and the security layer around them: one CLI, one per-user daemon.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .option('--json', 'print machine-readable JSON on stdout (errors as JSON on stderr)')
    .option('--socket <path>', 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME / XDG_RUNTIME_DIR)')
    .option('--quiet', 'print nothing but errors')
    .addOption(new Option('--no-color', 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'))
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Exit codes: 0 success, 1 operation failed, 2 bad usage or input (nothing changed),
3 daemon unreachable or failed to start, 4 not authorised.

Environment: CLICKUP_BRAIN_HOME (one folder for config, data, socket and logs),
CLICKUP_BRAIN_SOCKET, NO_COLOR, FORCE_COLOR.

Examples:
  $ clickup-brain monitoring --health
  $ clickup-brain security --blacklist 203.0.113.7 --for 1h --reason scanner
  $ clickup-brain daemon status --json`,
    );
  program.addCommand(makeMonitoringCommand(deps, setExitCode));
  program.addCommand(makeSecurityCommand(deps, setExitCode));
  program.addCommand(makeDaemonCommand(deps, setExitCode));
  program.addCommand(makeConfigCommand(deps));
  program.addCommand(makeCompletionCommand(deps));
  program.addCommand(makeCompleteCommand(deps), { hidden: true });
  configureTree(program, deps, json);
  return program;
}
