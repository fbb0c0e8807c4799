/**
 * @module Lets Ink and React finish the work a key or a data push started before a frame is read.
 */

/** Waits a few macrotask turns (React batches updates; Ink reads stdin in a `readable` handler). */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Key sequences as a terminal sends them. */
export const KEYS = {
  tab: '\t',
  shiftTab: '\u001B[Z',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;
