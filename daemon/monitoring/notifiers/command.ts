/**
 * @module The command channel: runs a program (never through a shell) with the notification as
 * JSON on its stdin. Exit 0 is sent; anything else is a retryable failure that quotes the exit
 * code and the start of stderr.
 *
 * The program gets a process group of its own: at the timeout the whole group gets SIGTERM, and
 * SIGKILL if it is still there after a grace period, so a script's children die with it.
 */
import { spawn } from 'node:child_process';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { integer, text, type ChannelKind } from './channel-kind.js';
import { DeliveryError, type SendResult } from './notification.js';
import { excerpt } from './redact.js';

/** How long a program may take after SIGTERM before it gets SIGKILL. */
export const KILL_GRACE_MS = 1000;
/** At most this many bytes of stderr are kept (the message quotes 200 of them). */
const STDERR_KEEP = 4096;

const options = z.strictObject({
  path: text(4096).refine(isAbsolute, 'must be an absolute path'),
  args: z
    .array(text(4096), { error: 'must be a list of strings' })
    .max(64, 'must have at most 64 items')
    .optional(),
  /** Milliseconds; the delivery's own timeout still applies when it is shorter. */
  timeoutMs: integer(100, 600_000).optional(),
});
export type CommandOptions = z.infer<typeof options>;

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the whole group is already gone.
  }
}

/** Runs the program once; resolves with the result or rejects with a DeliveryError. */
function run(
  opts: CommandOptions,
  input: string,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<SendResult> {
  const name = `command '${opts.path}'`;
  return new Promise((resolve, reject) => {
    if (signal.aborted)
      return reject(new DeliveryError(`${name} was not started: the delivery was aborted`, true));
    const child = spawn(opts.path, opts.args ?? [], {
      shell: false,
      detached: true,
      stdio: ['pipe', 'ignore', 'pipe'],
      windowsHide: true,
    });
    let stderr = Buffer.alloc(0);
    let stopped: string | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (why: string): void => {
      if (stopped !== undefined) return;
      stopped = why;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
    };
    const timer = setTimeout(() => stop(`timed out after ${timeoutMs} ms`), timeoutMs);
    const onAbort = (): void => stop('was aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    const cleanUp = (): void => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      signal.removeEventListener('abort', onAbort);
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_KEEP)
        stderr = Buffer.concat([stderr, chunk]).subarray(0, STDERR_KEEP);
    });
    // A program that does not read its stdin closes the pipe: EPIPE is not a failure.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
    child.once('error', (error: NodeJS.ErrnoException) => {
      cleanUp();
      // Missing or not executable: trying again will not help until someone fixes the channel.
      const permanent = error.code === 'ENOENT' || error.code === 'EACCES';
      reject(new DeliveryError(`cannot run ${name}: ${error.code ?? error.message}`, !permanent));
    });
    // Anything the program left behind would hold the stderr pipe open and stall 'close'.
    child.once('exit', () => killGroup(child.pid, 'SIGKILL'));
    child.once('close', (code: number | null, sig: NodeJS.Signals | null) => {
      cleanUp();
      const said = excerpt(stderr.subarray(0, 200).toString('utf8'));
      const tail = said === '' ? '' : `: ${said}`;
      if (stopped !== undefined)
        return reject(new DeliveryError(`${name} ${stopped} (killed)${tail}`, true));
      if (code === 0) return resolve({ detail: 'exit 0' });
      const how = code === null ? `was killed by ${sig ?? 'a signal'}` : `exited with code ${code}`;
      return reject(new DeliveryError(`${name} ${how}${tail}`, true));
    });
  });
}

export const commandKind: ChannelKind<CommandOptions> = {
  type: 'command',
  options,
  secretFields: [],
  templates: {},
  create(opts) {
    return {
      type: 'command',
      send(notification, context): Promise<SendResult> {
        const timeoutMs = Math.min(opts.timeoutMs ?? context.timeoutMs, context.timeoutMs);
        return run(opts, `${JSON.stringify(notification)}\n`, context.signal, timeoutMs);
      },
    };
  },
};
