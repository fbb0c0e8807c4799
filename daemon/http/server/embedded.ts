/**
 * @module The dashboard and API served from a process that embeds the engines (the library's
 * `getMonitoringSystem().start({ dashboardPort })`), guarded by the same chain as the daemon's.
 *
 * Routes call protocol methods, so the embedding process gets the daemon's handler table and
 * access gate over its own core. Handlers that read settings get the defaults from a private,
 * unwatched config folder that is removed on stop; nothing else of the daemon (socket, pid file,
 * log files) exists here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePaths } from '../../../src/protocol/paths.js';
import type { Clock } from '../../clock.js';
import { Settings } from '../../config/settings.js';
import type { Core } from '../../core.js';
import { accessGate } from '../../handlers/access-policy.js';
import { createHandlers } from '../../handlers/index.js';
import type { Logger } from '../../log.js';
import { Router } from '../../router.js';
import type { SecretStore } from '../../security/secret-store.js';
import { apiRoutes } from '../api/index.js';
import { pageRoutes } from '../pages/index.js';
import { routerDispatch } from './dispatch.js';
import { HttpServer, type HttpLogger, type HttpStatus } from './http-server.js';
import { defaultHttpSettings, type HttpSettings } from './http-settings.js';

export interface EmbeddedOptions {
  core: Core;
  clock: Clock;
  /** Port (0: any free port). */
  port: number;
  /** Address (default 127.0.0.1); a network address needs `allowInsecurePublic` or TLS files. */
  host?: string;
  /** Settings beyond host and port (TLS files, rate limits, …); defaults otherwise. */
  settings?: Partial<HttpSettings>;
  /** Where warnings go (default: nowhere). */
  logger?: HttpLogger;
}

/** A running embedded dashboard. */
export interface EmbeddedDashboard {
  status: HttpStatus;
  stop(): Promise<void>;
}

const quiet: HttpLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Starts the dashboard.
 * @throws TypeError for a bad port or host; Error with the reason when it cannot listen.
 */
export async function startEmbeddedDashboard(options: EmbeddedOptions): Promise<EmbeddedDashboard> {
  const { core, clock, port } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new TypeError('"dashboardPort" option must be a whole number from 0 to 65535');
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '')
    throw new TypeError('"dashboardHost" option must be a non-empty string');
  const logger = options.logger ?? quiet;
  const configDir = await mkdtemp(join(tmpdir(), 'cb-embedded-'));
  const settings = new Settings(configDir, false);
  const secrets: SecretStore = {
    backend: 'file',
    detail: 'the embedding process (memory)',
    get: async () => null,
    set: async () => undefined,
    delete: async () => false,
  };
  const startedAt = clock.now();
  const handlers = createHandlers({
    core,
    settings,
    now: () => clock.now(),
    facts: {
      pid: process.pid,
      startedAt,
      paths: resolvePaths({ CLICKUP_BRAIN_HOME: configDir }),
      logPath: '',
      secrets,
      clients: () => 0,
      subscribers: () => 0,
      requestStop: () => undefined,
    },
  });
  const router = new Router(handlers, logger as unknown as Logger, accessGate(core));
  const http: HttpSettings = {
    ...defaultHttpSettings,
    ...options.settings,
    host: () => host,
    port: () => port,
  };
  // The status page follows `settings.statusPage`: the private config folder has only defaults,
  // so reading the key through config.get would always say off.
  const { statusPage } = http;
  const server = new HttpServer({
    core,
    clock,
    settings: http,
    dispatch: routerDispatch(router),
    logger,
    routes: () => [...apiRoutes({ statusPage }), ...pageRoutes({ statusPage })],
  });
  const cleanup = async (): Promise<void> => {
    settings.close();
    await rm(configDir, { recursive: true, force: true });
  };
  const status = await server.start();
  if (status.state !== 'listening') {
    await cleanup();
    throw new Error(
      `the dashboard cannot start: ${status.state === 'failed' ? status.reason : 'it is off'}`,
    );
  }
  return {
    status,
    stop: async () => {
      await server.stop();
      await cleanup();
    },
  };
}
