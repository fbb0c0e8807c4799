/**
 * @module One read-only question to the running daemon, for completion: connect, send the hello
 * and the request in one write, and take the answer — or nothing, within a hard deadline.
 *
 * A shell waits for completion synchronously, so this never starts the daemon, never retries, and
 * turns every failure (no daemon, a refusal, a slow or odd answer) into `undefined`.
 */
import { createConnection } from 'node:net';
import { encodeFrame, FrameDecoder } from '../../protocol/framing.js';
import { isResponse } from '../../protocol/jsonrpc.js';
import { PROTOCOL_VERSION, VERSION } from '../../protocol/version.js';

/** The whole budget of a completion query, connect included (ms). */
export const COMPLETION_DEADLINE_MS = 200;

/** Largest answer read; a bigger one is dropped (nobody tabs through 4 MiB of names). */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export interface QueryOptions {
  socketPath: string;
  method: string;
  params: unknown;
  /** Default {@link COMPLETION_DEADLINE_MS}. */
  deadlineMs?: number;
}

/**
 * Asks the daemon on `socketPath` and resolves with the result, or `undefined` on any failure.
 *
 * The daemon answers a connection's frames in order, so the request rides behind the hello; its
 * answer is used whatever version the daemon has (names read the same), and an error answer —
 * such as a method the operator may not call — also gives `undefined`.
 */
export function queryDaemon(options: QueryOptions): Promise<unknown> {
  const deadlineMs = options.deadlineMs ?? COMPLETION_DEADLINE_MS;
  if (!Number.isFinite(deadlineMs) || deadlineMs <= 0)
    throw new TypeError('"deadlineMs" option must be a positive number');
  return new Promise((resolve) => {
    const decoder = new FrameDecoder(MAX_ANSWER_BYTES);
    const socket = createConnection(options.socketPath);
    let done = false;
    const finish = (value: unknown): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => finish(undefined), deadlineMs);
    socket.once('error', () => finish(undefined));
    socket.once('close', () => finish(undefined));
    socket.once('connect', () => {
      socket.write(
        encodeFrame({
          jsonrpc: '2.0',
          id: 1,
          method: 'daemon.hello',
          params: { client: 'completion', version: VERSION, protocol: PROTOCOL_VERSION },
        }) + encodeFrame({ jsonrpc: '2.0', id: 2, method: options.method, params: options.params }),
      );
    });
    socket.on('data', (chunk: Buffer) => {
      let frames: string[];
      try {
        frames = decoder.push(chunk);
      } catch {
        return finish(undefined);
      }
      for (const frame of frames) {
        let message: unknown;
        try {
          message = JSON.parse(frame);
        } catch {
          return finish(undefined);
        }
        if (!isResponse(message)) continue;
        // A refused hello means the request is refused too.
        if ('error' in message) return finish(undefined);
        if (message.id === 2) return finish(message.result);
      }
    });
  });
}
