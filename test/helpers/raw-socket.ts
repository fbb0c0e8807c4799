/**
 * Test helper: a raw connection to the daemon's socket that sends exact bytes and reads frames.
 */
import { createConnection, type Socket } from 'node:net';
import { frameReader } from './line-frames.js';

export interface RawConnection {
  socket: Socket;
  /** Sends text as it is (add the newline yourself). */
  send(text: string | Buffer): void;
  /** Sends a JSON-RPC request frame. */
  request(method: string, params?: unknown, id?: number | string): void;
  /** Resolves with the next frame the daemon sends, parsed. */
  next(timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves when the daemon closes the connection. */
  closed: Promise<void>;
  close(): void;
}

export function rawConnect(socketPath: string): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    const frames: Array<Record<string, unknown>> = [];
    const waiters: Array<(frame: Record<string, unknown>) => void> = [];
    let nextId = 1;
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.on(
      'data',
      frameReader((frame) => {
        const waiter = waiters.shift();
        if (waiter !== undefined) waiter(frame);
        else frames.push(frame);
      }),
    );
    socket.on('error', () => undefined);
    socket.once('connect', () =>
      resolve({
        socket,
        send: (text) => socket.write(text),
        request: (method, params, id) => socket.write(`${JSON.stringify({ jsonrpc: '2.0', id: id ?? nextId++, method, params })}\n`),
        next: (timeoutMs = 5000) =>
          new Promise((res, rej) => {
            const ready = frames.shift();
            if (ready !== undefined) return res(ready);
            const timer = setTimeout(() => rej(new Error('no frame within timeout')), timeoutMs);
            waiters.push((frame) => {
              clearTimeout(timer);
              res(frame);
            });
          }),
        closed,
        close: () => socket.destroy(),
      }),
    );
    socket.once('error', reject);
  });
}

/** Connects and completes the hello handshake. */
export async function rawHello(socketPath: string, version = '0.0.0-test'): Promise<RawConnection> {
  const conn = await rawConnect(socketPath);
  conn.request('daemon.hello', { client: 'test', version, protocol: 1 }, 'hello');
  const reply = await conn.next();
  if (!('result' in reply)) throw new Error(`hello failed: ${JSON.stringify(reply)}`);
  return conn;
}
