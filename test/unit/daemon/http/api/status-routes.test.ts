import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { statusRoutes } from '../../../../../daemon/http/api/status-routes.js';
import { fakeCtx, jsonOf, rejectsInput, routeOf } from './fake-ctx.js';
import { fakeMonitoring, run, T } from './fake-monitoring.js';

const monitoring = fakeMonitoring([
  { name: 'website', public: true, state: 'up', results: [run('website', 0, true)] },
  { name: 'secret', public: false, state: 'up' },
]);
const alertsList = () => ({ alerts: [], history: [] });

describe('GET /api/v1/status', () => {
  test('a public API route (no permission)', () => {
    assert.deepEqual(
      statusRoutes().map((r) => [r.method, r.path, r.permission, r.kind]),
      [['GET', '/api/v1/status', null, 'api']],
    );
  });

  test('404 NOT_FOUND while the page is off', async () => {
    const route = routeOf(statusRoutes({ statusPage: () => false }), 'GET', '/api/v1/status');
    await assert.rejects(
      async () => route.handle(fakeCtx({ principal: null, core: { monitoring } }).ctx),
      {
        code: 'NOT_FOUND',
        message: 'the public status page is off (config http.statusPage)',
      },
    );
  });

  test('when on: the public checks and incidents', async () => {
    const route = routeOf(statusRoutes({ statusPage: () => true }), 'GET', '/api/v1/status');
    const { ctx, clock, calls } = fakeCtx({
      principal: null,
      core: { monitoring },
      handlers: { 'monitoring.alerts.list': alertsList },
    });
    clock.set(T + 1000);
    const { status, json } = await jsonOf(route, ctx);
    assert.equal(status, 200);
    assert.deepEqual(json, {
      generatedAt: new Date(T + 1000).toISOString(),
      checks: [
        {
          name: 'website',
          type: 'http',
          state: 'up',
          lastRun: new Date(T).toISOString(),
          uptime: { '24h': null, '7d': null, '30d': null },
        },
      ],
      incidents: [],
    });
    assert.deepEqual(calls, [{ method: 'monitoring.alerts.list', params: {} }]);
  });

  test('without a setting function it reads config http.statusPage; any failure to read it is off', async () => {
    const route = routeOf(statusRoutes(), 'GET', '/api/v1/status');
    const on = fakeCtx({
      principal: null,
      core: { monitoring },
      handlers: {
        'config.get': () => ({ key: 'http.statusPage', value: 'on' }),
        'monitoring.alerts.list': alertsList,
      },
    });
    assert.equal((await jsonOf(route, on.ctx)).status, 200);
    assert.deepEqual(on.calls[0], { method: 'config.get', params: { key: 'http.statusPage' } });
    for (const handler of [
      () => ({ key: 'http.statusPage', value: 'off' }),
      () => {
        throw new Error('no settings here');
      },
    ]) {
      const off = fakeCtx({
        principal: null,
        core: { monitoring },
        handlers: { 'config.get': handler },
      });
      await assert.rejects(async () => route.handle(off.ctx), { code: 'NOT_FOUND' });
    }
  });

  test('a query parameter is refused (when on)', async () => {
    await rejectsInput(
      routeOf(statusRoutes({ statusPage: () => true }), 'GET', '/api/v1/status'),
      fakeCtx({ principal: null, query: 'all=1', core: { monitoring } }).ctx,
      '"all" is not a query parameter of this route; this route takes none',
      'all',
    );
  });
});
