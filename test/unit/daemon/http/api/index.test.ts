import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiRoutes } from '../../../../../daemon/http/api/index.js';

describe('apiRoutes', () => {
  test('every route of the web contract, each once, all JSON API routes under /api/v1', () => {
    const routes = apiRoutes();
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(keys, [
      'GET /api/v1/health',
      'GET /api/v1/checks',
      'GET /api/v1/checks/:name',
      'GET /api/v1/metrics',
      'GET /api/v1/metrics/:name',
      'POST /api/v1/metrics',
      'GET /api/v1/alerts',
      'POST /api/v1/alerts/:id/ack',
      'GET /api/v1/silences',
      'POST /api/v1/silences',
      'DELETE /api/v1/silences/:id',
      'GET /api/v1/rules',
      'GET /api/v1/security/status',
      'GET /api/v1/security/events',
      'GET /api/v1/security/blacklist',
      'POST /api/v1/security/blacklist',
      'DELETE /api/v1/security/blacklist/:ip',
      'DELETE /api/v1/security/blacklist/:ip/:prefix',
      'GET /api/v1/security/users',
      'POST /api/v1/security/users/:username/unlock',
      'GET /api/v1/security/sessions',
      'DELETE /api/v1/security/sessions/:id',
      'GET /api/v1/stream',
      'GET /api/v1/status',
    ]);
    assert.equal(new Set(keys).size, keys.length);
    for (const route of routes) {
      assert.equal(route.kind, 'api');
      assert.ok(route.path.startsWith('/api/v1/'));
    }
    assert.deepEqual(
      routes.filter((r) => r.permission === null).map((r) => r.path),
      ['/api/v1/status'],
    );
  });

  test('the status page option reaches the status route', async () => {
    const route = apiRoutes({ statusPage: () => false }).find((r) => r.path === '/api/v1/status');
    await assert.rejects(async () => route?.handle({} as never), { code: 'NOT_FOUND' });
  });
});
