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
import { processAlive, processStartTime } from '../protocol/process-state.js';
import type { Paths } from '../protocol/paths.js';
import { ConnectionError, DaemonClient } from './client.js';
import { clearSpawnFailure, readSpawnFailure, writeSpawnFailure } from './spawn-result.js';

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
  /**
   * How long a process holding the store may still be a daemon starting up (default 10 s): one
   * that has run longer and does not answer on our socket is reported at once.
   */
  startingGraceMs?: number;
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

/** Connects once: null when something answers on the socket, else the connect error's errno. */
async function probe(socketPath: string): Promise<string | null> {
  const client = new DaemonClient({ socketPath });
  try {
    await client.connect();
    client.close();
    return null;
  } catch (error) {
    return error instanceof ConnectionError ? (error.errno ?? 'unknown') : 'unknown';
  }
}

/** True when something answers on the socket. */
export async function isListening(socketPath: string): Promise<boolean> {
  return (await probe(socketPath)) === null;
}

/**
 * How long a process has run (Linux: its start in /proc/<pid>/stat, in clock ticks since boot,
 * against /proc/uptime), or null when that cannot be read. The tick is USER_HZ, 100 on every
 * architecture Node runs on (what `getconf CLK_TCK` prints).
 */
function processAgeMs(pid: number): number | null {
  const start = Number(processStartTime(pid) ?? NaN);
  let uptime: number;
  try {
    uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
  const age = uptime * 1000 - start * 10;
  return Number.isFinite(age) && age >= 0 ? age : null;
}

function formatAge(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

/**
 * True when the live store owner `pid` is no daemon still starting: it has run for longer than
 * the grace and, checked again for a moment, still holds the store while nothing listens on our
 * socket (a stopping daemon lets go of the store; a busy socket is not "nothing listens").
 * False too when its age cannot be read: it is then waited for until the deadline.
 */
async function heldElsewhere(options: SpawnOptions, pid: number): Promise<boolean> {
  const age = processAgeMs(pid);
  if (age === null || age < (options.startingGraceMs ?? 10_000)) return false;
  const until = Date.now() + 1_000;
  do {
    await sleep(100);
    const errno = await probe(options.paths.socketPath);
    if (errno !== 'ENOENT' && errno !== 'ECONNREFUSED') return false;
    if ((await liveOwner(options.paths.lockDir)) !== pid) return false;
  } while (Date.now() < until);
  return true;
}

function elsewhere(options: SpawnOptions, pid: number): AppError {
  const { paths } = options;
  const age = processAgeMs(pid);
  return new AppError(
    'DAEMON_START_FAILED',
    `the data folder ${paths.dataDir} is held by pid ${pid}` +
      (age === null ? '' : ` (running for ${formatAge(age)})`) +
      `, which does not answer on ${paths.socketPath}: another daemon listening elsewhere ` +
      '(--socket, CLICKUP_BRAIN_SOCKET or XDG_RUNTIME_DIR differ) or a program using the library; ' +
      'run this command with the same socket, or stop it',
  );
}

/** Thrown inside {@link spawnDaemon} when another client is starting the daemon right now. */
class SpawnInProgress extends Error {}

/**
 * Starts the daemon unless it runs, and waits until its socket accepts connections.
 *
 * Many clients may get here at once (a script's first 200 calls): only the one that takes the
 * spawn lock (`<runtimeDir>/spawn.lock`) spawns a daemon; the others, and any client that finds a
 * live daemon holding the store while it is still starting, wait for the socket instead of
 * spawning daemons that would only find the store taken. A store held for longer by a process
 * that does not answer on this socket is reported at once. The client that spawned leaves the
 * outcome in `<runtimeDir>/spawn.result`, so that clients that waited meanwhile report its
 * failure instead of each spawning another daemon that fails the same way.
 *
 * @throws AppError `DAEMON_START_FAILED`, with the startup log's tail and the log path when this
 *   call spawned the daemon.
 */
export async function spawnDaemon(options: SpawnOptions): Promise<void> {
  const { paths } = options;
  const since = Date.now();
  const deadline = since + (options.timeoutMs ?? 15_000);
  mkdirSync(paths.runtimeDir, { recursive: true, mode: 0o700 });
  const spawnLockDir = join(paths.runtimeDir, 'spawn.lock');
  let delay = 10;
  while (Date.now() < deadline) {
    if (await isListening(paths.socketPath)) return;
    const owner = await liveOwner(paths.lockDir);
    if (owner !== null) {
      if (await heldElsewhere(options, owner)) throw elsewhere(options, owner);
    } else {
      try {
        const lock = await acquireDirLock(spawnLockDir, () => new SpawnInProgress());
        try {
          // The last holder may have started it between our check and our lock.
          if (await isListening(paths.socketPath)) return;
          if ((await liveOwner(paths.lockDir)) === null) {
            const failed = readSpawnFailure(paths, options.args ?? [], since);
            if (failed !== null) throw new AppError('DAEMON_START_FAILED', failed);
            await spawnRecorded(options, deadline);
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
  throw await notAnswered(options, false);
}

/** The error for a daemon that did not answer in time, naming the one that holds the store. */
async function notAnswered(options: SpawnOptions, spawnedHere: boolean): Promise<AppError> {
  const { paths } = options;
  const owner = await liveOwner(paths.lockDir);
  const logFile = startupLogPath(paths);
  return new AppError(
    'DAEMON_START_FAILED',
    `the daemon did not answer on ${paths.socketPath} within ${Math.round((options.timeoutMs ?? 15_000) / 1000)} s` +
      (owner === null ? '' : ` (the daemon holding the store is pid ${owner})`) +
      (spawnedHere ? `\n${tail(logFile, 10)}\nlog: ${logFile}` : ''),
  );
}

/** Spawns the daemon and records the outcome for the clients that waited meanwhile. */
async function spawnRecorded(options: SpawnOptions, deadline: number): Promise<void> {
  try {
    await spawnAndWait(options, deadline);
  } catch (error) {
    writeSpawnFailure(options.paths, options.args ?? [], (error as Error).message);
    throw error;
  }
  clearSpawnFailure(options.paths);
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
  throw await notAnswered(options, true);
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
