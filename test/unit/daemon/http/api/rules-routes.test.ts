import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rulesRoutes } from '../../../../../daemon/http/api/rules-routes.js';
import { fakeCtx, jsonOf, rejectsInput, routeOf } from './fake-ctx.js';

describe('rules routes', () => {
  const routes = rulesRoutes();

  test('GET /api/v1/rules (monitoring.read) answers monitoring.rules.list as it is', async () => {
    assert.deepEqual(
      routes.map((r) => [r.method, r.path, r.permission, r.kind]),
      [['GET', '/api/v1/rules', 'monitoring.read', 'api']],
    );
    const rules = { rules: [{ name: 'HighLoad', expr: 'load1 > 4' }] };
    const { ctx, calls } = fakeCtx({ handlers: { 'monitoring.rules.list': () => rules } });
    assert.deepEqual(await jsonOf(routeOf(routes, 'GET', '/api/v1/rules'), ctx), {
      status: 200,
      json: rules,
    });
    assert.deepEqual(calls, [{ method: 'monitoring.rules.list', params: {} }]);
  });

  test('a query parameter is refused', async () => {
    await rejectsInput(
      routeOf(routes, 'GET', '/api/v1/rules'),
      fakeCtx({ query: 'name=x' }).ctx,
      '"name" is not a query parameter of this route; this route takes none',
      'name',
    );
  });
});
