/**
 * @module Bench helper: a real daemon for a benchmark — started from dist/ in a temporary home,
 * reached over its socket once it listens, and stopped again (bounded) whatever happened.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The built daemon (`npm run build` first). */
export const daemonMain = join(repoRoot, 'dist', 'daemon', 'main.js');

/**
 * The environment of a daemon and its clients in `home`: that home (as HOME too), plain output,
 * and this process's PATH; `extra` adds or overrides variables.
 * @param {string} home
 * @param {Record<string, string>} [extra]
 */
export function daemonEnv(home, extra = {}) {
  return {
    PATH: process.env.PATH,
    HOME: home,
    CLICKUP_BRAIN_HOME: home,
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
    ...extra,
  };
}

/**
 * Starts `node dist/daemon/main.js` with `env` (and the node flags in BENCH_DAEMON_NODE_FLAGS,
 * e.g. `--cpu-prof`); `output()` is the last 4,000 characters it wrote, for a failure message.
 * @param {NodeJS.ProcessEnv} env
 */
export function startDaemon(env) {
  const nodeFlags = (process.env.BENCH_DAEMON_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const daemon = spawn(process.execPath, [...nodeFlags, daemonMain], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk) => (output = (output + chunk).slice(-4000));
  daemon.stdout.on('data', collect);
  daemon.stderr.on('data', collect);
  return { daemon, output: () => output };
}

/** The library's `connect` (from dist/src/index.js). */
export async function libraryConnect() {
  const { connect } = await import(pathToFileURL(join(repoRoot, 'dist/src/index.js')).href);
  return connect;
}

/**
 * Opens the first connection with `open`, retrying while the daemon is still starting (bounded);
 * fails at once when the daemon has exited.
 */
export async function whenListening(open, daemon, timeoutMs = 20_000) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      return await open();
    } catch (error) {
      const exit = daemon.exitCode ?? daemon.signalCode;
      if (exit !== null) throw new Error(`the daemon exited (${exit}) before listening`);
      if (error?.code !== 'DAEMON_UNREACHABLE' || performance.now() > deadline) throw error;
    }
    await sleep(50);
  }
}

/** Asks the daemon to stop, then SIGKILLs it if it is still there after 15 s. */
export async function stopDaemon(daemon, client) {
  if (daemon.exitCode !== null || daemon.signalCode !== null) return;
  const exited = new Promise((done) => daemon.once('exit', done));
  // Armed first: a daemon that never answers the shutdown must not hold the bench up.
  const timer = setTimeout(() => daemon.kill('SIGKILL'), client === undefined ? 0 : 15_000);
  // The answer does not matter (the connection may already be dead): the exit does.
  client?.request('daemon.shutdown', {}).catch(() => undefined);
  await exited;
  clearTimeout(timer);
}

/** `<bench> bench failed: <why>`, with the daemon's last output when it wrote any. */
export function failure(bench, error, daemonOutput) {
  const tail = daemonOutput.trim() === '' ? '' : `\ndaemon output:\n${daemonOutput.trim()}`;
  return new Error(`${bench} bench failed: ${error?.message ?? error}${tail}`, { cause: error });
}
