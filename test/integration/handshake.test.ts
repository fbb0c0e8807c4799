/**
 * The hello handshake: a daemon of another version is restarted by the CLI, and a connection that
 * skips hello is refused.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { repoRoot, tempHome, type TestHome } from '../helpers/home.js';
import {
  callOk,
  errorOf,
  isAlive,
  parseJson,
  track,
  waitFor,
  waitForSocket,
  within,
  type TrackedProcess,
} from '../helpers/integration.js';
import { rawConnect, rawHello } from '../helpers/raw-socket.js';
import { VERSION } from '../../src/protocol/version.js';

/** A copy of the build inside the repo (so node_modules resolves) that calls itself 0.0.0-old. */
async function makeOldBuild(): Promise<string> {
  const copy = join(repoRoot, 'test-artifacts', `old-${randomBytes(6).toString('hex')}`);
  await mkdir(copy, { recursive: true });
  await cp(join(repoRoot, 'dist'), join(copy, 'dist'), { recursive: true });
  const versionFile = join(copy, 'dist', 'src', 'protocol', 'version.js');
  const source = await readFile(versionFile, 'utf8');
  const rewritten = source.replace(
    /export const VERSION = '[^']*';/,
    "export const VERSION = '0.0.0-old';",
  );
  assert.notEqual(rewritten, source, 'VERSION found in the built version.js');
  await writeFile(versionFile, rewritten);
  return copy;
}

/** Starts the old daemon directly and waits until it answers as 0.0.0-old. */
async function startOldDaemon(copy: string, home: TestHome): Promise<TrackedProcess> {
  const old = track(
    spawn(process.execPath, [join(copy, 'dist', 'daemon', 'main.js')], {
      env: home.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  await waitForSocket(home.paths.socketPath);
  const hello = await rawHello(home.paths.socketPath);
  try {
    const status = await callOk<{ version: string; pid: number }>(hello, 'daemon.status', {});
    assert.equal(status.version, '0.0.0-old');
    assert.equal(status.pid, old.pid);
  } finally {
    hello.close();
  }
  return old;
}

describe('version mismatch', () => {
  let copy: string;
  before(async () => {
    copy = await makeOldBuild();
  });
  after(() => rm(copy, { recursive: true, force: true }));

  /** A fresh home with the old-version daemon running in it; both are cleaned up after `t`. */
  async function withOldDaemon(t: TestContext): Promise<{ home: TestHome; old: TrackedProcess }> {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const old = await startOldDaemon(copy, home);
    t.after(() => old.kill());
    return { home, old };
  }

  it('the CLI restarts a daemon of another version and its output stays clean JSON', async (t) => {
    const { home, old } = await withOldDaemon(t);

    const result = await home.cli(['monitoring', '--health', '--json']);
    assert.ok([0, 1, 2].includes(result.code), `exit ${result.code}: ${result.stderr}`);
    const report = parseJson<{ status: string; checks: Array<{ name: string }> }>(result.stdout);
    assert.ok(['healthy', 'degraded', 'unhealthy'].includes(report.status));
    assert.equal(report.checks.length, 4);
    assert.match(
      result.stderr,
      new RegExp(`daemon is version 0\\.0\\.0-old, CLI is ${VERSION.replace(/\./g, '\\.')}`),
    );
    assert.match(result.stderr, /restarting the daemon/);

    // The old daemon stopped cleanly; a new one of the real version runs.
    const exit = await within(old.exited, 15_000, 'the old daemon to exit');
    assert.equal(exit.code, 0, old.stderr());
    const after = await home.cli(['daemon', 'status', '--json']);
    assert.equal(after.code, 0, after.stderr);
    const s = parseJson<{ version: string; pid: number }>(after.stdout);
    assert.equal(s.version, VERSION);
    assert.notEqual(s.pid, old.pid);
    assert.ok(isAlive(s.pid));
    assert.equal(await home.daemonPid(), s.pid);
    // The second command needed no restart.
    assert.doesNotMatch(after.stderr, /restarting/);
  });

  it(
    '`daemon restart` replaces a daemon of another version (as the mismatch message advises)',
    async (t) => {
      const { home, old } = await withOldDaemon(t);
      const result = await home.cli(['daemon', 'restart', '--json']);
      assert.equal(result.code, 0, result.stderr);
      const body = parseJson<{ pid: number; restarted: boolean }>(result.stdout);
      assert.notEqual(body.pid, old.pid);
      assert.equal((await within(old.exited, 15_000, 'the old daemon to exit')).code, 0);
      const status = parseJson<{ version: string }>(
        (await home.cli(['daemon', 'status', '--json'])).stdout,
      );
      assert.equal(status.version, VERSION);
    },
  );

  it(
    '`daemon stop` stops a daemon of another version',
    async (t) => {
      const { home, old } = await withOldDaemon(t);
      const result = await home.cli(['daemon', 'stop']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal((await within(old.exited, 15_000, 'the old daemon to exit')).code, 0);
    },
  );

  it(
    '`daemon status` reports a daemon of another version instead of failing',
    async (t) => {
      const { home, old } = await withOldDaemon(t);
      const result = await home.cli(['daemon', 'status', '--json']);
      assert.equal(result.code, 0, result.stderr);
      const status = parseJson<{ running: boolean; version: string; pid: number }>(result.stdout);
      assert.equal(status.running, true);
      assert.equal(status.version, '0.0.0-old');
      assert.equal(status.pid, old.pid);
    },
  );
});

describe('hello first', () => {
  it('a first request other than daemon.hello gets HANDSHAKE_REQUIRED; hello then works', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const start = await home.cli(['daemon', 'start']);
    assert.equal(start.code, 0, start.stderr);

    const conn = await rawConnect(home.paths.socketPath);
    t.after(() => conn.close());
    conn.request('daemon.ping', {}, 1);
    const refused = await conn.next();
    assert.equal(refused['id'], 1);
    const error = errorOf(refused);
    assert.equal(error.data.code, 'HANDSHAKE_REQUIRED');
    assert.equal(error.code, -32002);
    assert.match(error.message, /daemon\.hello/);

    // A write is refused too, and changes nothing.
    conn.request('security.blacklist.add', { target: '192.0.2.55' }, 2);
    assert.equal(errorOf(await conn.next()).data.code, 'HANDSHAKE_REQUIRED');

    // The connection stays usable: hello, then the same request succeeds.
    conn.request('daemon.hello', { client: 'test', version: '0.0.0-test', protocol: 1 }, 3);
    const hello = await conn.next();
    assert.deepEqual(Object.keys(hello['result'] as object).sort(), ['pid', 'protocol', 'version']);
    conn.request('daemon.ping', {}, 4);
    const ping = await conn.next();
    assert.equal(typeof (ping['result'] as { time: string }).time, 'string');
    conn.request('security.blacklist.list', {}, 5);
    assert.deepEqual((await conn.next())['result'], { entries: [] });
  });

  it('a hello with bad params is refused and does not count as a handshake', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const start = await home.cli(['daemon', 'start']);
    assert.equal(start.code, 0, start.stderr);
    const conn = await rawConnect(home.paths.socketPath);
    t.after(() => conn.close());
    conn.request('daemon.hello', { client: 'test', version: '1', protocol: 'one' }, 1);
    const bad = errorOf(await conn.next());
    assert.equal(bad.code, -32602);
    assert.equal(bad.data.field, 'protocol');
    conn.request('daemon.ping', {}, 2);
    assert.equal(errorOf(await conn.next()).data.code, 'HANDSHAKE_REQUIRED');
    await waitFor(
      'daemon still answering',
      async () => (await home.cli(['daemon', 'status'])).code === 0,
    );
  });
});
