/**
 * @module A lowdb adapter that writes JSON atomically and durably.
 *
 * lowdb's own JSONFile renames a temp file into place but never fsyncs, so an acknowledged change
 * can vanish on power loss. Here each write goes to a fresh temp file (mode 0600), is fsynced,
 * renamed over the target, and the folder is fsynced so the rename itself is durable.
 */
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { StoreCorruptError } from './errors.js';

let counter = 0;

export class DurableJsonFile<T> implements Adapter<T> {
  constructor(readonly file: string) {}

  /** @returns the parsed file, or null when it does not exist. @throws StoreCorruptError */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreCorruptError(this.file, `cannot be read (${(error as Error).message})`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new StoreCorruptError(this.file, `is not valid JSON (${(error as Error).message})`);
    }
    // null is what a missing file reads as, so a file holding null (or 0, "", []) is corrupt.
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new StoreCorruptError(this.file, 'does not hold a JSON object');
    }
    return parsed as T;
  }

  async write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    const tmp = `${this.file}.tmp-${process.pid}-${++counter}`;
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
    await handle.close();
    try {
      await rename(tmp, this.file);
    } catch (error) {
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
    const dir = await open(dirname(this.file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  /** Removes temp files a crash left behind. Only the lock holder may call this. */
  async removeLeftovers(): Promise<number> {
    const prefix = `${basename(this.file)}.tmp-`;
    const names = await readdir(dirname(this.file)).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      if (name.startsWith(prefix)) {
        await unlink(join(dirname(this.file), name)).catch(() => undefined);
        removed++;
      }
    }
    return removed;
  }
}
