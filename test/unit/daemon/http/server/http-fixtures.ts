/**
 * @module Shared helpers for the web server's unit tests: a core over memory (bcrypt cost 4), an
 * HttpServer on a free loopback port with test routes, users of each kind, and a raw HTTP client
 * (node:http, so tests control every header and the local address).
 */
import { request as httpRequest } from 'node:http';
import { AppError } from '../../../../../src/protocol/errors.js';
import type { ManualClock } from '../../../../../daemon/clock.js';
import type { Core } from '../../../../../daemon/core.js';
import { HttpServer } from '../../../../../daemon/http/server/http-server.js';
import {
  defaultHttpSettings,
  type HttpSettings,
} from '../../../../../daemon/http/server/http-settings.js';
import type { HttpRoute } from '../../../../../daemon/http/types.js';
import { openTestCore, STRONG } from '../../security/engine/engine-fixtures.js';

export { STRONG };

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => unknown;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  localAddress?: string;
  host?: string;
}

export interface TestServer {
  core: Core;
  clock: ManualClock;
  server: HttpServer;
  port: number;
  origin: string;
  /** Every call the routes made through ctx.call. */
  calls: Array<{ method: string; params: unknown; principal: string | null }>;
  send(path: string, options?: SendOptions): Promise<Reply>;
  /** Logs in over HTTP (JSON); returns the cookie header value and the CSRF token. */
  login(username: string, password?: string): Promise<{ cookie: string; csrf: string }>;
  close(): Promise<void>;
}

/** A raw request to 127.0.0.1:`port`. */
export function send(port: number, path: string, options: SendOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: options.host ?? '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text) as unknown,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The test routes: one per permission kind, a page, and a state-changing API call. */
export function testRoutes(): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/probe',
      permission: 'monitoring.read',
      kind: 'api',
      handle: (ctx) => ({
        status: 200,
        json: { user: ctx.principal?.username ?? null, query: ctx.query.get('q') },
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/probe/:name',
      permission: 'monitoring.read',
      kind: 'api',
      handle: (ctx) => ({ status: 200, json: { name: ctx.params['name'] } }),
    },
    {
      method: 'GET',
      path: '/api/v1/probe/fixed',
      permission: 'monitoring.read',
      kind: 'api',
      handle: () => ({ status: 200, json: { fixed: true } }),
    },
    {
      method: 'POST',
      path: '/api/v1/probe',
      permission: 'monitoring.write',
      kind: 'api',
      handle: async (ctx) => ({
        status: 201,
        json: { body: ctx.body, health: (await ctx.call('daemon.ping', {})) !== undefined },
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/admin',
      permission: 'security.users.manage',
      kind: 'api',
      handle: () => ({ status: 200, json: { ok: true } }),
    },
    {
      method: 'GET',
      path: '/api/v1/headers',
      permission: null,
      kind: 'api',
      handle: (ctx) => {
        let changed = true;
        try {
          (ctx.headers as Record<string, string>)['x-added'] = '1';
        } catch {
          changed = false;
        }
        return {
          status: 200,
          json: {
            frozen: Object.isFrozen(ctx.headers),
            changed,
            userAgent: ctx.headers['user-agent'] ?? null,
            setCookie: ctx.headers['set-cookie'] ?? null,
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/crash',
      permission: null,
      kind: 'api',
      handle: () => {
        throw new Error('secret internals');
      },
    },
    {
      method: 'GET',
      path: '/api/v1/conflict',
      permission: null,
      kind: 'api',
      handle: () => {
        throw new AppError('CONFLICT', 'already there');
      },
    },
    {
      method: 'GET',
      path: '/page',
      permission: 'monitoring.read',
      kind: 'page',
      handle: () => ({ status: 200, body: '<p>page</p>', contentType: 'text/html; charset=utf-8' }),
    },
    {
      method: 'GET',
      path: '/api/v1/events',
      permission: 'monitoring.read',
      kind: 'api',
      handle: () => ({ status: 200, sse: (sendEvent) => sendEvent('hello', { n: 1 }) }),
    },
  ];
}

/** Starts a server over a fresh core with users ada (admin), uma (user), gus (guest), sam (service). */
export async function startTestServer(settings: Partial<HttpSettings> = {}): Promise<TestServer> {
  const { core, clock } = await openTestCore();
  for (const [username, role] of [
    ['ada', 'admin'],
    ['uma', 'user'],
    ['gus', 'guest'],
    ['sam', 'service'],
  ] as const) {
    await core.security.users.create(
      { username, email: `${username}@example.com`, password: STRONG, roles: [role] },
      'test',
    );
  }
  const calls: TestServer['calls'] = [];
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const server = new HttpServer({
    core,
    clock,
    settings: { ...defaultHttpSettings, port: () => 0, ...settings },
    logger: silent,
    routes: testRoutes,
    dispatch: async (method, params, principal) => {
      calls.push({ method, params, principal: principal?.username ?? null });
      return { time: 'now' };
    },
  });
  const status = await server.start();
  if (status.state !== 'listening')
    throw new Error(`server did not start: ${JSON.stringify(status)}`);
  const port = status.port;
  const origin = `http://127.0.0.1:${port}`;
  const api: TestServer = {
    core,
    clock,
    server,
    port,
    origin,
    calls,
    send: (path, options) => send(port, path, options),
    login: async (username, password = STRONG) => {
      const reply = await send(port, '/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ username, password }),
      });
      if (reply.status !== 200) throw new Error(`login failed: ${reply.status} ${reply.text}`);
      const cookies = (reply.headers['set-cookie'] ?? []) as string[];
      const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
      return { cookie, csrf: (reply.json() as { csrfToken: string }).csrfToken };
    },
    close: async () => {
      await server.stop();
      await core.close();
    },
  };
  return api;
}
