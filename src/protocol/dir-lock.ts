/**
 * @module An exclusive, crash-safe lock that is a folder: the daemon's lock on its store, and the
 * clients' lock on starting a daemon (so that many clients at once start one, not one each).
 *
 * `mkdir` is atomic, so the process whose mkdir succeeds owns the lock. The owner writes its pid
 * and process start time inside; a lock whose owner is gone (or whose pid now belongs to another
 * process, told apart by start time) is stale and is broken by renaming it away first, so two
 * processes breaking the same stale lock cannot both win.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { processAlive, processStartTime } from './process-state.js';

interface Owner {
  pid: number;
  startTime: string | null;
}

/** Lock folders this process holds: a second open in the same process must fail, not steal. */
const heldHere = new Set<string>();

function isAlive(owner: Owner): boolean {
  if (!processAlive(owner.pid)) return false;
  if (owner.startTime === null) return true;
  const now = processStartTime(owner.pid);
  return now === null || now === owner.startTime;
}

async function readOwner(lockDir: string): Promise<Owner | null> {
  try {
    const parsed = JSON.parse(await readFile(`${lockDir}/owner.json`, 'utf8')) as Owner;
    return typeof parsed.pid === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

/** A held lock. */
export interface Lock {
  readonly dir: string;
  release(): Promise<void>;
}

/**
 * The pid of the live process that holds the lock, or null when nobody (alive) holds it.
 */
export async function liveOwner(lockDir: string): Promise<number | null> {
  const owner = await readOwner(lockDir);
  return owner !== null && isAlive(owner) ? owner.pid : null;
}

/**
 * Takes the lock, or throws what `held` makes of the live owner's pid.
 *
 * @param lockDir - the folder that is the lock (created here).
 */
export async function acquireDirLock(lockDir: string, held: (ownerPid: number) => Error): Promise<Lock> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await mkdir(lockDir, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await readOwner(lockDir);
      if (owner === null) {
        // Either a crash between mkdir and writing owner.json, or a winner still writing it.
        await new Promise((r) => setTimeout(r, 20));
        const again = await readOwner(lockDir);
        if (again === null && attempt >= 10) await breakLock(lockDir, null);
        continue;
      }
      if (owner.pid === process.pid ? heldHere.has(lockDir) : isAlive(owner)) throw held(owner.pid);
      await breakLock(lockDir, owner);
      continue;
    }
    const owner: Owner = { pid: process.pid, startTime: processStartTime(process.pid) };
    await writeFile(`${lockDir}/owner.json`, JSON.stringify(owner), { mode: 0o600 });
    heldHere.add(lockDir);
    return {
      dir: lockDir,
      release: async () => {
        heldHere.delete(lockDir);
        const current = await readOwner(lockDir);
        if (current?.pid === process.pid) await rm(lockDir, { recursive: true, force: true });
      },
    };
  }
  throw new Error(`could not take the lock ${lockDir}`);
}

async function breakLock(lockDir: string, expected: Owner | null): Promise<void> {
  const aside = `${lockDir}.stale-${process.pid}-${Date.now()}`;
  try {
    await rename(lockDir, aside);
  } catch {
    return; // someone else moved it first
  }
  const moved = await readOwner(aside);
  if (moved !== null && expected !== null && moved.pid !== expected.pid && isAlive(moved)) {
    // We raced and moved a fresh lock; put it back (fails harmlessly if a third party took it).
    await rename(aside, lockDir).catch(() => undefined);
    return;
  }
  await rm(aside, { recursive: true, force: true });
}
