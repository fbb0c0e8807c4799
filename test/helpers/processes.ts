/**
 * @module Real processes for tests about process state (locks, daemon starts).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The pid of a process that has exited (and been reaped): nobody is alive under it. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await once(child, 'exit');
  assert.ok(child.pid !== undefined);
  return child.pid;
}

/**
 * A child that takes the folder lock `lockDir` `rounds` times through the real dir-lock module,
 * retrying while it is held. While it holds the lock it creates `marker` exclusively, waits a
 * little and removes it: a clash (the marker already there, or gone before its own removal) means
 * two processes held the lock at once. Prints `{"won":n,"clashes":n}`.
 */
const CONTENDER = `
import { unlink, writeFile } from 'node:fs/promises';
const { acquireDirLock } = await import(process.env.DIR_LOCK_MODULE);
const [lockDir, marker, rounds] = process.argv.slice(2);
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
let won = 0;
let clashes = 0;
const until = Date.now() + 60_000;
while (won < Number(rounds) && Date.now() < until) {
  let lock;
  try {
    lock = await acquireDirLock(lockDir, (pid) => Object.assign(new Error('held'), { heldBy: pid }));
  } catch (error) {
    if (error.heldBy === undefined) throw error;
    await pause(Math.random() * 4);
    continue;
  }
  await writeFile(marker, String(process.pid), { flag: 'wx' }).catch(() => clashes++);
  await pause(1 + Math.random() * 2);
  await unlink(marker).catch(() => clashes++);
  await lock.release();
  won++;
}
process.stdout.write(JSON.stringify({ won, clashes }));
`;

/** Runs `count` {@link CONTENDER} processes on one lock at once; resolves with each one's result. */
export async function lockContenders(
  lockDir: string,
  marker: string,
  count: number,
  rounds: number,
): Promise<Array<{ won: number; clashes: number }>> {
  const dirLock = fileURLToPath(new URL('../../src/protocol/dir-lock.ts', import.meta.url));
  const script = join(dirname(marker), 'contender.mjs');
  await writeFile(script, CONTENDER);
  const runs = Array.from({ length: count }, async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, lockDir, marker, String(rounds)],
      {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: { ...process.env, DIR_LOCK_MODULE: pathToFileURL(dirLock).href },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const [code] = (await once(child, 'close')) as [number | null];
    assert.equal(code, 0, `contender ${child.pid} failed: ${err}`);
    return JSON.parse(out) as { won: number; clashes: number };
  });
  return Promise.all(runs);
}
