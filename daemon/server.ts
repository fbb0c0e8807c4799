/**
 * @module The Unix-socket server: framing, limits, push notifications and graceful close.
 *
 * Limits keep one bad client from hurting the others: a frame over the size limit is answered
 * with an error and the connection closed; connections beyond the maximum are told so and closed;
 * a client that stops reading is disconnected once its unsent replies pass a bound, instead of
 * being buffered without end.
 */
import { chmod, mkdir, unlink } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { AppError } from '../src/protocol/errors.js';
import { encodeFrame, FrameDecoder, FrameTooLargeError } from '../src/protocol/framing.js';
import type { NotificationName, NotificationOf } from '../src/protocol/methods.js';
import { notificationTopic } from '../src/protocol/methods.js';
import type { Logger } from './log.js';
import type { Connection, Router } from './router.js';

export interface ServerOptions {
  socketPath: string;
  router: Router;
  logger: Logger;
  actor: string;
  maxConnections: number;
  maxFrameBytes: number;
  /** Unsent bytes a connection may hold before it is dropped (default 8 MiB). */
  maxBufferedBytes?: number;
}

/** True when something accepts connections on the socket. */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

interface LiveConnection extends Connection {
  socket: Socket;
  inFlight: number;
}

export class RpcServer {
  private server: Server | null = null;
  private readonly connections = new Set<LiveConnection>();
  private nextId = 1;
  private inFlight = 0;
  private idle: (() => void) | null = null;
  private closing = false;

  constructor(private readonly options: ServerOptions) {}

  /**
   * Listens on the socket (folder 0700, socket 0600). A socket file nobody answers on is stale
   * and removed; one that answers belongs to a live daemon and is left alone.
   */
  async listen(): Promise<void> {
    const { socketPath } = this.options;
    await mkdir(dirname(socketPath), { recursive: true, mode: 0o700 });
    await chmod(dirname(socketPath), 0o700);
    if (await answers(socketPath))
      throw new AppError('CONFLICT', `another daemon already answers on ${socketPath}`);
    await unlink(socketPath).catch(() => undefined);
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    await chmod(socketPath, 0o600);
  }

  private accept(socket: Socket): void {
    if (this.closing || this.connections.size >= this.options.maxConnections) {
      const error = this.closing
        ? new AppError('SHUTTING_DOWN', 'the daemon is shutting down')
        : new AppError(
            'TOO_MANY_CONNECTIONS',
            `too many connections (limit ${this.options.maxConnections})`,
          );
      // A client may reset the refused socket; its error must not become an uncaught exception.
      socket.on('error', () => undefined);
      // Half-close so the client can still write its hello and then read why; destroy later so a
      // client that never closes cannot hold the socket.
      socket.end(encodeFrame({ jsonrpc: '2.0', id: null, error: error.toWire() }));
      socket.on('data', () => undefined);
      setTimeout(() => socket.destroy(), 2000).unref();
      return;
    }
    const connection: LiveConnection = {
      id: this.nextId++,
      hello: null,
      subscriptions: new Set(),
      principal: null,
      socket,
      inFlight: 0,
    };
    this.connections.add(connection);
    const decoder = new FrameDecoder(this.options.maxFrameBytes);
    socket.on('data', (chunk: Buffer) => {
      let frames: string[];
      try {
        frames = decoder.push(chunk);
      } catch (error) {
        if (!(error instanceof FrameTooLargeError)) throw error;
        this.options.logger.warn(
          { connection: connection.id, limit: error.limit },
          'frame too large; closing connection',
        );
        // Keep reading (and dropping) so the client can finish its write and see the error; the
        // connection is destroyed once the error is sent, so it never lingers half-open.
        socket.removeAllListeners('data');
        socket.on('data', () => undefined);
        socket.end(
          encodeFrame({
            jsonrpc: '2.0',
            id: null,
            error: new AppError('FRAME_TOO_LARGE', `invalid request: ${error.message}`).toWire(),
          }),
          () => socket.destroy(),
        );
        return;
      }
      // Frames are dispatched in arrival order, and a handler's synchronous part (the hello's,
      // which marks the connection) runs before the next frame's dispatch: so a client may send
      // its hello and first request in one write.
      for (const frame of frames) this.handleFrame(connection, frame);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => this.connections.delete(connection));
  }

  private handleFrame(connection: LiveConnection, frame: string): void {
    if (frame.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(frame);
    } catch {
      this.send(connection, {
        jsonrpc: '2.0',
        id: null,
        error: new AppError('PARSE_ERROR', 'parse error: the frame is not valid JSON').toWire(),
      });
      return;
    }
    this.inFlight++;
    connection.inFlight++;
    void this.options.router
      .dispatch(message, {
        connection,
        actor: connection.principal?.username ?? this.options.actor,
      })
      .then((response) => this.send(connection, response))
      .finally(() => {
        connection.inFlight--;
        this.inFlight--;
        if (this.inFlight === 0) this.idle?.();
      });
  }

  private send(connection: LiveConnection, message: unknown): void {
    const { socket } = connection;
    if (socket.destroyed || !socket.writable) return;
    socket.write(encodeFrame(message));
    if (socket.writableLength > (this.options.maxBufferedBytes ?? 8 * 1024 * 1024)) {
      this.options.logger.warn(
        { connection: connection.id, buffered: socket.writableLength },
        'client is not reading; disconnecting it',
      );
      socket.destroy();
    }
  }

  /** Pushes a notification to every connection subscribed to its topic. */
  notify<N extends NotificationName>(name: N, params: NotificationOf<N>): void {
    const topic = notificationTopic[name];
    for (const connection of this.connections) {
      if (connection.subscriptions.has(topic))
        this.send(connection, { jsonrpc: '2.0', method: name, params });
    }
  }

  get clientCount(): number {
    return this.connections.size;
  }

  get subscriberCount(): number {
    let n = 0;
    for (const connection of this.connections) if (connection.subscriptions.size > 0) n++;
    return n;
  }

  /**
   * Stops accepting, waits (bounded) for requests in flight to be answered, closes every
   * connection and removes the socket file.
   */
  async close(graceMs = 10_000): Promise<void> {
    this.closing = true;
    const server = this.server;
    const closed =
      server === null
        ? Promise.resolve()
        : new Promise<void>((resolve) => server.close(() => resolve()));
    if (this.inFlight > 0) {
      await Promise.race([
        new Promise<void>((resolve) => {
          this.idle = resolve;
        }),
        new Promise((resolve) => setTimeout(resolve, graceMs).unref()),
      ]);
    }
    for (const connection of this.connections) connection.socket.end();
    setTimeout(() => {
      for (const connection of this.connections) connection.socket.destroy();
    }, 500).unref();
    await closed;
    await unlink(this.options.socketPath).catch(() => undefined);
  }
}
