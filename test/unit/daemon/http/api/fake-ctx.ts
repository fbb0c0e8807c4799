/**
 * Test helper for the API route tests: a request context whose `call` answers from a table of
 * fake handlers and records what was called, ways to find a route in a list and to list a table's
 * routes, and a run of a route that only passes one method's answer on.
 */
import assert from 'node:assert/strict';
import { ManualClock } from '../../../../../daemon/clock.js';
import type { Core } from '../../../../../daemon/core.js';
import type {
  HttpMethod,
  HttpPrincipal,
  HttpRequestContext,
  HttpRoute,
} from '../../../../../daemon/http/types.js';

export type FakeHandlers = Record<string, (params: unknown) => unknown>;

export interface FakeOptions {
  method?: HttpMethod;
  params?: Record<string, string>;
  /** The query string without `?`. */
  query?: string;
  body?: unknown;
  principal?: HttpPrincipal | null;
  handlers?: FakeHandlers;
  core?: unknown;
  clock?: ManualClock;
}

export interface FakeCtx {
  ctx: HttpRequestContext;
  calls: Array<{ method: string; params: unknown }>;
  clock: ManualClock;
}

export const ADA: HttpPrincipal = {
  username: 'ada',
  roles: ['admin'],
  sessionId: 's_0123456789abcdef',
  via: 'bearer',
};

export function fakeCtx(options: FakeOptions = {}): FakeCtx {
  const calls: FakeCtx['calls'] = [];
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 0, 31, 12, 0));
  const handlers = options.handlers ?? {};
  const ctx: HttpRequestContext = {
    method: options.method ?? 'GET',
    path: '/api/v1/test',
    params: Object.freeze({ ...(options.params ?? {}) }),
    query: new URLSearchParams(options.query ?? ''),
    headers: {},
    body: options.body,
    ip: '127.0.0.1',
    principal: options.principal === undefined ? ADA : options.principal,
    call: (async (method: string, params: unknown) => {
      calls.push({ method, params });
      const handler = handlers[method];
      if (handler === undefined) throw new Error(`unexpected call ${method}`);
      return handler(params);
    }) as HttpRequestContext['call'],
    core: (options.core ?? {}) as Core,
    clock,
  };
  return { ctx, calls, clock };
}

/** The route with this method and path. */
export function routeOf(routes: readonly HttpRoute[], method: HttpMethod, path: string): HttpRoute {
  const route = routes.find((r) => r.method === method && r.path === path);
  assert.ok(route !== undefined, `no route ${method} ${path}`);
  return route;
}

/** Each route as `[method, path, permission, kind]`, to compare a table with the one documented. */
export function routeRows(
  routes: readonly HttpRoute[],
): Array<[HttpMethod, string, string | null, HttpRoute['kind']]> {
  return routes.map((r) => [r.method, r.path, r.permission, r.kind]);
}

/**
 * Runs the route `method path` with `options`, every socket method answering the same marker;
 * asserts the route answers 200 with that marker as it is after exactly one call, and returns
 * that call.
 */
export async function callOf(
  routes: readonly HttpRoute[],
  method: HttpMethod,
  path: string,
  options: FakeOptions = {},
): Promise<{ method: string; params: unknown }> {
  const answer = { answered: path };
  const { ctx, calls } = fakeCtx({
    method,
    ...options,
    handlers: new Proxy({}, { get: () => () => answer }),
  });
  const result = await jsonOf(routeOf(routes, method, path), ctx);
  assert.deepEqual(result, { status: 200, json: answer });
  assert.equal(calls.length, 1);
  const [call] = calls;
  assert.ok(call !== undefined);
  return call;
}

/** Runs a route's handler and returns its JSON answer (asserting it is one). */
export async function jsonOf(
  route: HttpRoute,
  ctx: HttpRequestContext,
): Promise<{ status: number; json: unknown }> {
  const result = await route.handle(ctx);
  assert.ok('json' in result, 'a JSON answer');
  return { status: result.status, json: result.json };
}

/** Asserts that running the route fails with INVALID_INPUT, this message and field. */
export async function rejectsInput(
  route: HttpRoute,
  ctx: HttpRequestContext,
  message: string,
  field: string,
): Promise<void> {
  await assert.rejects(async () => route.handle(ctx), {
    code: 'INVALID_INPUT',
    message,
    details: { field },
  });
}
