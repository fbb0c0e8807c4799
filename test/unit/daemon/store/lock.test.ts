import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { StoreLockedError } from '../../../../daemon/store/errors.js';
import { acquireLock, isZombie, processStartTime } from '../../../../daemon/store/lock.js';
import { liveOwnerRecord } from '../../../../src/protocol/dir-lock.js';
import { deadPid, lockContenders } from '../../../helpers/processes.js';

async function sleeper(): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(()=>{},60000)'], { stdio: 'ignore' });
  await once(child, 'spawn');
  return child as ChildProcess & { pid: number };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

const linux = process.platform === 'linux';

/**
 * A zombie: perl forks a child that exits at once and never reaps it (perl leaves SIGCHLD at its
 * default, so nothing waits). A shell was used before, but dash may reap a background job before
 * `exec`, which raced on a fast machine. Resolves with the (live) parent and the zombie's pid
 * once the kernel shows it in state Z.
 */
async function zombieProcess(): Promise<{ parentProcess: ChildProcess; zombie: number }> {
  const parentProcess = spawn(
    'perl',
    ['-e', '$| = 1; my $pid = fork() // die; if ($pid == 0) { exit 0 } print "$pid\\n"; sleep 60'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const [chunk] = (await once(parentProcess.stdout!, 'data')) as [Buffer];
  const zombie = Number(chunk.toString('utf8').trim());
  assert.ok(Number.isInteger(zombie) && zombie > 0, `zombie pid ${chunk.toString('utf8')}`);
  const deadline = Date.now() + 10_000;
  while (!isZombie(zombie)) {
    assert.ok(Date.now() < deadline, `pid ${zombie} did not become a zombie`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { parentProcess, zombie };
}

describe('processStartTime', () => {
  test('is a number (as text) for a live process on Linux', { skip: !linux }, () => {
    const mine = processStartTime(process.pid);
    assert.match(mine ?? '', /^\d+$/);
    assert.equal(processStartTime(process.pid), mine);
  });

  test('is null for a process that does not exist', async () => {
    assert.equal(processStartTime(await deadPid()), null);
  });
});

describe('acquireLock', () => {
  let dir: string;
  let n = 0;
  const children: ChildProcess[] = [];
  const fresh = async (): Promise<{ parent: string; lockDir: string }> => {
    const parent = join(dir, `case-${++n}`);
    await mkdir(parent);
    return { parent, lockDir: join(parent, 'store.lock') };
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cbu-'));
  });
  after(async () => {
    for (const child of children) await stop(child);
    await rm(dir, { recursive: true, force: true });
  });

  test('creates the lock folder (0700) with owner.json naming this process (0600)', async () => {
    const { lockDir } = await fresh();
    const lock = await acquireLock(lockDir);
    assert.equal(lock.dir, lockDir);
    assert.equal((await stat(lockDir)).mode & 0o777, 0o700);
    assert.equal((await stat(join(lockDir, 'owner.json'))).mode & 0o777, 0o600);
    assert.deepEqual(JSON.parse(await readFile(join(lockDir, 'owner.json'), 'utf8')), {
      pid: process.pid,
      startTime: processStartTime(process.pid),
    });
    await lock.release();
  });

  test("a daemon's lock records the socket it serves, which liveOwnerRecord reports", async () => {
    const { lockDir } = await fresh();
    const lock = await acquireLock(lockDir, { socket: '/run/user/1000/clickup-brain/daemon.sock' });
    assert.deepEqual(JSON.parse(await readFile(join(lockDir, 'owner.json'), 'utf8')), {
      pid: process.pid,
      startTime: processStartTime(process.pid),
      socket: '/run/user/1000/clickup-brain/daemon.sock',
    });
    assert.deepEqual(liveOwnerRecord(lockDir), { pid: process.pid, startTime: processStartTime(process.pid), socket: '/run/user/1000/clickup-brain/daemon.sock' });
    await lock.release();
    assert.equal(liveOwnerRecord(lockDir), null);
  });

  test('an owner record whose socket is not text reports no socket', async () => {
    const { lockDir } = await fresh();
    const holder = await sleeper();
    children.push(holder);
    await mkdir(lockDir);
    await writeFile(join(lockDir, 'owner.json'), JSON.stringify({ pid: holder.pid, startTime: null, socket: 42 }));
    assert.deepEqual(liveOwnerRecord(lockDir), { pid: holder.pid, startTime: null });
  });

  test('release removes the folder; a second release is harmless', async () => {
    const { parent, lockDir } = await fresh();
    const lock = await acquireLock(lockDir);
    await lock.release();
    assert.deepEqual(await readdir(parent), []);
    await lock.release();
  });

  test('taking it twice in the same process is refused with CONFLICT; the first hold is kept', async () => {
    const { parent, lockDir } = await fresh();
    const first = await acquireLock(lockDir);
    const before = await readFile(join(lockDir, 'owner.json'), 'utf8');
    await assert.rejects(acquireLock(lockDir), (error: unknown) => {
      assert.ok(error instanceof StoreLockedError, String(error));
      assert.equal(error.code, 'CONFLICT');
      assert.equal(error.ownerPid, process.pid);
      assert.equal(error.lockDir, lockDir);
      assert.match(error.message, new RegExp(`\\(pid ${process.pid}\\); lock: `));
      return true;
    });
    assert.equal(await readFile(join(lockDir, 'owner.json'), 'utf8'), before, 'not retaken');
    assert.deepEqual(await readdir(parent), ['store.lock'], 'nothing moved aside');
    await first.release();
    assert.deepEqual(await readdir(parent), []);
    // Once released, this process may take it again.
    const again = await acquireLock(lockDir);
    await again.release();
  });

  test('a lock folder left by this pid but not held here (an earlier life) is stale', async () => {
    const { parent, lockDir } = await fresh();
    await mkdir(lockDir);
    await writeFile(
      join(lockDir, 'owner.json'),
      JSON.stringify({ pid: process.pid, startTime: processStartTime(process.pid) }),
    );
    const lock = await acquireLock(lockDir);
    assert.equal(JSON.parse(await readFile(join(lockDir, 'owner.json'), 'utf8')).pid, process.pid);
    assert.deepEqual(await readdir(parent), ['store.lock']);
    await lock.release();
  });

  test(
    'a lock whose owner is a zombie (exited, not reaped) is broken and retaken',
    { skip: !linux },
    async () => {
      const { parent, lockDir } = await fresh();
      const { parentProcess, zombie } = await zombieProcess();
      children.push(parentProcess);
      assert.equal(isZombie(zombie), true);
      assert.equal(isZombie(process.pid), false);
      // kill(pid, 0) still succeeds for a zombie, so only the state tells it is gone.
      process.kill(zombie, 0);
      await mkdir(lockDir);
      await writeFile(
        join(lockDir, 'owner.json'),
        JSON.stringify({ pid: zombie, startTime: processStartTime(zombie) }),
      );
      const lock = await acquireLock(lockDir);
      assert.equal(
        JSON.parse(await readFile(join(lockDir, 'owner.json'), 'utf8')).pid,
        process.pid,
      );
      assert.deepEqual(await readdir(parent), ['store.lock']);
      await lock.release();
      await stop(parentProcess);
    },
  );

  test('a lock whose owner is dead is broken and retaken', async () => {
    const { parent, lockDir } = await fresh();
    const pid = await deadPid();
    await mkdir(lockDir);
    await writeFile(join(lockDir, 'owner.json'), JSON.stringify({ pid, startTime: null }));
    const lock = await acquireLock(lockDir);
    assert.equal(JSON.parse(await readFile(join(lockDir, 'owner.json'), 'utf8')).pid, process.pid);
    assert.deepEqual(await readdir(parent), ['store.lock']);
    await lock.release();
  });

  test('a lock owned by a live other process is refused with CONFLICT naming the owner', async () => {
    const { lockDir } = await fresh();
    const child = await sleeper();
    children.push(child);
    await mkdir(lockDir);
    const owner = { pid: child.pid, startTime: processStartTime(child.pid) };
    await writeFile(join(lockDir, 'owner.json'), JSON.stringify(owner));
    await assert.rejects(acquireLock(lockDir), (error: unknown) => {
      assert.ok(error instanceof StoreLockedError);
      assert.equal(error.code, 'CONFLICT');
      assert.equal(error.ownerPid, child.pid);
      assert.equal(error.lockDir, lockDir);
      assert.equal(
        error.message,
        `the store is in use by another process (pid ${child.pid}); lock: ${lockDir}`,
      );
      assert.equal(error.exitCode, 1);
      return true;
    });
    // The owner's lock is left as it was.
    assert.deepEqual(JSON.parse(await readFile(join(lockDir, 'owner.json'), 'utf8')), owner);
    await stop(child);
    // Once the owner is gone the lock can be taken.
    const lock = await acquireLock(lockDir);
    await lock.release();
  });

  test(
    'a live pid with a different start time is a reused pid: the lock is stale',
    { skip: !linux },
    async () => {
      const { lockDir } = await fresh();
      const child = await sleeper();
      children.push(child);
      await mkdir(lockDir);
      await writeFile(
        join(lockDir, 'owner.json'),
        JSON.stringify({ pid: child.pid, startTime: '1' }),
      );
      const lock = await acquireLock(lockDir);
      assert.equal(
        JSON.parse(await readFile(join(lockDir, 'owner.json'), 'utf8')).pid,
        process.pid,
      );
      await lock.release();
      await stop(child);
    },
  );

  test('an empty lock folder (an older version crashed before writing owner.json) is taken', async () => {
    const { lockDir } = await fresh();
    await mkdir(lockDir);
    const lock = await acquireLock(lockDir);
    assert.equal(JSON.parse(await readFile(join(lockDir, 'owner.json'), 'utf8')).pid, process.pid);
    await lock.release();
  });

  test('a lock folder without owner.json is not broken while it is fresh: its writer may still hold it', async () => {
    const { lockDir } = await fresh();
    const child = await sleeper();
    children.push(child);
    // An older version's winner between its mkdir and its owner.json (not empty: rename would
    // replace an empty folder).
    await mkdir(lockDir);
    await writeFile(join(lockDir, 'partial'), '');
    let settled = false;
    const attempt = acquireLock(lockDir).finally(() => (settled = true));
    // Handled now: it may reject as soon as owner.json is whole, before assert.rejects below runs.
    attempt.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(settled, false, 'still waiting');
    assert.deepEqual(await readdir(lockDir), ['partial'], 'left as it was');
    await writeFile(
      join(lockDir, 'owner.json'),
      JSON.stringify({ pid: child.pid, startTime: processStartTime(child.pid) }),
    );
    await assert.rejects(
      attempt,
      (error: unknown) => error instanceof StoreLockedError && error.ownerPid === child.pid,
    );
    await stop(child);
  });

  test('a lock folder without owner.json that has not changed for 5 s is a leftover: broken at once', async () => {
    const { parent, lockDir } = await fresh();
    await mkdir(lockDir);
    await writeFile(join(lockDir, 'partial'), '');
    const old = new Date(Date.now() - 10_000);
    await utimes(lockDir, old, old);
    const started = Date.now();
    const lock = await acquireLock(lockDir);
    assert.ok(Date.now() - started < 1_000, `took ${Date.now() - started} ms`);
    assert.equal(JSON.parse(await readFile(join(lockDir, 'owner.json'), 'utf8')).pid, process.pid);
    assert.deepEqual(await readdir(parent), ['store.lock']);
    await lock.release();
  });

  test('a stalled winner holds nothing until its folder, owner.json inside, is renamed into place', async () => {
    const { parent, lockDir } = await fresh();
    const child = await sleeper();
    children.push(child);
    // What acquiring makes before its rename: a private folder with owner.json. Stalled there, its
    // process does not hold the lock, and the folder is not taken for a leftover while it lives.
    const temp = `${lockDir}.new-${child.pid}-0123abcd`;
    await mkdir(temp);
    await writeFile(
      join(temp, 'owner.json'),
      JSON.stringify({ pid: child.pid, startTime: processStartTime(child.pid) }),
    );
    const lock = await acquireLock(lockDir);
    assert.deepEqual((await readdir(parent)).sort(), [
      'store.lock',
      'store.lock.new-' + child.pid + '-0123abcd',
    ]);
    // Its rename now fails: the lock is held, and stays this process's.
    await assert.rejects(rename(temp, lockDir), (error: NodeJS.ErrnoException) =>
      ['ENOTEMPTY', 'EEXIST'].includes(error.code ?? ''),
    );
    assert.equal(JSON.parse(await readFile(join(lockDir, 'owner.json'), 'utf8')).pid, process.pid);
    await lock.release();
    await rm(temp, { recursive: true });
    await stop(child);
  });

  test("leftover folders of dead processes (a crash between mkdir and rename) are removed; a live one's are kept", async () => {
    const { parent, lockDir } = await fresh();
    const dead = await deadPid();
    const child = await sleeper();
    children.push(child);
    await mkdir(`${lockDir}.new-${dead}-00aa`);
    await mkdir(`${lockDir}.stale-${dead}-11bb`);
    await mkdir(`${lockDir}.new-${child.pid}-22cc`);
    const lock = await acquireLock(lockDir);
    assert.deepEqual((await readdir(parent)).sort(), [
      'store.lock',
      `store.lock.new-${child.pid}-22cc`,
    ]);
    await lock.release();
    await stop(child);
  });

  test('a released Lock does not release a later hold of the same folder', async () => {
    const { lockDir } = await fresh();
    const first = await acquireLock(lockDir);
    await first.release();
    const second = await acquireLock(lockDir);
    await first.release();
    await assert.rejects(acquireLock(lockDir), StoreLockedError);
    assert.equal(JSON.parse(await readFile(join(lockDir, 'owner.json'), 'utf8')).pid, process.pid);
    await second.release();
  });

  test('8 processes taking turns on one lock: never two holders at once, nothing left behind', async () => {
    const { parent, lockDir } = await fresh();
    const markers = join(dir, `markers-${n}`);
    await mkdir(markers);
    const results = await lockContenders(lockDir, join(markers, 'inside'), 8, 25);
    assert.deepEqual(
      results.map((r) => r.clashes),
      Array(8).fill(0),
      'a clash means two processes held the lock at once',
    );
    assert.deepEqual(
      results.map((r) => r.won),
      Array(8).fill(25),
    );
    assert.deepEqual(await readdir(parent), []);
  });

  test('release does not remove a lock that another process has taken since', async () => {
    const { lockDir } = await fresh();
    const lock = await acquireLock(lockDir);
    const child = await sleeper();
    children.push(child);
    await writeFile(
      join(lockDir, 'owner.json'),
      JSON.stringify({ pid: child.pid, startTime: processStartTime(child.pid) }),
    );
    await lock.release();
    assert.equal(JSON.parse(await readFile(join(lockDir, 'owner.json'), 'utf8')).pid, child.pid);
    await stop(child);
  });

  test('a missing parent folder is an error, not a retry loop', async () => {
    await assert.rejects(acquireLock(join(dir, 'no-such-parent', 'store.lock')), {
      code: 'ENOENT',
    });
  });
});
