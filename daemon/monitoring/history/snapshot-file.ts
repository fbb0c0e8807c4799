/**
 * @module Writing a snapshot to disk atomically and durably, and reading it back.
 *
 * The bytes go to a fresh temp file (mode 0600: history can reveal what runs on the machine),
 * which is fsynced, renamed over the target, and the folder fsynced so the rename itself survives
 * a power cut. A reader therefore sees the old snapshot or the new one, never a torn mix.
 */
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StoreWriteError } from '../../../src/protocol/errors.js';
import { SnapshotError } from './snapshot.js';

let counter = 0;

/** Atomically replaces `file` with `data`. @throws StoreWriteError */
export async function writeFileAtomic(file: string, data: Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${++counter}`;
  try {
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw new StoreWriteError(
      `cannot write history snapshot ${file}: ${(error as Error).message}`,
      error,
    );
  }
  try {
    const dir = await open(dirname(file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch (error) {
    throw new StoreWriteError(
      `cannot sync the folder of history snapshot ${file}: ${(error as Error).message}`,
      error,
    );
  }
}

/** The snapshot bytes, or undefined when there is no file. @throws SnapshotError when it cannot be read. */
export async function readSnapshotFile(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SnapshotError(`cannot be read: ${(error as Error).message}`, file);
  }
}
