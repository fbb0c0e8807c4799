/**
 * @module Test helper for the reliability suite: a pipelining JSON-RPC client over the daemon's
 * socket that matches replies by id, so a test knows exactly which requests were acknowledged.
 *
 * The CLI's own client would do, but it hides what a crash leaves behind: here a request either
 * resolves (the daemon answered, so the change is durable), rejects with {@link RpcFailure} (the
 * daemon refused it) or rejects with {@link ConnectionLost} (no answer: its fate is unknown).
 */
import { createConnection, type Socket } from 'node:net';
import { frameReader } from './line-frames.js';

/** An error answer from the daemon. */
export class RpcFailure extends Error {
  constructor(
    readonly method: string,
    readonly rpcCode: number,
    readonly code: string,
    message: string,
  ) {
    super(`${method}: ${code}: ${message}`);
    this.name = 'RpcFailure';
  }
}

/** The connection closed before the daemon answered: the request may or may not have happened. */
export class ConnectionLost extends Error {
  constructor(readonly method: string) {
    super(`${method}: the connection closed before an answer`);
    this.name = 'ConnectionLost';
  }
}

export interface RpcClient {
  readonly socket: Socket;
  /** Sends a request and resolves with its result. */
  call<T = Record<string, unknown>>(method: string, params?: unknown): Promise<T>;
  /** Requests sent and not answered yet. */
  readonly pending: number;
  /** Resolves when the connection has closed. */
  readonly closed: Promise<void>;
  close(): void;
}

interface Waiter {
  method: string;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * Connects and (unless `hello` is false) completes the handshake.
 *
 * @param options.client - the name sent in `daemon.hello` (default `reliability`).
 */
export function openRpc(
  socketPath: string,
  options: { hello?: boolean; client?: string } = {},
): Promise<RpcClient> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    const waiting = new Map<number, Waiter>();
    let nextId = 1;
    const closed = new Promise<void>((done) =>
      socket.once('close', () => {
        for (const waiter of waiting.values()) waiter.reject(new ConnectionLost(waiter.method));
        waiting.clear();
        done();
      }),
    );
    socket.on(
      'data',
      frameReader((frame) => {
        const waiter = typeof frame['id'] === 'number' ? waiting.get(frame['id']) : undefined;
        if (waiter === undefined) return; // a notification, or an answer to a bare frame
        waiting.delete(frame['id'] as number);
        if ('result' in frame) waiter.resolve(frame['result']);
        else {
          const error = frame['error'] as {
            code: number;
            message: string;
            data?: { code?: string };
          };
          waiter.reject(
            new RpcFailure(waiter.method, error.code, error.data?.code ?? '', error.message),
          );
        }
      }),
    );
    const client: RpcClient = {
      socket,
      call: <T>(method: string, params?: unknown) =>
        new Promise<T>((res, rej) => {
          if (socket.destroyed) return rej(new ConnectionLost(method));
          const id = nextId++;
          waiting.set(id, { method, resolve: res as (r: unknown) => void, reject: rej });
          socket.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params: params ?? {} })}\n`);
        }),
      get pending() {
        return waiting.size;
      },
      closed,
      close: () => socket.destroy(),
    };
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      // Errors after connecting show up as the close that rejects what is pending.
      socket.on('error', () => undefined);
      if (options.hello === false) return resolve(client);
      client
        .call('daemon.hello', {
          client: options.client ?? 'reliability',
          version: '0.0.0-test',
          protocol: 1,
        })
        .then(() => resolve(client), reject);
    });
  });
}
