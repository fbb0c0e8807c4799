/**
 * @module An exclusive, crash-safe lock that is a folder: the daemon's lock on its store, and the
 * clients' lock on starting a daemon (so that many clients at once start one, not one each).
 *
 * The lock is created whole: a private folder (`<lock>.new-<pid>-<random>`) gets owner.json (pid
 * and process start time) and is then renamed onto `<lock>`. Renaming a folder onto an existing,
 * non-empty one fails, so exactly one process wins, and the lock never exists without its owner —
 * a winner that stalls before writing cannot lose its lock to a second process that mistakes it
 * for a crash. A lock whose owner is gone (or whose pid now belongs to another process, told apart
 * by start time) is stale and is broken by renaming it away first, so two processes breaking the
 * same stale lock cannot both win. A lock folder without owner.json can only be left by an older
 * version or a crash of one, and is broken once it is {@link ORPHAN_AGE_MS} old.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { processAlive, processStartTime } from './process-state.js';

/** What a lock's owner.json says. */
export interface LockOwner {
  pid: number;
  startTime: string | null;
  /**
   * The socket the holder serves (the daemon's store lock): clients of another socket can tell at
   * once that the store is held by a daemon they will never reach. Absent for other holders.
   */
  socket?: string;
}

/** Age after which a lock folder without owner.json is taken for a crash's leftover. */
export const ORPHAN_AGE_MS = 5_000;

/** Lock folders this process holds: a second open in the same process must fail, not steal. */
const heldHere = new Set<string>();

function isAlive(owner: LockOwner): boolean {
  if (!processAlive(owner.pid)) return false;
  if (owner.startTime === null) return true;
  const now = processStartTime(owner.pid);
  return now === null || now === owner.startTime;
}

/** True when `owner` holds `lockDir`: a live other process, or this one through a Lock it has not released. */
function holds(lockDir: string, owner: LockOwner): boolean {
  return owner.pid === process.pid ? heldHere.has(lockDir) : isAlive(owner);
}

/**
 * Read synchronously: the file is tiny and local, and clients waiting for a daemon read it over
 * and over — promises/readFile's four thread-pool trips each time cost those 200 waiting
 * processes the CPU the daemon they wait for needs.
 */
function readOwner(lockDir: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(join(lockDir, 'owner.json'), 'utf8')) as LockOwner;
    if (typeof parsed.pid !== 'number') return null;
    return typeof parsed.socket === 'string'
      ? parsed
      : { pid: parsed.pid, startTime: parsed.startTime };
  } catch {
    return null;
  }
}

/** Milliseconds since the folder last changed, or null when it is not there. */
async function ageOf(dir: string): Promise<number | null> {
  try {
    return Date.now() - (await stat(dir)).mtimeMs;
  } catch {
    return null;
  }
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** A held lock. */
export interface Lock {
  readonly dir: string;
  release(): Promise<void>;
}

/**
 * The pid of the live process that holds the lock, or null when nobody (alive) holds it.
 */
export function liveOwner(lockDir: string): number | null {
  return liveOwnerRecord(lockDir)?.pid ?? null;
}

/** The owner record of the live process that holds the lock, or null when nobody (alive) does. */
export function liveOwnerRecord(lockDir: string): LockOwner | null {
  const owner = readOwner(lockDir);
  return owner !== null && isAlive(owner) ? owner : null;
}

/**
 * Takes the lock, or throws what `held` makes of the live owner's pid.
 *
 * @param lockDir - the folder that is the lock (created here; its parent must exist).
 * @param about - recorded in owner.json beside the pid (see {@link LockOwner.socket}).
 */
export async function acquireDirLock(
  lockDir: string,
  held: (ownerPid: number) => Error,
  about: { socket?: string } = {},
): Promise<Lock> {
  // Bounded: each turn either finds a holder (and throws), breaks a stale lock, or waits for a
  // lock folder without owner.json to be released or to grow old enough to break.
  const deadline = Date.now() + ORPHAN_AGE_MS + 5_000;
  while (Date.now() < deadline) {
    if (await create(lockDir, about)) {
      heldHere.add(lockDir);
      await sweepLeftovers(lockDir);
      return heldLock(lockDir);
    }
    const owner = readOwner(lockDir);
    if (owner !== null) {
      if (holds(lockDir, owner)) throw held(owner.pid);
      await breakLock(lockDir);
      continue;
    }
    const age = await ageOf(lockDir);
    if (age === null) continue; // released since: try again at once
    if (age >= ORPHAN_AGE_MS) await breakLock(lockDir);
    else await sleep(50);
  }
  throw new Error(`could not take the lock ${lockDir}`);
}

/** Creates the lock whole; false when it exists already. */
async function create(lockDir: string, about: { socket?: string }): Promise<boolean> {
  const temp = `${lockDir}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(temp, { mode: 0o700 });
  try {
    const owner: LockOwner = {
      pid: process.pid,
      startTime: processStartTime(process.pid),
      ...(about.socket === undefined ? {} : { socket: about.socket }),
    };
    await writeFile(join(temp, 'owner.json'), JSON.stringify(owner), { mode: 0o600 });
    await rename(temp, lockDir);
    return true;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    const code = errno(error);
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    throw error;
  }
}

function heldLock(lockDir: string): Lock {
  let released = false;
  return {
    dir: lockDir,
    release: async () => {
      // Once only: a later Lock of this process on the same folder is not this one's to release.
      if (released) return;
      released = true;
      const current = readOwner(lockDir);
      if (current?.pid === process.pid) {
        // Moved away whole first, so that nobody sees the folder without its owner.json.
        const aside = `${lockDir}.released-${process.pid}-${randomBytes(4).toString('hex')}`;
        const moved = await rename(lockDir, aside).then(
          () => true,
          () => false,
        );
        heldHere.delete(lockDir);
        if (moved) await rm(aside, { recursive: true, force: true });
      } else {
        heldHere.delete(lockDir);
      }
    },
  };
}

/** Moves a stale lock away and removes it, unless what was moved turns out to be held. */
async function breakLock(lockDir: string): Promise<void> {
  const aside = `${lockDir}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockDir, aside);
  } catch {
    return; // someone else moved it first
  }
  const moved = readOwner(aside);
  const fresh = moved === null && ((await ageOf(aside)) ?? Infinity) < ORPHAN_AGE_MS;
  if ((moved !== null && holds(lockDir, moved)) || fresh) {
    // We raced and moved a lock taken since we judged it: put it back. This fails only if a
    // third process took the free name meanwhile; the holder's release then leaves that one be.
    const restored = await rename(aside, lockDir).then(
      () => true,
      () => false,
    );
    if (restored) return;
  }
  await rm(aside, { recursive: true, force: true });
}

/** Removes the temporary folders of processes that died between creating and renaming them. */
async function sweepLeftovers(lockDir: string): Promise<void> {
  const prefix = `${basename(lockDir)}.`;
  let entries: string[];
  try {
    entries = await readdir(dirname(lockDir));
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(
      /^(?:new|stale|released)-(\d+)-[0-9a-f]+$/.exec(entry.slice(prefix.length))?.[1] ?? NaN,
    );
    if (Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) {
      await rm(join(dirname(lockDir), entry), { recursive: true, force: true });
    }
  }
}
