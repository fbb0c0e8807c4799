/**
 * @module A ready-to-use connection: connect (starting the daemon when allowed), then handshake.
 *
 * On a version mismatch the daemon is restarted once so the CLI and daemon always agree; the
 * notice goes to the `notice` callback (stderr in the CLI), never to stdout.
 */
import { AppError } from '../protocol/errors.js';
import type { Paths } from '../protocol/paths.js';
import type { MethodName } from '../protocol/methods.js';
import { PROTOCOL_VERSION, VERSION } from '../protocol/version.js';
import { ConnectionError, DaemonClient } from './client.js';

export interface SessionOptions {
  paths: Paths;
  /** Start the daemon when nothing listens (default true). */
  autoStart?: boolean;
  /** Absolute path of daemon/main.js, used to start it. */
  daemonEntry: string;
  env: NodeJS.ProcessEnv;
  /** Who is calling, sent in the handshake. */
  clientName: string;
  /** Receives human notices (a restart, an auto-start). */
  notice?: (message: string) => void;
  /**
   * Return a session even when the daemon's version differs, instead of restarting it or failing
   * (for `daemon stop`, `restart` and `status`, which must work on any daemon).
   */
  allowMismatch?: boolean;
  /**
   * A read-only request to send right behind the hello, in the same write, saving a round trip
   * (the daemon handles a connection's frames in order). Its answer is used only when the hello
   * shows the same version; otherwise it is sent again to the restarted daemon.
   */
  prefetch?: { method: MethodName; params: unknown };
  requestTimeoutMs?: number;
}

export interface Session {
  client: DaemonClient;
  daemonPid: number;
  daemonVersion: string;
  /** True when the daemon's version or protocol differs from this client's. */
  mismatch: boolean;
  /** The answer to `prefetch`, when one was asked for. */
  prefetched?: Promise<unknown>;
  /** True when this call started the daemon. */
  started: boolean;
}

async function connectOnce(options: SessionOptions): Promise<DaemonClient> {
  const client = new DaemonClient({
    socketPath: options.paths.socketPath,
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
  });
  await client.connect();
  return client;
}

function unreachable(error: unknown): boolean {
  return error instanceof ConnectionError && (error.errno === 'ENOENT' || error.errno === 'ECONNREFUSED');
}

/**
 * Connects to the daemon, starting it if needed, and completes the hello handshake.
 */
export async function openSession(options: SessionOptions): Promise<Session> {
  let started = false;
  let restarted = false;
  let busyRetries = 0;
  for (;;) {
    let client: DaemonClient;
    try {
      client = await connectOnce(options);
    } catch (error) {
      if (!unreachable(error) || options.autoStart === false || started) throw error;
      // Loaded only when needed: child_process and friends cost start-up time on every call.
      const { spawnDaemon } = await import('./daemon-process.js');
      await spawnDaemon({ paths: options.paths, daemonEntry: options.daemonEntry, env: options.env });
      started = true;
      client = await connectOnce(options);
    }
    let hello;
    const helloSent = client.request('daemon.hello', { client: options.clientName, version: VERSION, protocol: PROTOCOL_VERSION });
    const prefetched = options.prefetch === undefined ? undefined : client.request(options.prefetch.method, options.prefetch.params as never);
    // Settled here so that an unused answer (a mismatch, a refused hello) is never unhandled.
    prefetched?.catch(() => undefined);
    try {
      hello = await helloSent;
    } catch (error) {
      // The daemon may still count a connection that just closed (our own readiness probe);
      // a short wait frees the place.
      if (error instanceof AppError && error.code === 'TOO_MANY_CONNECTIONS' && busyRetries < 5) {
        busyRetries++;
        await new Promise((r) => setTimeout(r, 20 * 2 ** busyRetries));
        continue;
      }
      throw error;
    }
    const same = hello.version === VERSION && hello.protocol === PROTOCOL_VERSION;
    if (same || options.allowMismatch === true) {
      return { client, daemonPid: hello.pid, daemonVersion: hello.version, started, mismatch: !same, ...(same && prefetched !== undefined ? { prefetched } : {}) };
    }
    if (restarted || options.autoStart === false) {
      client.close();
      throw new AppError(
        'PROTOCOL_MISMATCH',
        `the daemon is version ${hello.version} (protocol ${hello.protocol}) but this client is ${VERSION} (protocol ${PROTOCOL_VERSION}); run \`clickup-brain daemon restart\``,
      );
    }
    options.notice?.(`daemon is version ${hello.version}, CLI is ${VERSION}: restarting the daemon`);
    const { stopDaemon } = await import('./daemon-process.js');
    if (!(await stopDaemon(client, hello.pid))) {
      throw new AppError('DAEMON_START_FAILED', `the old daemon (pid ${hello.pid}) did not stop within 15 s`);
    }
    restarted = true;
    started = false;
  }
}
