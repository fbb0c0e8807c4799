/**
 * @module Asking for a password on a terminal: raw mode, nothing echoed, the mode put back after.
 *
 * Nothing is printed per key (not even `*`), so neither the password nor its length shows on the
 * screen or in a terminal recording. The streams are parameters: tests drive the prompt with fake
 * ones and the CLI passes its own.
 */
import { StringDecoder } from 'node:string_decoder';
import { AppError, InvalidInputError } from '../../protocol/errors.js';
import { PasswordKeyEditor } from './key-editor.js';

/** The longest password accepted from a prompt or stdin, in UTF-8 bytes. */
export const MAX_PASSWORD_BYTES = 4096;

/** The parts of a `tty.ReadStream` the prompt uses. */
export interface TtyInput {
  readonly isTTY?: boolean;
  /** The mode before the prompt, put back afterwards; absent counts as cooked. */
  readonly isRaw?: boolean;
  setRawMode(mode: boolean): unknown;
  on(event: string, listener: (...args: never[]) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
  resume(): unknown;
  pause(): unknown;
  /** true when the stream was already flowing; null or absent when nobody has read it yet. */
  readonly readableFlowing?: boolean | null;
}

/** Where the prompt text goes: the CLI passes stderr, so that stdout stays data only. */
export interface PromptOutput {
  write(text: string): unknown;
}

export interface PromptOptions {
  input: TtyInput;
  output: PromptOutput;
  /** Shown before the password, e.g. `'Password: '`. */
  prompt: string;
  /** When set, the password is asked a second time with this text and both must be equal. */
  confirm?: string;
  /** The longest password accepted, in UTF-8 bytes; default {@link MAX_PASSWORD_BYTES}. */
  maxBytes?: number;
}

/**
 * Ctrl-C at the prompt, or the terminal closed under it.
 *
 * A class of its own so that the CLI can tell "the person gave up" from a refused password and
 * leave quietly; its code is INVALID_INPUT (nothing was changed, the command did not run).
 */
export class PromptCancelledError extends AppError {
  constructor(message = 'password entry cancelled') {
    super('INVALID_INPUT', message, { details: { field: 'password', reason: 'cancelled' } });
  }
}

function checkOptions(options: PromptOptions): number {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('promptPassword: options must be an object');
  const { input, output } = options;
  if (
    typeof input !== 'object' ||
    input === null ||
    input.isTTY !== true ||
    typeof input.setRawMode !== 'function'
  ) {
    throw new TypeError(
      'promptPassword: options.input must be a TTY stream (isTTY and setRawMode)',
    );
  }
  if (typeof output !== 'object' || output === null || typeof output.write !== 'function') {
    throw new TypeError('promptPassword: options.output must be a writable stream');
  }
  if (typeof options.prompt !== 'string')
    throw new TypeError('promptPassword: options.prompt must be a string');
  if (options.confirm !== undefined && typeof options.confirm !== 'string') {
    throw new TypeError('promptPassword: options.confirm must be a string');
  }
  const maxBytes = options.maxBytes ?? MAX_PASSWORD_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new TypeError('promptPassword: options.maxBytes must be a positive integer');
  }
  return maxBytes;
}

/**
 * Asks for a password without echo; with `confirm`, asks twice and refuses a mismatch.
 *
 * Enter or Ctrl-D ends a line, Backspace deletes a character, Ctrl-U the whole line.
 *
 * @returns the password (never empty).
 * @throws PromptCancelledError on Ctrl-C or when the input ends; InvalidInputError for an empty
 *   password, one over `maxBytes`, or two answers that differ ("passwords do not match").
 */
export async function promptPassword(options: PromptOptions): Promise<string> {
  const maxBytes = checkOptions(options);
  const { input, output } = options;
  const prompts =
    options.confirm === undefined ? [options.prompt] : [options.prompt, options.confirm];
  const wasRaw = input.isRaw === true;
  // Stdin left flowing keeps the process alive after the command: pause it unless it was flowing.
  const wasFlowing = input.readableFlowing === true;
  const listeners: [string, (...args: never[]) => void][] = [];
  try {
    input.setRawMode(true);
    return await new Promise<string>((resolve, reject) => {
      const decoder = new StringDecoder('utf8');
      const answers: string[] = [];
      let editor = new PasswordKeyEditor(maxBytes);
      let settled = false;
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        output.write('\n');
        reject(error);
      };
      const handle = (text: string): void => {
        let rest = text;
        while (!settled) {
          const result = editor.feed(rest);
          if (result.kind === 'pending') return;
          if (result.kind === 'cancelled') return fail(new PromptCancelledError());
          if (result.kind === 'too-long') {
            return fail(
              new InvalidInputError(`the password is longer than ${maxBytes} bytes`, 'password'),
            );
          }
          if (result.value === '')
            return fail(new InvalidInputError('the password is empty', 'password'));
          // Raw mode does not echo the Enter either: end the line so the next output starts clean.
          output.write('\n');
          answers.push(result.value);
          const next = prompts[answers.length];
          if (next === undefined) {
            settled = true;
            if (answers.length === 2 && answers[0] !== answers[1]) {
              reject(new InvalidInputError('passwords do not match', 'password'));
            } else resolve(result.value);
            return;
          }
          output.write(next);
          editor = new PasswordKeyEditor(maxBytes);
          rest = result.rest;
        }
      };
      const on = (event: string, listener: (...args: never[]) => void): void => {
        listeners.push([event, listener]);
        input.on(event, listener);
      };
      on('data', (chunk: Buffer | string) =>
        handle(typeof chunk === 'string' ? chunk : decoder.write(chunk)),
      );
      on('end', () =>
        fail(new PromptCancelledError('the terminal closed before the password was entered')),
      );
      on('error', (error: NodeJS.ErrnoException) =>
        fail(
          new PromptCancelledError(
            `the terminal failed while reading the password (${error.code ?? error.name})`,
          ),
        ),
      );
      output.write(prompts[0] as string);
      input.resume();
    });
  } finally {
    for (const [event, listener] of listeners) input.removeListener(event, listener);
    try {
      input.setRawMode(wasRaw);
    } catch {
      // Only a terminal that is gone refuses its mode back; the prompt's own outcome says more.
    }
    if (!wasFlowing) input.pause();
  }
}
