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
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { spawnDaemon } from '../../../../src/client/daemon-process.js';
import { AppError } from '../../../../src/protocol/errors.js';
import { resolvePaths, type Paths } from '../../../../src/protocol/paths.js';
import { deadPid } from '../../../helpers/processes.js';

/**
 * argv: <starts file> <listen delay ms> <exit code or "listen">. Appends its pid to the starts
 * file, takes the store lock (exit 75 when it is held, like the real daemon), then either exits
 * with the given code or listens on CLICKUP_BRAIN_SOCKET after the delay, for 20 s.
 */
const FAKE = `
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
const [starts, delay, mode] = process.argv.slice(2);
appendFileSync(starts, process.pid + '\\n');
const lockDir = process.env.CLICKUP_BRAIN_HOME + '/data/store.lock';
mkdirSync(process.env.CLICKUP_BRAIN_HOME + '/data', { recursive: true });
try { mkdirSync(lockDir); } catch { console.error('store held'); process.exit(75); }
writeFileSync(lockDir + '/owner.json', JSON.stringify({ pid: process.pid, startTime: null }));
if (mode !== 'listen') { console.error('fake daemon: giving up with ' + mode); process.exit(Number(mode)); }
setTimeout(() => createServer((s) => s.end()).listen(process.env.CLICKUP_BRAIN_SOCKET), Number(delay));
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
    const holder = spawn(process.execPath, [fake, join(paths.dataDir, '..', 'holder-starts'), '400', 'listen'], {
      env: { ...env, CLICKUP_BRAIN_SOCKET: paths.socketPath },
      stdio: 'ignore',
    });
    children.push(holder);
    t.after(() => holder.kill('SIGKILL'));
    // Wait until it holds the lock, as a daemon that is opening its store would.
    for (let i = 0; i < 200 && (await readFile(join(paths.lockDir, 'owner.json'), 'utf8').catch(() => null)) === null; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
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

  test('a daemon that never answers times out with a message naming the process holding the store', async (t) => {
    const { paths, env, starts } = await home();
    t.after(() => killStarted(starts));
    await assert.rejects(
      spawnDaemon({ paths, env, daemonEntry: fake, args: [starts, '60000', 'listen'], timeoutMs: 1_000 }),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'DAEMON_START_FAILED');
        const pid = error.message.match(/\(the daemon holding the store is pid (\d+)\)/)?.[1];
        assert.ok(pid !== undefined, error.message);
        assert.match(error.message, new RegExp(`^the daemon did not answer on ${paths.socketPath} within 1 s`));
        return true;
      },
    );
    assert.equal(await startsIn(starts), 1);
  });
});
