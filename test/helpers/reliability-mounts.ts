/**
 * @module Test helper for the disk-trouble test: real mounts, because the tests run as root and
 * root writes through permission bits (chmod 0500 stops nothing).
 *
 * - {@link mountTmpfs}: a small tmpfs of its own, so the test can fill it up.
 * - {@link overmountReadOnly}: the folder turns read-only under a running process. A plain
 *   `mount -o remount,ro` is refused (EBUSY) while a file on it is open for writing, as the
 *   daemon's audit log always is; a read-only bind mount of the folder over itself makes every
 *   new open, create and rename there fail with EROFS, as after an emergency remount.
 * - {@link fillUp}: writes a filler file until the filesystem has no byte left.
 */
import { execFile } from 'node:child_process';
import { mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs mount/umount; the error carries their stderr. */
async function mountCommand(command: 'mount' | 'umount', args: string[]): Promise<void> {
  try {
    await run(command, args);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`${command} ${args.join(' ')} failed: ${stderr.trim() || String(error)}`);
  }
}

/** Mounts a fresh tmpfs of `bytes` at `dir` (created if needed), owner-only. */
export async function mountTmpfs(dir: string, bytes: number): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await mountCommand('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir]);
}

/** Lays a read-only view of `dir` over it (undo with {@link unmount}). */
export async function overmountReadOnly(dir: string): Promise<void> {
  await mountCommand('mount', ['--bind', dir, dir]);
  await mountCommand('mount', ['-o', 'remount,bind,ro', dir]);
}

/** Remounts the tmpfs at `dir` read-only or read-write (refused while a file is open to write). */
export async function remount(dir: string, mode: 'ro' | 'rw'): Promise<void> {
  await mountCommand('mount', ['-o', `remount,${mode}`, dir]);
}

/** Unmounts the top mount at `dir`. */
export async function unmount(dir: string): Promise<void> {
  await mountCommand('umount', [dir]);
}

/**
 * Unmounts everything stacked at `dir`. A process that just died may hold its files open for a
 * moment longer (the kernel closes them after the exit is seen), so "busy" is retried, bounded.
 */
export async function unmountAll(dir: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await run('umount', [dir]);
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      if (!/busy/i.test(stderr)) return; // not mounted (any more)
      await sleep(100);
    }
  }
  throw new Error(`${dir} stayed busy; could not unmount it`);
}

/** True when this process may mount (root, or a container that allows it). */
export async function canMount(scratch: string): Promise<boolean> {
  try {
    await mountTmpfs(scratch, 1024 * 1024);
    await unmount(scratch);
    return true;
  } catch {
    return false;
  }
}

/**
 * Fills the filesystem of `dir` with a filler file until a write of even one byte fails.
 *
 * @returns the filler's path (delete it to free the space).
 */
export async function fillUp(dir: string): Promise<string> {
  const path = join(dir, 'filler');
  const handle = await open(path, 'w', 0o600);
  try {
    for (let chunk = 1024 * 1024; chunk >= 1; chunk = Math.floor(chunk / 2)) {
      const buffer = Buffer.alloc(chunk);
      for (;;) {
        try {
          await handle.write(buffer);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    await handle.close();
  }
  return path;
}

/** Deletes the filler. */
export async function freeUp(filler: string): Promise<void> {
  await unlink(filler);
}
