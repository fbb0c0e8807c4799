/**
 * @module How the CLI gets a password: from stdin with `--password-stdin`, else by asking on the
 * terminal, never from an argv value (which `ps` and the shell history would keep).
 *
 * @example
 * ```ts
 * const password = await readNewPassword({ stdin: deps.stdin, stdout: deps.stderr, passwordStdin: options.passwordStdin === true });
 * ```
 */
import { InvalidInputError } from '../../protocol/errors.js';
import { readPasswordFromStdin } from './stdin-password.js';
import { promptPassword, type PromptOutput, type TtyInput } from './tty-prompt.js';

export { readPasswordFromStdin, type StdinPasswordOptions } from './stdin-password.js';
export {
  MAX_PASSWORD_BYTES,
  PromptCancelledError,
  promptPassword,
  type PromptOptions,
  type PromptOutput,
  type TtyInput,
} from './tty-prompt.js';

export interface ReadPasswordOptions {
  /** The CLI's stdin: read whole with `passwordStdin`, else used as the terminal when it is one. */
  stdin: NodeJS.ReadableStream & Partial<TtyInput>;
  /**
   * Where the prompts go. Pass stderr when stdout may be piped (with --json, for instance): the
   * prompt is for the person at the terminal, not part of the command's data.
   */
  stdout: PromptOutput;
  /** `--password-stdin` was given. */
  passwordStdin: boolean;
  /** The first prompt; default `'Password: '`. */
  prompt?: string;
  /** The longest password accepted, in UTF-8 bytes; default 4096. */
  maxBytes?: number;
}

export interface ReadNewPasswordOptions extends ReadPasswordOptions {
  /** The confirmation prompt; default `'Repeat the password: '`. */
  confirm?: string;
}

const NO_TERMINAL = 'no terminal to ask for the password; pipe it with --password-stdin';

function checkOptions(fn: string, options: ReadPasswordOptions): void {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`${fn}: options must be an object`);
  if (typeof options.passwordStdin !== 'boolean')
    throw new TypeError(`${fn}: options.passwordStdin must be a boolean`);
  if (typeof options.stdin !== 'object' || options.stdin === null)
    throw new TypeError(`${fn}: options.stdin must be a readable stream`);
}

function isTerminal(
  stdin: ReadPasswordOptions['stdin'],
): stdin is ReadPasswordOptions['stdin'] & TtyInput {
  return stdin.isTTY === true && typeof stdin.setRawMode === 'function';
}

async function read(options: ReadNewPasswordOptions, confirm: string | undefined): Promise<string> {
  const { stdin, maxBytes } = options;
  if (options.passwordStdin)
    return readPasswordFromStdin(stdin, maxBytes === undefined ? {} : { maxBytes });
  if (!isTerminal(stdin)) throw new InvalidInputError(NO_TERMINAL, 'password');
  return promptPassword({
    input: stdin,
    output: options.stdout,
    prompt: options.prompt ?? 'Password: ',
    ...(confirm === undefined ? {} : { confirm }),
    ...(maxBytes === undefined ? {} : { maxBytes }),
  });
}

/**
 * A new password (`security --create-user`): stdin with `passwordStdin`; else asked twice on the
 * terminal; else (piped, no flag) refused, rather than reading a password nobody was asked for.
 *
 * @throws InvalidInputError "no terminal to ask for the password; pipe it with --password-stdin",
 *   and those of {@link readPasswordFromStdin} and {@link promptPassword}.
 */
export async function readNewPassword(options: ReadNewPasswordOptions): Promise<string> {
  checkOptions('readNewPassword', options);
  return read(options, options.confirm ?? 'Repeat the password: ');
}

/** The password for `security --login`: like {@link readNewPassword}, but asked once. */
export async function readPassword(options: ReadPasswordOptions): Promise<string> {
  checkOptions('readPassword', options);
  return read(options, undefined);
}
