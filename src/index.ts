/**
 * @module Library entry `clickup-brain/client`: a typed client of a running daemon.
 *
 * @example
 * ```ts
 * import { connect } from 'clickup-brain/client';
 * const client = await connect();
 * const report = await client.request('monitoring.health', {});
 * client.close();
 * ```
 */
import { fileURLToPath } from 'node:url';
import { resolvePaths } from './protocol/paths.js';
import { openSession } from './client/session.js';
import type { DaemonClient } from './client/client.js';

export { DaemonClient, ConnectionError } from './client/client.js';
export { AppError, RemoteError, ExitCode, type ErrorCode } from './protocol/errors.js';
export type { MethodName, ParamsOf, ResultOf, NotificationName, NotificationOf } from './protocol/methods.js';
export type { BlacklistEntry, BlacklistChange, HealthReport, HealthCheckResult, DaemonStatus, ConfigEntry } from './protocol/schemas.js';

export interface ConnectOptions {
  /** The socket (default: from CLICKUP_BRAIN_SOCKET / CLICKUP_BRAIN_HOME / XDG). */
  socketPath?: string;
  /** Start the daemon when it is not running (default true). */
  autoStart?: boolean;
  /** Environment to resolve paths from and to pass to a started daemon (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Per-request timeout in milliseconds (default 30 s). */
  requestTimeoutMs?: number;
}

/** Connects to the daemon (starting it if allowed) and completes the handshake. */
export async function connect(options: ConnectOptions = {}): Promise<DaemonClient> {
  const env = options.env ?? process.env;
  const session = await openSession({
    paths: resolvePaths(env, options.socketPath),
    env,
    autoStart: options.autoStart ?? true,
    clientName: 'library',
    daemonEntry: fileURLToPath(new URL('../daemon/main.js', import.meta.url)),
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
  });
  return session.client;
}
