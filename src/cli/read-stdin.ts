/**
 * @module Reading a command's whole input from stdin, bounded.
 */
import type { Readable } from 'node:stream';
import { InvalidInputError } from '../protocol/errors.js';

/**
 * All of `stdin` as bytes. Refuses more than `maxBytes` (stops reading at once) and, when asked,
 * an interactive terminal (the command would wait for typing nobody expects).
 * @throws InvalidInputError naming `what`.
 */
export async function readStdin(stdin: Readable & { isTTY?: boolean }, what: string, maxBytes: number): Promise<Buffer> {
  if (stdin.isTTY === true) throw new InvalidInputError(`${what} is read from stdin: pipe it in (for example: echo … | clickup-brain …)`, 'stdin');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > maxBytes) {
      stdin.destroy();
      throw new InvalidInputError(`${what} is larger than ${maxBytes} bytes`, 'stdin');
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
