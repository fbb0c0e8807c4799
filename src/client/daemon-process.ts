/**
 * @module Starting and stopping the daemon process from the client side.
 *
 * Ping-then-spawn: the caller first tries the socket; only when nothing listens is a detached
 * daemon spawned, and the caller waits, bounded, until it answers.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  acquireDirLock,
  liveOwner,
  liveOwnerRecord,
  type LockOwner,
} from '../protocol/dir-lock.js';
import { AppError } from '../protocol/errors.js';
import { processAlive, processStartTime } from '../protocol/process-state.js';
import type { Paths } from '../protocol/paths.js';
import { ConnectionError, DaemonClient } from './client.js';
import { DirChanges } from './dir-changes.js';
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
  /** How long to wait for the daemon to answer while no daemon is seen starting (default 15 s). */
  timeoutMs?: number;
  /**
   * How long at most while a daemon is seen starting — the one this call spawned is alive, another
   * client holds the spawn lock, or a live daemon for this socket holds the store (default 60 s,
   * never less than `timeoutMs`). On a machine busy enough (a script's 200 first calls on two
   * cores), a daemon may need more than `timeoutMs` to start; failing then would leave it running.
   */
  startingLimitMs?: number;
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

/**
 * True when something answers on the socket. No socket file means no: looked up before a
 * connection is tried, which costs a waiting client ten times as much.
 */
export async function isListening(socketPath: string): Promise<boolean> {
  return existsSync(socketPath) && (await probe(socketPath)) === null;
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
 * `graceMs` and, checked again for a moment, still holds the store while nothing listens on our
 * socket (a stopping daemon lets go of the store; a busy socket is not "nothing listens").
 * False too when its age cannot be read: it is then waited for until the deadline.
 */
async function heldElsewhere(
  options: SpawnOptions,
  pid: number,
  graceMs: number,
): Promise<boolean> {
  const age = processAgeMs(pid);
  if (age === null || age < graceMs) return false;
  const until = Date.now() + 1_000;
  do {
    await sleep(100);
    const errno = await probe(options.paths.socketPath);
    if (errno !== 'ENOENT' && errno !== 'ECONNREFUSED') return false;
    if (liveOwner(options.paths.lockDir) !== pid) return false;
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

/**
 * A daemon that holds the store and names our socket, has run longer than any start may take, and
 * does not answer there: its socket file is gone (say /run/user/<uid> was removed at logout while
 * the daemon lived on). Waiting cannot help; stopping it can.
 */
function deafOwner(options: SpawnOptions, pid: number): AppError {
  const age = processAgeMs(pid);
  return new AppError(
    'DAEMON_START_FAILED',
    `the daemon pid ${pid} holds the data folder ${options.paths.dataDir}` +
      (age === null ? '' : ` (running for ${formatAge(age)})`) +
      ` and serves ${options.paths.socketPath}, but nothing answers there (was its socket file removed?): ` +
      `stop it (kill ${pid}) and run this command again`,
  );
}

/** The same socket: equal paths, or the same file name in the same real folder (a symlinked spelling). */
function sameSocket(a: string, b: string): boolean {
  if (a === b) return true;
  const real = (path: string): string => {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return path;
    }
  };
  return real(a) === real(b);
}

/**
 * What a live store owner means for a client waiting for the daemon: `starting` when it is a
 * daemon for this socket (waited for up to the starting limit), `waiting` when it names no socket
 * (the library, or an older daemon; waited for up to the timeout).
 *
 * @throws AppError when waiting cannot help: it serves another socket, or it is a daemon for this
 *   socket older than any start that no longer answers, or it names no socket and has held the
 *   store for longer than a start takes while nothing answers.
 */
async function ownerState(
  options: SpawnOptions,
  owner: LockOwner,
): Promise<'starting' | 'waiting'> {
  if (owner.socket === undefined) {
    if (await heldElsewhere(options, owner.pid, options.startingGraceMs ?? 10_000))
      throw elsewhere(options, owner.pid);
    return 'waiting';
  }
  if (!sameSocket(owner.socket, options.paths.socketPath)) throw servesAnother(options, owner);
  if (await heldElsewhere(options, owner.pid, startingLimitOf(options)))
    throw deafOwner(options, owner.pid);
  return 'starting';
}

/** Thrown inside {@link spawnDaemon} when another client is starting the daemon right now. */
class SpawnInProgress extends Error {}

/** When the waiting ends: `deadline` while no daemon is seen starting, `limit` while one is. */
interface Deadlines {
  since: number;
  deadline: number;
  limit: number;
}

function startingLimitOf(options: SpawnOptions): number {
  return Math.max(options.timeoutMs ?? 15_000, options.startingLimitMs ?? 60_000);
}

function deadlinesOf(options: SpawnOptions): Deadlines {
  const since = Date.now();
  return {
    since,
    deadline: since + (options.timeoutMs ?? 15_000),
    limit: since + startingLimitOf(options),
  };
}

/** Milliseconds left before giving up (0 when overdue). */
function timeLeft(times: Deadlines, starting: boolean): number {
  return Math.max(0, (starting ? times.limit : times.deadline) - Date.now());
}

/** The longest a waiting client sleeps between looks when no watched folder changes. */
const WAITER_MAX_DELAY_MS = 1_000;

/**
 * Starts the daemon unless it runs, and waits until its socket accepts connections.
 *
 * Many clients may get here at once (a script's first 200 calls): only the one that takes the
 * spawn lock (`<runtimeDir>/spawn.lock`) spawns a daemon; the others, and any client that finds a
 * live daemon for this socket holding the store while it is still starting, wait for the socket
 * instead of spawning daemons that would only find the store taken. They wait on changes in the
 * socket's and the spawn lock's folders, not by polling, so that the CPU goes to the daemon. A
 * store held by a daemon that serves another socket is reported at once; one held for longer by a
 * process that names no socket (a program using the library) is too. The client that spawned
 * leaves the outcome in `<runtimeDir>/spawn.result`, so that clients that waited meanwhile report
 * its failure instead of each spawning another daemon that fails the same way.
 *
 * @throws AppError `DAEMON_START_FAILED`, with the startup log's tail and the log path when this
 *   call spawned the daemon.
 */
export async function spawnDaemon(options: SpawnOptions): Promise<void> {
  const { paths } = options;
  const times = deadlinesOf(options);
  mkdirSync(paths.runtimeDir, { recursive: true, mode: 0o700 });
  const spawnLockDir = join(paths.runtimeDir, 'spawn.lock');
  const changes = new DirChanges([paths.runtimeDir, dirname(paths.socketPath)]);
  try {
    let delay = 10;
    for (;;) {
      if (await isListening(paths.socketPath)) return;
      const owner = liveOwnerRecord(paths.lockDir);
      // No store owner: a daemon is starting (or about to be) for us, unless a start failed.
      const starting = owner === null || (await ownerState(options, owner)) === 'starting';
      if (owner === null) {
        // Read without the spawn lock: waiters that queued for it only to read this would each
        // wake all the others at every release.
        throwIfSpawnFailed(options, times);
        // Looked at before trying to take it: trying writes to the folder the others watch.
        if (
          liveOwner(spawnLockDir) === null &&
          (await spawnUnlessStarted(options, times, changes, spawnLockDir))
        )
          return;
      }
      const left = timeLeft(times, starting);
      if (left === 0) break;
      await changes.wait(Math.min(delay, left));
      delay = Math.min(delay * 2, WAITER_MAX_DELAY_MS);
    }
  } finally {
    changes.close();
  }
  throw notAnswered(options, times, null);
}

function throwIfSpawnFailed(options: SpawnOptions, times: Deadlines): void {
  const failed = readSpawnFailure(options.paths, options.args ?? [], times.since);
  if (failed !== null) throw new AppError('DAEMON_START_FAILED', failed);
}

/**
 * Takes the spawn lock and, unless the daemon answers or holds the store by then, spawns it and
 * waits for it. True when the daemon answers; false when another client holds the lock or a
 * daemon took the store meanwhile (the caller goes on waiting).
 */
async function spawnUnlessStarted(
  options: SpawnOptions,
  times: Deadlines,
  changes: DirChanges,
  spawnLockDir: string,
): Promise<boolean> {
  let lock;
  try {
    lock = await acquireDirLock(spawnLockDir, () => new SpawnInProgress());
  } catch (error) {
    if (error instanceof SpawnInProgress) return false;
    throw error;
  }
  try {
    // The last holder may have started it, or failed to, between our look and our lock.
    if (await isListening(options.paths.socketPath)) return true;
    if (liveOwner(options.paths.lockDir) !== null) return false;
    throwIfSpawnFailed(options, times);
    await spawnRecorded(options, times, changes);
    return true;
  } finally {
    await lock.release();
  }
}

function servesAnother(options: SpawnOptions, owner: LockOwner): AppError {
  const { paths } = options;
  return new AppError(
    'DAEMON_START_FAILED',
    `the data folder ${paths.dataDir} is held by the daemon pid ${owner.pid}, which serves the socket ${owner.socket ?? ''}, ` +
      `not ${paths.socketPath}: run this command with --socket ${owner.socket ?? ''} (or the same CLICKUP_BRAIN_SOCKET or XDG_RUNTIME_DIR), or stop that daemon`,
  );
}

/**
 * The error for a daemon that did not answer in time, naming the one that holds the store and,
 * when this call spawned it, what became of it and the tail of its startup log.
 */
function notAnswered(
  options: SpawnOptions,
  times: Deadlines,
  spawned: { pid: number | undefined; state: string } | null,
): AppError {
  const { paths } = options;
  const owner = liveOwner(paths.lockDir);
  const logFile = startupLogPath(paths);
  const waited = Math.round((Date.now() - times.since) / 1000);
  const child =
    spawned === null || spawned.pid === undefined ? '' : ` (pid ${spawned.pid}, ${spawned.state})`;
  return new AppError(
    'DAEMON_START_FAILED',
    `the daemon${child} did not answer on ${paths.socketPath} within ${waited} s` +
      (owner === null || owner === spawned?.pid
        ? ''
        : ` (the daemon holding the store is pid ${owner})`) +
      (spawned !== null ? `\n${tail(logFile, 10)}\nlog: ${logFile}` : ''),
  );
}

/** Spawns the daemon and records the outcome for the clients that waited meanwhile. */
async function spawnRecorded(
  options: SpawnOptions,
  times: Deadlines,
  changes: DirChanges,
): Promise<void> {
  try {
    await spawnAndWait(options, times, changes);
  } catch (error) {
    writeSpawnFailure(options.paths, options.args ?? [], (error as Error).message);
    throw error;
  }
  clearSpawnFailure(options.paths);
}

/** Spawns one detached daemon and waits, while it lives and within `times`, for the socket to answer. */
async function spawnAndWait(
  options: SpawnOptions,
  times: Deadlines,
  changes: DirChanges,
): Promise<void> {
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
  for (;;) {
    if (await isListening(paths.socketPath)) return;
    // Exit 75: another daemon holds this store. Wait for it as for any store owner; a daemon for
    // this socket normally answers soon. If it is gone, or never held it, the exit is a failure.
    const owner = exitCode === null ? null : liveOwnerRecord(paths.lockDir);
    if (exitCode !== null && (exitCode !== EXIT_ALREADY_RUNNING || owner === null)) {
      throw new AppError(
        'DAEMON_START_FAILED',
        `the daemon failed to start (exit ${exitCode}):\n${tail(logFile, 10)}\nlog: ${logFile}`,
      );
    }
    // Starting: ours has not exited, or the daemon that holds the store serves this socket.
    const starting = owner === null || (await ownerState(options, owner)) === 'starting';
    const left = timeLeft(times, starting);
    if (left === 0) break;
    // The socket's folder is watched: its appearance wakes this wait at once.
    await changes.wait(Math.min(delay, left));
    delay = Math.min(delay * 2, 100);
  }
  // Any other exit was thrown above.
  const state = exitCode === null ? 'still starting' : 'exited 75: another daemon holds the store';
  throw notAnswered(options, times, { pid: child.pid, state });
}

/**
 * Asks a running daemon to stop and waits until its process is gone.
 *
 * @returns false when it was still running after `timeoutMs` (default 15 s).
 */
export async function stopDaemon(
  client: DaemonClient,
  pid: number,
  timeoutMs = 15_000,
): Promise<boolean> {
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
