/**
 * @module Runs a full-screen Ink view until it quits, and gives the terminal back as it was.
 *
 * The view draws on the terminal's alternate screen (like less or htop), so quitting brings back
 * the shell's screen and scrollback untouched; the cursor is hidden meanwhile. Both are undone on
 * every way out: a normal quit, an error, and the process exiting early (an uncaught error).
 */
import { render } from 'ink';
import type { ReactNode } from 'react';

/** The streams a view uses (the process's own in the CLI). */
export interface InkIo {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
}

const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';
const HIDE_CURSOR = '\u001B[?25l';
const SHOW_CURSOR = '\u001B[?25h';

/**
 * Runs `view` (which renders and resolves when it has quit) on the alternate screen, then restores
 * the terminal and lets go of stdin.
 */
export async function fullScreen(
  io: Pick<InkIo, 'stdout' | 'stdin'>,
  view: () => Promise<void>,
): Promise<void> {
  const { stdout, stdin } = io;
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
  };
  // Synchronous, so it also runs when the process exits before the view has unmounted.
  process.once('exit', restore);
  stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR);
  try {
    await view();
  } finally {
    restore();
    process.off('exit', restore);
    // Ink leaves stdin referenced after raw mode; the CLI must be able to end once the view is gone.
    stdin.pause();
    stdin.unref?.();
  }
}

/**
 * Renders `node` full screen and resolves once it has quit (the view calls Ink's `exit()`, or
 * Ctrl-C) and the terminal is restored. SIGTERM and SIGHUP quit it the same way.
 */
export function runInk(node: ReactNode, io: InkIo): Promise<void> {
  return fullScreen(io, async () => {
    const instance = render(node, {
      stdout: io.stdout,
      stdin: io.stdin,
      stderr: io.stderr,
      exitOnCtrlC: true,
      patchConsole: false,
    });
    const quit = (): void => instance.unmount();
    process.once('SIGTERM', quit);
    process.once('SIGHUP', quit);
    try {
      await instance.waitUntilExit();
    } finally {
      process.off('SIGTERM', quit);
      process.off('SIGHUP', quit);
      instance.cleanup();
    }
  });
}
