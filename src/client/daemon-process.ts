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
import { acquireDirLock, liveOwner } from '../protocol/dir-lock.js';
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

/** Thrown inside {@link spawnDaemon} when another client is starting the daemon right now. */
class SpawnInProgress extends Error {}

/**
 * Starts the daemon unless it runs, and waits until its socket accepts connections.
 *
 * Many clients may get here at once (a script's first 200 calls): only the one that takes the
 * spawn lock (a folder beside the socket) spawns a daemon; the others, and any client that finds a
 * live daemon holding the store (one still starting, or one a service manager started), wait for
 * the socket instead of spawning daemons that would only find the store taken.
 *
 * @throws AppError `DAEMON_START_FAILED` with the startup log's tail and the log path.
 */
export async function spawnDaemon(options: SpawnOptions): Promise<void> {
  const { paths } = options;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const deadline = Date.now() + timeoutMs;
  mkdirSync(paths.runtimeDir, { recursive: true, mode: 0o700 });
  const spawnLockDir = join(paths.runtimeDir, 'spawn.lock');
  let delay = 10;
  while (Date.now() < deadline) {
    if (await isListening(paths.socketPath)) return;
    if ((await liveOwner(paths.lockDir)) === null) {
      try {
        const lock = await acquireDirLock(spawnLockDir, () => new SpawnInProgress());
        try {
          // The last holder may have started it between our check and our lock.
          if (await isListening(paths.socketPath)) return;
          if ((await liveOwner(paths.lockDir)) === null) {
            await spawnAndWait(options, deadline);
            return;
          }
        } finally {
          await lock.release();
        }
      } catch (error) {
        if (!(error instanceof SpawnInProgress)) throw error;
      }
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 100);
  }
  throw await notAnswered(options);
}

/** The error for a daemon that did not answer in time, naming the one that holds the store. */
async function notAnswered(options: SpawnOptions): Promise<AppError> {
  const { paths } = options;
  const owner = await liveOwner(paths.lockDir);
  const logFile = startupLogPath(paths);
  return new AppError(
    'DAEMON_START_FAILED',
    `the daemon did not answer on ${paths.socketPath} within ${Math.round((options.timeoutMs ?? 15_000) / 1000)} s` +
      (owner === null ? '' : ` (the daemon holding the store is pid ${owner})`) +
      `\n${tail(logFile, 10)}\nlog: ${logFile}`,
  );
}

/** Spawns one detached daemon and waits, until `deadline`, for the socket to answer. */
async function spawnAndWait(options: SpawnOptions, deadline: number): Promise<void> {
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
  child.on('exit', (code) => {
    exitCode = code ?? 1;
  });
  child.unref();
  let delay = 10;
  while (Date.now() < deadline) {
    if (await isListening(paths.socketPath)) return;
    // Exit 75: another daemon holds this store. Wait for it while it lives; it normally answers on
    // this socket soon. If it is gone, or never held it, the exit is a failure to start.
    if (exitCode !== null && (exitCode !== EXIT_ALREADY_RUNNING || (await liveOwner(paths.lockDir)) === null)) {
      throw new AppError(
        'DAEMON_START_FAILED',
        `the daemon failed to start (exit ${exitCode}):\n${tail(logFile, 10)}\nlog: ${logFile}`,
      );
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 100);
  }
  throw await notAnswered(options);
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
