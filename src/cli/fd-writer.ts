/**
 * @module A writer straight to a file descriptor, for the fast path's one line of output.
 *
 * `process.stdout` on a pipe is a net.Socket: touching it loads node:net and the stream machinery
 * (several ms), which a health check answered from the snapshot otherwise never needs. Writes go
 * out with fs.writeSync; should the descriptor refuse (EAGAIN on a non-blocking pipe), the rest
 * goes through the real stream. TTY questions are answered by the real stream, lazily.
 */
import { writeSync } from 'node:fs';
import type { Writable } from 'node:stream';

type Out = Writable & { isTTY?: boolean; columns?: number };

export function fdWriter(fd: number, real: () => Out): Out {
  const writer = {
    write(chunk: string | Uint8Array): boolean {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      let offset = 0;
      try {
        while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
        return true;
      } catch {
        return real().write(bytes.subarray(offset));
      }
    },
    get isTTY(): boolean | undefined {
      return real().isTTY;
    },
    get columns(): number | undefined {
      return real().columns;
    },
  };
  return writer as unknown as Out;
}
