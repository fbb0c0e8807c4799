/**
 * @module The daemon log: pino, JSON lines, rotated by size with pino-roll.
 *
 * Files are `daemon.N.log` in the log folder; `current.log` links to the one being written.
 * Anything that looks like a credential is redacted before it reaches a line.
 */
import pino, { type Logger } from 'pino';
import pinoRoll from 'pino-roll';
import { join } from 'node:path';

export type { Logger };

/** Field paths whose values never reach the log. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'params.password',
  'params.value',
];

export interface LogOptions {
  logDir: string;
  level: string;
  /** Rotate at this size (pino-roll syntax, default `10m`). */
  size?: string;
  /** Rotated files kept besides the current one (default 5). */
  keep?: number;
}

/** A logger writing to the rotating files. Call `flush()` before exit. */
export async function createFileLogger(options: LogOptions): Promise<{ logger: Logger; close: () => Promise<void> }> {
  const stream = await pinoRoll({
    file: join(options.logDir, 'daemon'),
    extension: '.log',
    size: options.size ?? '10m',
    limit: { count: options.keep ?? 5, removeOtherLogFiles: true },
    symlink: true,
    mkdir: true,
    mode: 0o600,
  });
  const logger = pino({ level: options.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { pid: process.pid } }, stream);
  return {
    logger,
    close: () =>
      new Promise<void>((resolve) => {
        logger.flush(() => {
          stream.end();
          resolve();
        });
      }),
  };
}

/** A logger that drops everything (the in-process library's default). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
