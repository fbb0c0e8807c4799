import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rulesRoutes } from '../../../../../daemon/http/api/rules-routes.js';
import { callOf, fakeCtx, rejectsInput, routeOf, routeRows } from './fake-ctx.js';

describe('rules routes', () => {
  const routes = rulesRoutes();

  test('GET /api/v1/rules (monitoring.read) answers monitoring.rules.list as it is', async () => {
    assert.deepEqual(routeRows(routes), [['GET', '/api/v1/rules', 'monitoring.read', 'api']]);
    assert.deepEqual(await callOf(routes, 'GET', '/api/v1/rules'), {
      method: 'monitoring.rules.list',
      params: {},
    });
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
