/**
 * @module Starting and stopping the daemon process from the client side.
 *
 * Ping-then-spawn: the caller first tries the socket; only when nothing listens is a detached
 * daemon spawned, and the caller waits, bounded, until it answers.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../protocol/errors.js';
import { processAlive } from '../protocol/process-state.js';
import type { Paths } from '../protocol/paths.js';
import { DaemonClient } from './client.js';

/** Exit status of a daemon that found another one already running for the same home. */
export const EXIT_ALREADY_RUNNING = 75;

export interface SpawnOptions {
  paths: Paths;
  /** Absolute path of daemon/main.js. */
  daemonEntry: string;
  env: NodeJS.ProcessEnv;
  /** Extra arguments for the daemon (e.g. --move-corrupt-store). */
  args?: string[];
  /** How long to wait for the daemon to answer (default 15 s). */
  timeoutMs?: number;
}

/** File that receives the daemon's stdout and stderr until its own logger is up. */
export function startupLogPath(paths: Paths): string {
  return join(paths.logDir, 'startup.log');
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** True when something answers on the socket. */
export async function isListening(socketPath: string): Promise<boolean> {
  const client = new DaemonClient({ socketPath });
  try {
    await client.connect();
    client.close();
    return true;
  } catch {
    return false;
  }
}

/**
 * Spawns a detached daemon and waits until its socket accepts connections.
 *
 * @returns the pid of the spawned process (which may have exited at once if another daemon won
 *   the race to start; the socket then belongs to the winner).
 * @throws AppError `DAEMON_START_FAILED` with the startup log's tail and the log path.
 */
export async function spawnDaemon(options: SpawnOptions): Promise<number> {
  const { paths } = options;
  mkdirSync(paths.logDir, { recursive: true, mode: 0o700 });
  const logFile = startupLogPath(paths);
  const out = openSync(logFile, 'w', 0o600);
  let exitCode: number | null = null;
  let child;
  try {
    child = spawn(process.execPath, [options.daemonEntry, ...(options.args ?? [])], {
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...options.env, CLICKUP_BRAIN_SOCKET: paths.socketPath },
    });
  } finally {
    closeSync(out);
  }
  let exitedAt = 0;
  child.on('exit', (code) => {
    exitCode = code ?? 1;
    exitedAt = Date.now();
  });
  child.unref();
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let delay = 10;
  while (Date.now() < deadline) {
    if (await isListening(paths.socketPath)) return child.pid ?? 0;
    // Exit 75: another daemon holds this store. It normally answers on this socket at once; if it
    // does not (it listens elsewhere, e.g. another --socket), waiting longer will not help.
    const gaveUp = exitCode === EXIT_ALREADY_RUNNING && Date.now() - exitedAt > 3000;
    if ((exitCode !== null && exitCode !== EXIT_ALREADY_RUNNING) || gaveUp) {
      throw new AppError(
        'DAEMON_START_FAILED',
        `the daemon failed to start (exit ${exitCode}):\n${tail(logFile, 10)}\nlog: ${logFile}`,
      );
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 100);
  }
  throw new AppError(
    'DAEMON_START_FAILED',
    `the daemon did not answer on ${paths.socketPath} within ${Math.round((options.timeoutMs ?? 15_000) / 1000)} s\n${tail(logFile, 10)}\nlog: ${logFile}`,
  );
}

/**
 * Asks a running daemon to stop and waits until its process is gone.
 *
 * @returns false when it was still running after `timeoutMs` (default 15 s).
 */
export async function stopDaemon(client: DaemonClient, pid: number, timeoutMs = 15_000): Promise<boolean> {
  try {
    await client.request('daemon.shutdown', {});
  } catch {
    // The daemon may close the connection before the reply arrives; its exit is what counts.
  }
  client.close();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await sleep(20);
  }
  return false;
}
