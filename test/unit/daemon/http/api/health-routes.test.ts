import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import { healthRoutes } from '../../../../../daemon/http/api/health-routes.js';
import { fullHealth } from '../../../../../daemon/monitoring/full-health.js';
import { callOf, fakeCtx, jsonOf, rejectsInput, routeOf, routeRows } from './fake-ctx.js';
import { fakeMonitoring, run } from './fake-monitoring.js';

const routes = healthRoutes();
const T = '2026-01-01T00:00:00.000Z';

describe('health routes', () => {
  test('the routes, their permissions and kinds', () => {
    assert.deepEqual(routeRows(routes), [
      ['GET', '/api/v1/health', 'monitoring.read', 'api'],
      ['GET', '/api/v1/checks', 'monitoring.read', 'api'],
      ['GET', '/api/v1/checks/:name', 'monitoring.read', 'api'],
    ]);
  });

  test('GET /api/v1/health answers what monitoring.health answers (fullHealth of the core), serialised', async () => {
    const builtin = {
      status: 'healthy',
      checks: [{ name: 'store', status: 'healthy', detail: 'ok', latencyMs: 1, lastRun: T }],
      checkedAt: T,
    };
    const health = Object.assign(new EventEmitter(), {
      latest: async () => builtin,
      run: async () => builtin,
    });
    const monitoring = Object.assign(
      new EventEmitter(),
      fakeMonitoring([{ name: 'web', state: 'down', results: [run('web', 0, false)] }]),
    );
    const { ctx, clock } = fakeCtx({ core: { health, monitoring } });
    Object.assign(ctx.core, { store: { commitCount: 0 }, clock });
    const core = ctx.core;
    const result = await routeOf(routes, 'GET', '/api/v1/health').handle(ctx);
    assert.ok('prepared' in result, 'a prepared answer');
    const { body, contentType, headers } = result.prepared;
    assert.deepEqual(
      { status: result.status, body, contentType, headers },
      {
        status: 200,
        body: `${JSON.stringify(await fullHealth(core.health, core.monitoring))}\n`,
        contentType: 'application/json; charset=utf-8',
        headers: { 'cache-control': 'no-store' },
      },
    );
    assert.equal((JSON.parse(String(body)) as { status: string }).status, 'unhealthy');
  });

  test('GET /api/v1/checks answers monitoring.checks.list as it is', async () => {
    assert.deepEqual(await callOf(routes, 'GET', '/api/v1/checks'), {
      method: 'monitoring.checks.list',
      params: {},
    });
  });

  test('a stray query parameter is refused', async () => {
    const { ctx } = fakeCtx({ query: 'verbose=1' });
    await rejectsInput(
      routeOf(routes, 'GET', '/api/v1/health'),
      ctx,
      '"verbose" is not a query parameter of this route; this route takes none',
      'verbose',
    );
  });

  describe('GET /api/v1/checks/:name', () => {
    const route = routeOf(routes, 'GET', '/api/v1/checks/:name');
    const results = Array.from({ length: 150 }, (_, i) => run('web', i * 30_000, i % 10 !== 0));
    const monitoring = fakeMonitoring([{ name: 'web', state: 'up', results }]);

    test('the detail, with 100 recent runs by default', async () => {
      const { ctx } = fakeCtx({ params: { name: 'web' }, core: { monitoring } });
      const { status, json } = await jsonOf(route, ctx);
      assert.equal(status, 200);
      const detail = json as { history: unknown[]; kept: number; check: { name: string } };
      assert.equal(detail.check.name, 'web');
      assert.equal(detail.history.length, 100);
      assert.equal(detail.kept, 150);
    });

    test('limit picks how many runs', async () => {
      const { ctx } = fakeCtx({ params: { name: 'web' }, query: 'limit=5', core: { monitoring } });
      assert.equal(((await jsonOf(route, ctx)).json as { history: unknown[] }).history.length, 5);
    });

    test('a bad limit or name is named', async () => {
      await rejectsInput(
        route,
        fakeCtx({ params: { name: 'web' }, query: 'limit=1001', core: { monitoring } }).ctx,
        '"limit" must be an integer from 1 to 1000',
        'limit',
      );
      await rejectsInput(
        route,
        fakeCtx({ params: { name: '../etc' }, core: { monitoring } }).ctx,
        '"name" must be a check name: 1 to 64 letters, digits, _, . or -',
        'name',
      );
    });

    test('an unknown check is NOT_FOUND', async () => {
      await assert.rejects(
        async () => route.handle(fakeCtx({ params: { name: 'db' }, core: { monitoring } }).ctx),
        {
          code: 'NOT_FOUND',
          message: "no check named 'db'",
        },
      );
    });
  });
});
