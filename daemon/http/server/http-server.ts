/**
 * @module The web server's lifecycle: listen (HTTP, or HTTPS with http.tlsCert/http.tlsKey),
 * report where, and stop — ending event streams and keep-alive connections.
 *
 * Starting never throws for what the operator can fix: a port in use, an unreadable certificate,
 * a public address without TLS. The server then stays off with a `failed` status and the reason is
 * logged, so the daemon keeps running and `daemon status` / `monitoring --web` can say why.
 */
import { readFile } from 'node:fs/promises';
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../clock.js';
import type { Core } from '../../core.js';
import { isLoopbackHost } from '../../security/posture/loopback.js';
import { BearerTokens } from '../auth/bearer-tokens.js';
import { CookieSessions } from '../auth/cookie-sessions.js';
import { authRoutes } from '../auth/auth-routes.js';
import { CleanScreens } from '../middleware/clean-screens.js';
import { RateLimiter, type RateClass } from '../middleware/rate-limit.js';
import type { HttpRoute } from '../types.js';
import { DEFAULT_BODY_LIMIT } from './body.js';
import { DecodedTargets } from './decoded-targets.js';
import type { HttpSettings } from './http-settings.js';
import { opsRoutes } from './ops-routes.js';
import { createPipeline } from './pipeline.js';
import type { Dispatch } from './pipeline-deps.js';
import { RouteTable } from './route-table.js';

/** Where the server stands. */
export type HttpStatus =
  | { state: 'off' }
  | {
      state: 'listening';
      url: string;
      host: string;
      port: number;
      tls: boolean;
      insecurePublic: boolean;
    }
  | { state: 'failed'; reason: string };

/** A pino-shaped logger. */
export interface HttpLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface HttpServerOptions {
  core: Core;
  clock: Clock;
  settings: HttpSettings;
  dispatch: Dispatch;
  logger: HttpLogger;
  /** The API and page routes (default: none; the daemon passes apiRoutes() and pageRoutes()). */
  routes?: () => HttpRoute[];
  /** Largest request body in bytes (default 1 MiB). */
  bodyLimit?: number;
}

/** How long stop() lets in-flight requests finish before closing their connections. */
const STOP_GRACE_MS = 2_000;

function bracket(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** The URL a person opens: a wildcard bind is reached on loopback. */
export function urlOf(tls: boolean, host: string, port: number): string {
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `${tls ? 'https' : 'http'}://${bracket(shown)}:${port}/`;
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): string {
  if (error.code === 'EADDRINUSE')
    return `port in use: ${bracket(host)}:${port} is taken by another program`;
  if (error.code === 'EACCES') return `permission denied to listen on ${bracket(host)}:${port}`;
  if (error.code === 'EADDRNOTAVAIL')
    return `address not available: ${host} is not an address of this machine`;
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return `host not found: ${host}`;
  return `cannot listen on ${bracket(host)}:${port}: ${error.code ?? error.message}`;
}

export class HttpServer {
  private server: Server | null = null;
  private current: HttpStatus = { state: 'off' };
  private readonly streams = new Set<AbortController>();
  private readonly cookieSessions: CookieSessions;
  private readonly bearerTokens: BearerTokens;
  private readonly limiter: RateLimiter;

  /** @throws TypeError naming a missing option. */
  constructor(private readonly options: HttpServerOptions) {
    for (const name of ['core', 'clock', 'settings', 'dispatch', 'logger'] as const)
      if (options?.[name] === undefined || options[name] === null)
        throw new TypeError(`"${name}" option is required`);
    this.cookieSessions = new CookieSessions(options.core.security.sessions, options.clock);
    this.bearerTokens = new BearerTokens({
      security: options.core.security,
      blacklist: options.core.blacklist,
      clock: options.clock,
    });
    this.limiter = new RateLimiter(options.settings, options.clock);
  }

  /** Where the server stands now. */
  status(): HttpStatus {
    return this.current;
  }

  /** Starts listening per the settings; resolves with the status (never rejects for config). */
  async start(): Promise<HttpStatus> {
    if (this.server !== null) return this.current;
    const { settings, logger } = this.options;
    if (!settings.enabled()) return (this.current = { state: 'off' });
    const host = settings.host();
    const port = settings.port();
    const certPath = settings.tlsCert();
    const keyPath = settings.tlsKey();
    if ((certPath === null) !== (keyPath === null))
      return this.fail('http.tlsCert and http.tlsKey must both be set for HTTPS (or both unset)');
    const tls = certPath !== null && keyPath !== null;
    const insecurePublic = !tls && !isLoopbackHost(host);
    if (insecurePublic && !settings.allowInsecurePublic())
      return this.fail(
        `refusing plain HTTP on ${host}, which is reachable from the network: set http.tlsCert and http.tlsKey, or http.allowInsecurePublic on`,
      );
    let server: Server;
    try {
      const routes = this.routeTable(tls);
      const handler = createPipeline({
        core: this.options.core,
        clock: this.options.clock,
        routes: routes.table,
        rateClass: routes.rateClass,
        limiter: this.limiter,
        cleanScreens: new CleanScreens(),
        decodedTargets: new DecodedTargets(),
        auth: {
          security: this.options.core.security,
          audit: this.options.core.audit,
          cookieSessions: this.cookieSessions,
          bearerTokens: this.bearerTokens,
          clock: this.options.clock,
        },
        dispatch: this.options.dispatch,
        streams: this.streams,
        tls,
        listen: () => this.listenAddress(host, port),
        bodyLimit: this.options.bodyLimit ?? DEFAULT_BODY_LIMIT,
        logger,
      });
      const onRequest = (
        req: Parameters<typeof handler>[0],
        res: Parameters<typeof handler>[1],
      ): void => {
        handler(req, res).catch((error: unknown) => {
          logger.error({ err: error }, 'HTTP handler crashed');
          res.destroy();
        });
      };
      server = tls
        ? (createHttps(
            { cert: await readFile(certPath), key: await readFile(keyPath) },
            onRequest,
          ) as unknown as Server)
        : createHttp(onRequest);
    } catch (error) {
      if (error instanceof TypeError && !('code' in error))
        return this.fail(`the routes do not fit together: ${error.message}`);
      return this.fail(
        `cannot read the TLS certificate or key: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    server.keepAliveTimeout = 5_000;
    server.on('clientError', (_error, socket) => {
      if (socket.writable)
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host, port }, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      return this.fail(listenError(error as NodeJS.ErrnoException, host, port));
    }
    server.on('error', (error) => logger.error({ err: error }, 'HTTP server error'));
    this.server = server;
    const actual = (server.address() as AddressInfo).port;
    const url = urlOf(tls, host, actual);
    this.current = { state: 'listening', url, host, port: actual, tls, insecurePublic };
    if (insecurePublic)
      logger.warn(
        { host, port: actual },
        'the web dashboard serves plain HTTP on a network address (http.allowInsecurePublic is on): passwords and session cookies cross the network readable',
      );
    logger.info({ url }, 'web dashboard listening');
    return this.current;
  }

  /** Stops: no new connections, event streams ended, idle connections closed, the rest after a grace. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.current = { state: 'off' };
    if (server === null) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const stream of [...this.streams]) stream.abort();
    server.closeIdleConnections();
    const grace = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
    grace.unref();
    await closed;
    clearTimeout(grace);
  }

  /** Stops and starts again with the current settings. */
  async restart(): Promise<HttpStatus> {
    await this.stop();
    return this.start();
  }

  private listenAddress(host: string, port: number): { host: string; port: number } {
    return this.current.state === 'listening' ? { host, port: this.current.port } : { host, port };
  }

  private routeTable(tls: boolean): {
    table: RouteTable;
    rateClass: (route: HttpRoute) => RateClass;
  } {
    const auth = authRoutes({
      clock: this.options.clock,
      tls,
      cookieSessions: this.cookieSessions,
      listen: () => this.listenAddress(this.options.settings.host(), this.options.settings.port()),
    });
    const ops = opsRoutes(() => this.options.settings.metricsAllow());
    const table = new RouteTable([
      ...auth.routes,
      ...(this.options.routes?.() ?? []),
      ...ops.routes,
    ]);
    const classes = new Map([...auth.rateClass, ...ops.rateClass]);
    return {
      table,
      rateClass: (route) => classes.get(route) ?? (route.kind === 'api' ? 'api' : 'none'),
    };
  }

  private fail(reason: string): HttpStatus {
    this.options.logger.warn({ reason }, `the web dashboard is not served: ${reason}`);
    this.current = { state: 'failed', reason };
    return this.current;
  }
}
