/**
 * Test fixture: a Unix socket server that answers completion queries the way the daemon does (or
 * refuses, or stays silent), and records the frames it got.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Behaviour = 'answer' | 'refuse' | 'silent' | 'garbage' | 'close';

export interface FakeDaemon {
  socketPath: string;
  /** Every frame received, parsed. */
  frames: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function fakeDaemon(behaviour: Behaviour, result: unknown = {}): Promise<FakeDaemon> {
  const dir = mkdtempSync(join(tmpdir(), 'cbq-'));
  const socketPath = join(dir, 'd.sock');
  const frames: Record<string, unknown>[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const frame = JSON.parse(line) as Record<string, unknown>;
        frames.push(frame);
        if (behaviour === 'silent') continue;
        if (behaviour === 'close') return void socket.destroy();
        if (behaviour === 'garbage') return void socket.write('{not json\n');
        const id = frame['id'];
        if (frame['method'] === 'daemon.hello') {
          socket.write(
            `${JSON.stringify({ jsonrpc: '2.0', id, result: { version: '9.9.9', protocol: 1, pid: 1 } })}\n`,
          );
        } else if (behaviour === 'refuse') {
          const error = { code: 1005, message: 'needs a login', data: { code: 'UNAUTHORISED' } };
          socket.write(`${JSON.stringify({ jsonrpc: '2.0', id, error })}\n`);
        } else {
          socket.write(`${JSON.stringify({ jsonrpc: '2.0', id, result })}\n`);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    frames,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
