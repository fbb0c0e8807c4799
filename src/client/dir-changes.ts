/**
 * @module Waiting for something to change in a few folders, instead of polling them.
 *
 * Clients waiting for another to start the daemon sleep here until the socket or a lock appears
 * or goes (inotify on Linux), with a timeout as the fallback for folders that cannot be watched.
 * Two hundred clients polling every 100 ms instead take the CPU the daemon needs to start.
 */
import { type FSWatcher, watch } from 'node:fs';

export class DirChanges {
  private readonly watchers: FSWatcher[] = [];
  private wake: (() => void) | null = null;
  /** A change came while nobody waited: the next wait returns at once. */
  private pending = false;

  constructor(dirs: readonly string[]) {
    for (const dir of new Set(dirs)) {
      try {
        const watcher = watch(dir, { persistent: false }, () => this.changed());
        watcher.on('error', () => undefined);
        this.watchers.push(watcher);
      } catch {
        // Not there (yet), or not watchable: the timeout of wait() still wakes the caller.
      }
    }
  }

  private changed(): void {
    if (this.wake === null) this.pending = true;
    else this.wake();
  }

  /** Resolves at the next change in a watched folder (at once if one came since the last wait), or after `ms`. */
  async wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }

  close(): void {
    for (const watcher of this.watchers) watcher.close();
    this.watchers.length = 0;
  }
}
