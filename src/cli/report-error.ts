/**
 * @module How a failed command is reported: one line on stderr (JSON with --json) and an exit code.
 */
import type { Writable } from 'node:stream';
import { AppError, ExitCode } from '../protocol/errors.js';

/** Writes the error and returns the exit code for it. */
export function reportError(error: unknown, json: boolean, stderr: Writable): number {
  const appError = error instanceof AppError ? error : null;
  const code = appError?.code ?? 'INTERNAL';
  const message = appError?.message ?? `internal error: ${(error as Error)?.message ?? String(error)}`;
  if (json) stderr.write(`${JSON.stringify({ error: { code, message, ...(appError?.details ?? {}) } })}\n`);
  else stderr.write(`clickup-brain: ${message}\n`);
  return appError?.exitCode ?? ExitCode.failed;
}
