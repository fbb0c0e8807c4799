/**
 * Starting the daemon from clients: many clients at once start one daemon, a daemon that holds
 * the store (still starting) is waited for rather than joined by another, and failures say why.
 *
 * The "daemon" here is a small real process (FAKE below) that takes the store lock the way the
 * real one does, records each start, and listens on the socket after a delay — so the tests need
 * no build and control the timing.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { spawnDaemon } from '../../../../src/client/daemon-process.js';
import { AppError } from '../../../../src/protocol/errors.js';
import { resolvePaths, type Paths } from '../../../../src/protocol/paths.js';
import { deadPid } from '../../../helpers/processes.js';

/**
 * argv: <starts file> <delay ms> <exit code or "listen"> [nosocket]. Appends its pid to the starts
 * file, takes the store lock (exit 75 when it is held, like the real daemon) naming the socket it
 * will serve (none with "nosocket", like a program using the library), then after the delay
 * either exits with the given code or listens on CLICKUP_BRAIN_SOCKET, for 20 s.
 */
const FAKE = `
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
const [starts, delay, mode, nosocket] = process.argv.slice(2);
appendFileSync(starts, process.pid + '\\n');
const lockDir = process.env.CLICKUP_BRAIN_HOME + '/data/store.lock';
mkdirSync(process.env.CLICKUP_BRAIN_HOME + '/data', { recursive: true });
try { mkdirSync(lockDir); } catch { console.error('store held'); process.exit(75); }
const socket = nosocket === 'nosocket' ? {} : { socket: process.env.CLICKUP_BRAIN_SOCKET };
writeFileSync(lockDir + '/owner.json', JSON.stringify({ pid: process.pid, startTime: null, ...socket }));
if (mode !== 'listen') {
  console.error('fake daemon: giving up with ' + mode);
  setTimeout(() => process.exit(Number(mode)), Number(delay));
} else {
  setTimeout(() => createServer((s) => s.end()).listen(process.env.CLICKUP_BRAIN_SOCKET), Number(delay));
}
setTimeout(() => process.exit(0), 20000);
`;

let root: string;
let fake: string;
const children: ChildProcess[] = [];

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'cb-spawn-'));
  fake = join(root, 'fake-daemon.mjs');
  await writeFile(fake, FAKE);
});

after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await rm(root, { recursive: true, force: true });
});

let homes = 0;
async function home(): Promise<{ paths: Paths; env: NodeJS.ProcessEnv; starts: string }> {
  const dir = join(root, `home-${++homes}`);
  await mkdir(dir);
  const env = { ...process.env, CLICKUP_BRAIN_HOME: dir };
  return { paths: resolvePaths(env), env, starts: join(dir, 'starts') };
}

async function startsIn(file: string): Promise<number> {
  try {
    return (await readFile(file, 'utf8')).trim().split('\n').length;
  } catch {
    return 0;
  }
}

/** Kills the daemons a test started (their pids are in the starts file). */
async function killStarted(file: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => '');
  for (const pid of text.trim().split('\n').filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * Starts a fake daemon that holds the store of `paths` and listens on `socketPath` after
 * `listenAfterMs`; resolves once it holds the store lock, as a daemon opening its store would.
 * With `namesSocket` false its lock names no socket, as a program using the library does.
 */
async function storeHolder(
  paths: Paths,
  env: NodeJS.ProcessEnv,
  socketPath: string,
  listenAfterMs: number,
  namesSocket = true,
): Promise<ChildProcess> {
  const args = [fake, join(paths.dataDir, '..', 'holder-starts'), String(listenAfterMs), 'listen', ...(namesSocket ? [] : ['nosocket'])];
  const holder = spawn(process.execPath, args, {
    env: { ...env, CLICKUP_BRAIN_SOCKET: socketPath },
    stdio: 'ignore',
  });
  children.push(holder);
  for (let i = 0; i < 500 && (await readFile(join(paths.lockDir, 'owner.json'), 'utf8').catch(() => null)) === null; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  return holder;
}

/** A startup log no client of the test wrote (a daemon's, long ago): never part of a message. */
async function oldStartupLog(paths: Paths): Promise<void> {
  await mkdir(join(paths.logDir), { recursive: true });
  await writeFile(join(paths.logDir, 'startup.log'), 'an old daemon wrote this\n');
}

describe('spawnDaemon', () => {
  test('30 clients at once start exactly one daemon and all see it answer', async (t) => {
    const { paths, env, starts } = await home();
    t.after(() => killStarted(starts));
    await Promise.all(
      Array.from({ length: 30 }, () => spawnDaemon({ paths, env, daemonEntry: fake, args: [starts, '300', 'listen'] })),
    );
    assert.equal(await startsIn(starts), 1);
  });

  test('a live process holding the store (a daemon still starting) is waited for, not joined', async (t) => {
    const { paths, env, starts } = await home();
    await mkdir(paths.runtimeDir, { recursive: true });
    // The "starting daemon": holds the lock now, listens after 400 ms.
    const holder = await storeHolder(paths, env, paths.socketPath, 400);
    t.after(() => holder.kill('SIGKILL'));
    await spawnDaemon({ paths, env, daemonEntry: fake, args: [starts, '0', 'listen'] });
    assert.equal(await startsIn(starts), 0, 'no second daemon was spawned');
  });

  test('a daemon that exits 75 while nobody holds the store is a failure to start, at once', async () => {
    const { paths, env, starts } = await home();
    // A lock folder whose owner is gone: the fake cannot take it (it does not break stale locks),
    // so it exits 75, and the client must not wait out its timeout for a daemon that is not there.
    await mkdir(paths.lockDir, { recursive: true });
    await writeFile(join(paths.lockDir, 'owner.json'), JSON.stringify({ pid: await deadPid(), startTime: null }));
    const started = Date.now();
    await assert.rejects(
      spawnDaemon({ paths, env, daemonEntry: fake, args: [starts, '0', 'listen'], timeoutMs: 10_000 }),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'DAEMON_START_FAILED');
        assert.match(error.message, /^the daemon failed to start \(exit 75\):\nstore held\nlog: .*startup\.log$/);
        return true;
      },
    );
    assert.ok(Date.now() - started < 9_000, 'gave up before the timeout');
    assert.equal(await startsIn(starts), 1);
  });

  test('a daemon that exits with an error fails with the tail of its startup log', async () => {
    const { paths, env, starts } = await home();
    await assert.rejects(
      spawnDaemon({ paths, env, daemonEntry: fake, args: [starts, '0', '1'] }),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'DAEMON_START_FAILED');
        assert.match(error.message, /^the daemon failed to start \(exit 1\):\nfake daemon: giving up with 1\nlog: /);
        return true;
      },
    );
  });

  test('a spawned daemon that never answers is waited for while it runs, up to the starting limit', async (t) => {
    const { paths, env, starts } = await home();
    t.after(() => killStarted(starts));
    const started = Date.now();
    await assert.rejects(
      spawnDaemon({ paths, env, daemonEntry: fake, args: [starts, '60000', 'listen'], timeoutMs: 500, startingLimitMs: 2_000 }),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'DAEMON_START_FAILED');
        const pid = (/^the daemon \(pid (\d+), still starting\) did not answer/.exec(error.message))?.[1];
        assert.ok(pid !== undefined, error.message);
        // The time waited is measured: at least the limit, more on a machine too busy to wake on time.
        const waited = new RegExp(`^the daemon \\(pid ${pid}, still starting\\) did not answer on ${paths.socketPath} within (\\d+) s\n\nlog: .*startup\\.log$`).exec(error.message);
        assert.ok(waited !== null && Number(waited[1]) >= 2, error.message);
        return true;
      },
    );
    assert.ok(Date.now() - started >= 2_000, 'waited past the timeout while the daemon ran');
    assert.equal(await startsIn(starts), 1);
  });

  test('a spawned daemon slower to start than the timeout is waited for, and answers', async (t) => {
    const { paths, env, starts } = await home();
    t.after(() => killStarted(starts));
    await spawnDaemon({ paths, env, daemonEntry: fake, args: [starts, '1200', 'listen'], timeoutMs: 300, startingLimitMs: 10_000 });
    assert.equal(await startsIn(starts), 1);
  });

  test('clients that wait for a daemon (for this socket) holding the store wait past the timeout while it starts', async (t) => {
    const { paths, env, starts } = await home();
    await mkdir(paths.runtimeDir, { recursive: true });
    const holder = await storeHolder(paths, env, paths.socketPath, 1_200);
    t.after(() => holder.kill('SIGKILL'));
    await Promise.all(
      Array.from({ length: 10 }, () => spawnDaemon({ paths, env, daemonEntry: fake, args: [starts, '0', 'listen'], timeoutMs: 300, startingLimitMs: 10_000 })),
    );
    assert.equal(await startsIn(starts), 0, 'no second daemon was spawned');
  });

  test('20 clients at once against a daemon that fails to start: one spawn, and all 20 report its error', async () => {
    const { paths, env, starts } = await home();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => spawnDaemon({ paths, env, daemonEntry: fake, args: [starts, '200', '1'], timeoutMs: 10_000 })),
    );
    assert.equal(await startsIn(starts), 1, 'one spawn');
    for (const result of results) {
      assert.equal(result.status, 'rejected');
      const error = (result as PromiseRejectedResult).reason as unknown;
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'DAEMON_START_FAILED');
      assert.match(error.message, /^the daemon failed to start \(exit 1\):\nfake daemon: giving up with 1\nlog: .*startup\.log$/);
    }
    // The spawner's record of it: owner-only, whole.
    const record = join(paths.runtimeDir, 'spawn.result');
    assert.equal((await stat(record)).mode & 0o777, 0o600);
    const saved = JSON.parse(await readFile(record, 'utf8')) as { time: number; message: string };
    assert.match(saved.message, /^the daemon failed to start \(exit 1\)/);
  });

  test('a failure recorded before a client began waiting is not its answer: it spawns, and success clears the record', async (t) => {
    const { paths, env, starts } = await home();
    t.after(() => killStarted(starts));
    await assert.rejects(spawnDaemon({ paths, env, daemonEntry: fake, args: [starts, '0', '1'] }), /failed to start \(exit 1\)/);
    // The fake leaves its store lock behind and does not break stale ones; the real daemon does.
    await rm(paths.lockDir, { recursive: true });
    await new Promise((r) => setTimeout(r, 5));
    await spawnDaemon({ paths, env, daemonEntry: fake, args: [starts, '0', 'listen'] });
    assert.equal(await startsIn(starts), 2);
    await assert.rejects(stat(join(paths.runtimeDir, 'spawn.result')), { code: 'ENOENT' });
  });

  test('a store held by a daemon that serves another socket fails at once, naming its socket', async (t) => {
    const { paths, env, starts } = await home();
    // A daemon started with another socket (another --socket, CLICKUP_BRAIN_SOCKET or XDG_RUNTIME_DIR).
    const other = join(paths.dataDir, '..', 'other.sock');
    const holder = await storeHolder(paths, env, other, 0);
    t.after(() => holder.kill('SIGKILL'));
    const started = Date.now();
    await assert.rejects(spawnDaemon({ paths, env, daemonEntry: fake, args: [starts, '0', 'listen'], timeoutMs: 10_000 }), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'DAEMON_START_FAILED');
      assert.equal(
        error.message,
        `the data folder ${paths.dataDir} is held by the daemon pid ${holder.pid}, which serves the socket ${other}, not ${paths.socketPath}: ` +
          `run this command with --socket ${other} (or the same CLICKUP_BRAIN_SOCKET or XDG_RUNTIME_DIR), or stop that daemon`,
      );
      return true;
    });
    assert.ok(Date.now() - started < 3_000, `gave up after ${Date.now() - started} ms, not at the timeout`);
    assert.equal(await startsIn(starts), 0, 'nothing spawned');
  });

  test('a daemon for this socket older than any start that does not answer there fails at once: kill it', async (t) => {
    const { paths, env, starts } = await home();
    await mkdir(paths.runtimeDir, { recursive: true });
    // It holds the store and names our socket, but never listens (its socket file was removed).
    const holder = await storeHolder(paths, env, paths.socketPath, 60_000);
    t.after(() => holder.kill('SIGKILL'));
    await new Promise((r) => setTimeout(r, 400));
    const started = Date.now();
    await assert.rejects(
      spawnDaemon({ paths, env, daemonEntry: fake, args: [starts, '0', 'listen'], timeoutMs: 100, startingLimitMs: 300 }),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'DAEMON_START_FAILED');
        assert.match(
          error.message,
          new RegExp(
            `^the daemon pid ${holder.pid} holds the data folder ${paths.dataDir} \\(running for \\d+ s\\) and serves ${paths.socketPath}, ` +
              `but nothing answers there \\(was its socket file removed\\?\\): stop it \\(kill ${holder.pid}\\) and run this command again$`,
          ),
        );
        return true;
      },
    );
    assert.ok(Date.now() - started < 5_000, `gave up after ${Date.now() - started} ms`);
    assert.equal(await startsIn(starts), 0, 'nothing spawned');
  });

  test('a daemon naming this socket by another spelling (a symlinked folder) is the same daemon: waited for', async (t) => {
    const { paths, env, starts } = await home();
    await mkdir(paths.runtimeDir, { recursive: true });
    const alias = join(paths.dataDir, '..', 'run-alias');
    await symlink(paths.runtimeDir, alias);
    const holder = await storeHolder(paths, env, join(alias, 'daemon.sock'), 600);
    t.after(() => holder.kill('SIGKILL'));
    await spawnDaemon({ paths, env, daemonEntry: fake, args: [starts, '0', 'listen'], timeoutMs: 10_000 });
    assert.equal(await startsIn(starts), 0, 'no second daemon was spawned');
  });

  test('a store held for a while by a process naming no socket (the library) that does not answer fails at once, naming it', async (t) => {
    const { paths, env, starts } = await home();
    await oldStartupLog(paths);
    const holder = await storeHolder(paths, env, join(paths.dataDir, '..', 'other.sock'), 0, false);
    t.after(() => holder.kill('SIGKILL'));
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    await assert.rejects(
      spawnDaemon({ paths, env, daemonEntry: fake, args: [starts, '0', 'listen'], timeoutMs: 10_000, startingGraceMs: 200 }),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'DAEMON_START_FAILED');
        const pattern = new RegExp(
          `^the data folder ${paths.dataDir} is held by pid ${holder.pid} \\(running for (\\d+) s\\), which does not answer on ${paths.socketPath}: ` +
            'another daemon listening elsewhere \\(--socket, CLICKUP_BRAIN_SOCKET or XDG_RUNTIME_DIR differ\\) or a program using the library; ' +
            'run this command with the same socket, or stop it$',
        );
        const age = Number(pattern.exec(error.message)?.[1]);
        assert.ok(age <= 5, `${error.message}: its age is the holder's (started within the test)`);
        return true;
      },
    );
    assert.ok(Date.now() - started < 3_000, `gave up after ${Date.now() - started} ms, not at the timeout`);
    assert.equal(await startsIn(starts), 0, 'nothing spawned');
  });

  test("a young store holder naming no socket is waited for until the timeout; the message has no startup log it did not write", async (t) => {
    const { paths, env, starts } = await home();
    await oldStartupLog(paths);
    const holder = await storeHolder(paths, env, join(paths.dataDir, '..', 'other.sock'), 0, false);
    t.after(() => holder.kill('SIGKILL'));
    const started = Date.now();
    await assert.rejects(spawnDaemon({ paths, env, daemonEntry: fake, args: [starts, '0', 'listen'], timeoutMs: 1_000 }), (error: unknown) => {
      assert.ok(error instanceof AppError);
      const waited = new RegExp(`^the daemon did not answer on ${paths.socketPath} within (\\d+) s \\(the daemon holding the store is pid ${holder.pid}\\)$`).exec(error.message);
      assert.ok(waited !== null && Number(waited[1]) >= 1, error.message);
      return true;
    });
    assert.ok(Date.now() - started >= 1_000, 'waited until the timeout');
    assert.equal(await startsIn(starts), 0);
  });
});
