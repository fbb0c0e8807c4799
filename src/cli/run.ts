/**
 * @module Runs the CLI once and turns every outcome into an exit code (see CLI.md).
 */
import { CommanderError } from 'commander';
import { AppError, ExitCode } from '../protocol/errors.js';
import type { CliDeps } from './context.js';
import { makeProgram } from './program.js';

function wantsJson(argv: string[]): boolean {
  return argv.includes('--json');
}

/** Runs `argv` (without node and script) and resolves with the exit code. */
export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = makeProgram(deps, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message already.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      }
      return ExitCode.usage;
    }
    const appError = error instanceof AppError ? error : null;
    const code = appError?.code ?? 'INTERNAL';
    const message = appError?.message ?? `internal error: ${(error as Error).message ?? String(error)}`;
    if (wantsJson(argv)) deps.stderr.write(`${JSON.stringify({ error: { code, message, ...(appError?.details ?? {}) } })}\n`);
    else deps.stderr.write(`clickup-brain: ${message}\n`);
    return appError?.exitCode ?? ExitCode.failed;
  }
}
