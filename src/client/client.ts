/**
 * @module A JSON-RPC client for the daemon's Unix socket.
 *
 * Requests are matched to responses by id; notifications the daemon pushes are emitted apart from
 * responses. When the socket closes, every pending request is rejected.
 */
import { EventEmitter } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { AppError, RemoteError } from '../protocol/errors.js';
import { DEFAULT_MAX_FRAME_BYTES, encodeFrame, FrameDecoder } from '../protocol/framing.js';
import { isNotification, isResponse, type RequestMessage } from '../protocol/jsonrpc.js';
import type {
  MethodName,
  NotificationName,
  NotificationOf,
  ParamsOf,
  ResultOf,
} from '../protocol/methods.js';

/** Connection-level failure (not an answer from the daemon). */
export class ConnectionError extends AppError {
  constructor(
    code: 'DAEMON_UNREACHABLE' | 'CONNECTION_CLOSED' | 'REQUEST_TIMEOUT',
    message: string,
    readonly errno?: string,
  ) {
    super(code, message);
  }
}

export interface ClientOptions {
  socketPath: string;
  /** Per-request timeout in milliseconds (default 30 s). */
  requestTimeoutMs?: number;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Turns a socket error into a message a person can act on. */
export function describeConnectError(socketPath: string, error: NodeJS.ErrnoException): ConnectionError {
  switch (error.code) {
    case 'ENOENT':
    case 'ECONNREFUSED':
      return new ConnectionError(
        'DAEMON_UNREACHABLE',
        `daemon not running (no listener on ${socketPath}): run \`clickup-brain daemon start\``,
        error.code,
      );
    case 'EACCES':
    case 'EPERM':
      return new ConnectionError(
        'DAEMON_UNREACHABLE',
        `permission denied on ${socketPath}: the socket belongs to another user`,
        error.code,
      );
    default:
      return new ConnectionError('DAEMON_UNREACHABLE', `cannot reach the daemon at ${socketPath}: ${error.message}`, error.code);
  }
}

/**
 * A connection to the daemon. Events: `notification` (name, params), `close`.
 */
export class DaemonClient extends EventEmitter {
  private socket: Socket | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closedError: Error | null = null;
  readonly socketPath: string;
  private readonly timeoutMs: number;

  constructor(options: ClientOptions) {
    super();
    this.socketPath = options.socketPath;
    this.timeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  /** Opens the socket. Rejects with a {@link ConnectionError} naming what to do. */
  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = createConnection(this.socketPath);
      const onError = (error: NodeJS.ErrnoException): void => {
        socket.destroy();
        reject(describeConnectError(this.socketPath, error));
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        this.attach(socket);
        resolve();
      });
    });
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    const decoder = new FrameDecoder(DEFAULT_MAX_FRAME_BYTES * 64);
    socket.on('data', (chunk: Buffer) => {
      let frames: string[];
      try {
        frames = decoder.push(chunk);
      } catch (error) {
        this.fail(new ConnectionError('CONNECTION_CLOSED', `daemon sent an invalid frame: ${(error as Error).message}`));
        return;
      }
      for (const frame of frames) this.onFrame(frame);
    });
    socket.on('error', (error) => this.fail(new ConnectionError('CONNECTION_CLOSED', `connection to the daemon failed: ${error.message}`)));
    socket.on('close', () => this.fail(new ConnectionError('CONNECTION_CLOSED', 'the daemon closed the connection')));
  }

  private onFrame(frame: string): void {
    let message: unknown;
    try {
      message = JSON.parse(frame);
    } catch {
      return;
    }
    if (isResponse(message)) {
      const pending = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
      if (pending === undefined) {
        // An error with a null id answers a frame the daemon could not read at all (oversize).
        if ('error' in message && message.id === null) this.fail(new RemoteError(message.error));
        return;
      }
      this.pending.delete(message.id as number);
      clearTimeout(pending.timer);
      if ('error' in message) pending.reject(new RemoteError(message.error));
      else pending.resolve(message.result);
    } else if (isNotification(message)) {
      this.emit('notification', message.method, message.params);
    }
  }

  private fail(error: Error): void {
    if (this.closedError !== null) return;
    this.closedError = error;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.pending.delete(id);
    }
    this.socket?.destroy();
    this.emit('close', error);
  }

  /** Sends a request and resolves with its result, or rejects with a coded error. */
  request<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    if (this.socket === null) return Promise.reject(new ConnectionError('CONNECTION_CLOSED', 'not connected'));
    if (this.closedError !== null) return Promise.reject(this.closedError);
    const id = this.nextId++;
    const message: RequestMessage = { jsonrpc: '2.0', id, method, params };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ConnectionError('REQUEST_TIMEOUT', `the daemon did not answer ${method} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.socket?.write(encodeFrame(message));
    });
  }

  /** Registers a typed handler for one notification. */
  onNotification<N extends NotificationName>(name: N, handler: (params: NotificationOf<N>) => void): () => void {
    const listener = (method: string, params: unknown): void => {
      if (method === name) handler(params as NotificationOf<N>);
    };
    this.on('notification', listener);
    return () => this.off('notification', listener);
  }

  /** Closes the connection; pending requests are rejected. */
  close(): void {
    this.fail(new ConnectionError('CONNECTION_CLOSED', 'the client closed the connection'));
  }

  /** True until the connection closes. */
  get isOpen(): boolean {
    return this.socket !== null && this.closedError === null;
  }
}
