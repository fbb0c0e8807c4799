/**
 * Test helper: a fresh CLICKUP_BRAIN_HOME with the real CLI binary and the real daemon.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { resolvePaths, type Paths } from '../../src/protocol/paths.js';
import { isAlive } from './integration.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const cliBin = join(repoRoot, 'bin', 'clickup-brain.js');
export const daemonMain = join(repoRoot, 'dist', 'daemon', 'main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TestHome {
  dir: string;
  env: NodeJS.ProcessEnv;
  paths: Paths;
  /** Runs the real CLI binary. */
  cli(args: string[], options?: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CliResult>;
  /** The daemon's pid from its pid file, or null. */
  daemonPid(): Promise<number | null>;
  /** Kills the daemon (if any) and removes the folder. */
  cleanup(): Promise<void>;
}

/** The environment of a test: no colour, no user XDG folders, and the given home. */
export function testEnv(dir: string): NodeJS.ProcessEnv {
  // Port 0: every test daemon's web dashboard takes a free port instead of fighting for 8080.
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: dir, CLICKUP_BRAIN_HOME: dir, NO_COLOR: '1', LANG: 'C.UTF-8', CLICKUP_BRAIN_HTTP_PORT: '0' };
  return env;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [cliBin, ...args], { env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

function alive(pid: number): boolean {
  return isAlive(pid);
}

/** Waits until `pid` has exited (bounded). */
export async function waitForExit(pid: number, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await sleep(20);
  }
  return false;
}

/** A fresh home under /tmp (short, so the socket path fits). */
export async function tempHome(): Promise<TestHome> {
  const dir = await mkdtemp(join(tmpdir(), 'cb-'));
  const env = testEnv(dir);
  const paths = resolvePaths(env);
  const daemonPid = async (): Promise<number | null> => {
    try {
      const pid = Number((await readFile(paths.pidFile, 'utf8')).trim());
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null;
    }
  };
  return {
    dir,
    env,
    paths,
    cli: (args, options = {}) => runCli(args, { ...env, ...options.env }, options.input, options.timeoutMs),
    daemonPid,
    cleanup: async () => {
      const pid = await daemonPid();
      if (pid !== null && alive(pid)) {
        process.kill(pid, 'SIGKILL');
        await waitForExit(pid);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Starts `node dist/daemon/main.js` directly (not through the CLI). */
export function spawnDaemonProcess(env: NodeJS.ProcessEnv, args: string[] = []) {
  return spawn(process.execPath, [daemonMain, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}
