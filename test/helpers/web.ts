/**
 * @module Test helper for the web dashboard's e2e tests: a home whose daemon serves HTTP on a free
 * port (testEnv's CLICKUP_BRAIN_HTTP_PORT=0, so parallel tests never meet on 8080) with an admin
 * logged in on the CLI, the dashboard's real URL from `daemon status --json`, and what starting a
 * Debian binary needs (is it on PATH, a free port, its output kept for the failure message).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import type { TestContext } from 'node:test';
import { tempHome, type TestHome } from './home.js';
import { cliJson, cliOk } from './monitoring.js';
import { waitFor } from './integration.js';
import { createUser, login, PASSWORDS } from './security.js';

/** A started program with its output collected (for failure messages) and a bounded stop. */
export interface Service {
  child: ChildProcess;
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** Starts `bin` with `args`; the caller waits for it to be ready. */
export function startService(bin: string, args: string[]): Service {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d: Buffer): void => {
    output = (output + d.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The daemon's web server as `daemon status --json` reports it. */
export interface WebStatus {
  state: 'off' | 'listening' | 'failed';
  url: string | null;
  reason: string | null;
}

/** Waits until the daemon reports its web server listening; resolves with its URL (no trailing /). */
export async function webUrl(home: TestHome): Promise<string> {
  let last: WebStatus | undefined;
  const url = await waitFor(
    'the web dashboard to listen',
    async () => {
      last = (await cliJson<{ web?: WebStatus }>(home, ['daemon', 'status'])).web;
      if (last?.state === 'failed') throw new Error(`the web server failed: ${last.reason ?? '?'}`);
      return last?.state === 'listening' && last.url !== null ? last.url : undefined;
    },
    20_000,
    200,
  ).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}; last status: ${JSON.stringify(last)}`);
  });
  return url.replace(/\/$/, '');
}

/** A home for the web tests. */
export interface WebHome {
  home: TestHome;
  /** The dashboard, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** The admin's name and password (logged in on the CLI). */
  username: string;
  password: string;
}

/**
 * A fresh home whose daemon serves the dashboard on a free port, scrapes and evaluates every second,
 * hashes at bcrypt cost 10, and has the admin `ada` logged in on the CLI. Removed (daemon killed)
 * when the test ends.
 */
export async function webHome(t: Pick<TestContext, 'after'>): Promise<WebHome> {
  // testEnv gives every test daemon CLICKUP_BRAIN_HTTP_PORT=0: a free port, reported by status.
  const home = await tempHome();
  t.after(() => home.cleanup());
  await cliOk(home, ['config', 'set', 'security.bcryptCost', '10']);
  await cliOk(home, ['config', 'set', 'monitoring.scrapeInterval', '1s']);
  await cliOk(home, ['config', 'set', 'monitoring.evaluationInterval', '1s']);
  await createUser(home, 'ada', PASSWORDS.ada, ['admin']);
  await login(home, 'ada', PASSWORDS.ada);
  const url = await webUrl(home);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  return { home, url, username: 'ada', password: PASSWORDS.ada };
}
