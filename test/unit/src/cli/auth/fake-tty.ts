/**
 * @module A fake terminal for the prompt tests: a PassThrough with raw mode, recording every mode
 * change, and a recording output.
 */
import { PassThrough } from 'node:stream';

export class FakeTty extends PassThrough {
  readonly isTTY = true;
  isRaw = false;
  /** Every setRawMode argument, in order. */
  readonly modes: boolean[] = [];
  /** When set, setRawMode(false) throws this (a terminal that went away). */
  failRestore: Error | null = null;

  setRawMode(mode: boolean): this {
    this.modes.push(mode);
    if (!mode && this.failRestore !== null) throw this.failRestore;
    this.isRaw = mode;
    return this;
  }

  /** Sends keys as one chunk. */
  type(keys: string | Buffer): void {
    this.write(keys);
  }
}

export class FakeOutput {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** The listeners the prompt may leave behind if it does not clean up. */
export function promptListeners(tty: FakeTty): number {
  return tty.listenerCount('data') + tty.listenerCount('end') + tty.listenerCount('error');
}
