/**
 * @module Runs the CLI once and turns every outcome into an exit code (see CLI.md).
 */
import { CommanderError } from 'commander';
import { ExitCode } from '../protocol/errors.js';
import { reportError } from './report-error.js';
import type { CliDeps } from './context.js';
import { makeProgram } from './program.js';

function wantsJson(argv: string[]): boolean {
  return argv.includes('--json');
}

/** Runs `argv` (without node and script) and resolves with the exit code. */
export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const json = wantsJson(argv);
  const program = makeProgram(deps, (code) => {
    exitCode = code;
  }, json);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message already.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      }
      // Without --json commander has printed its message; with it, the message is ours to print.
      if (json) deps.stderr.write(`${JSON.stringify({ error: { code: 'INVALID_INPUT', message: error.message.replace(/^error: /, ''), commanderCode: error.code } })}\n`);
      return ExitCode.usage;
    }
    return reportError(error, json, deps.stderr);
  }
}
