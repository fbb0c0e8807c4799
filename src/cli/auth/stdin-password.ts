/**
 * @module Reading a password piped on stdin (`--password-stdin`), so that it never sits in argv,
 * where `ps` and the shell history would show it.
 */
import { InvalidInputError } from '../../protocol/errors.js';
import { MAX_PASSWORD_BYTES } from './tty-prompt.js';

export interface StdinPasswordOptions {
  /** The longest password accepted, in UTF-8 bytes, not counting the trailing newline; default 4096. */
  maxBytes?: number;
}

/**
 * Reads all of `stdin` as the password.
 *
 * One trailing `"\n"` or `"\r\n"` is removed (what `echo` and here-strings add); everything else,
 * spaces and inner newlines included, is kept, since a password may contain them.
 *
 * @throws InvalidInputError when the input is empty, longer than `maxBytes`, not UTF-8, or
 *   unreadable; the message never quotes the input.
 */
export async function readPasswordFromStdin(
  stdin: NodeJS.ReadableStream,
  options: StdinPasswordOptions = {},
): Promise<string> {
  if (typeof stdin !== 'object' || stdin === null || typeof stdin.on !== 'function') {
    throw new TypeError('readPasswordFromStdin: stdin must be a readable stream');
  }
  const maxBytes = options.maxBytes ?? MAX_PASSWORD_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new TypeError('readPasswordFromStdin: options.maxBytes must be a positive integer');
  }
  const tooLong = new InvalidInputError(
    `the password on stdin is longer than ${maxBytes} bytes`,
    'password',
  );
  const raw = await readAll(stdin, maxBytes + 2, tooLong);
  const text = decodeUtf8(raw);
  const password = text.endsWith('\r\n')
    ? text.slice(0, -2)
    : text.endsWith('\n')
      ? text.slice(0, -1)
      : text;
  if (password === '') throw new InvalidInputError('the password on stdin is empty', 'password');
  if (Buffer.byteLength(password) > maxBytes) throw tooLong;
  return password;
}

/** Collects the stream, stopping as soon as it passes `limit` bytes rather than buffering it all. */
function readAll(stdin: NodeJS.ReadableStream, limit: number, tooLong: Error): Promise<Buffer> {
  // Already consumed (by an earlier read): waiting for 'end' would wait forever.
  if ((stdin as { readableEnded?: boolean }).readableEnded === true)
    return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error: Error | null): void => {
      stdin.removeListener('data', onData);
      stdin.removeListener('end', onEnd);
      stdin.removeListener('error', onError);
      // Paused, not destroyed: the stream may be process.stdin, which belongs to the caller.
      stdin.pause();
      if (error === null) resolve(Buffer.concat(chunks, size));
      else reject(error);
    };
    const onData = (chunk: Buffer | string): void => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(buffer);
      size += buffer.length;
      if (size > limit) done(tooLong);
    };
    const onEnd = (): void => done(null);
    const onError = (error: NodeJS.ErrnoException): void =>
      done(
        new InvalidInputError(
          `could not read the password from stdin (${error.code ?? error.name})`,
          'password',
        ),
      );
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', onError);
    stdin.resume();
  });
}

function decodeUtf8(raw: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw);
  } catch {
    throw new InvalidInputError('the password on stdin is not valid UTF-8', 'password');
  }
}
