import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { securityRoutes } from '../../../../../daemon/http/api/security-routes.js';
import { callOf, fakeCtx, rejectsInput, routeOf, routeRows } from './fake-ctx.js';

const routes = securityRoutes();

describe('security routes', () => {
  test('the routes, their permissions (from the RBAC catalog) and kinds', () => {
    assert.deepEqual(routeRows(routes), [
      ['GET', '/api/v1/security/status', 'security.read', 'api'],
      ['GET', '/api/v1/security/events', 'security.read', 'api'],
      ['GET', '/api/v1/security/blacklist', 'security.read', 'api'],
      ['POST', '/api/v1/security/blacklist', 'security.blacklist.manage', 'api'],
      ['DELETE', '/api/v1/security/blacklist/:ip', 'security.blacklist.manage', 'api'],
      ['DELETE', '/api/v1/security/blacklist/:ip/:prefix', 'security.blacklist.manage', 'api'],
      ['GET', '/api/v1/security/users', 'security.users.manage', 'api'],
      ['POST', '/api/v1/security/users/:username/unlock', 'security.users.manage', 'api'],
      ['GET', '/api/v1/security/sessions', 'security.sessions.manage', 'api'],
      ['DELETE', '/api/v1/security/sessions/:id', 'security.sessions.manage', 'api'],
    ]);
  });

  test('every permission is one the catalog knows', async () => {
    const { PERMISSION_CATALOG } = await import('../../../../../daemon/security/rbac/catalog.js');
    for (const route of routes)
      assert.ok(Object.hasOwn(PERMISSION_CATALOG, route.permission as string), route.path);
  });

  test('status, blacklist list and users list call their methods with no params', async () => {
    assert.deepEqual(await callOf(routes, 'GET', '/api/v1/security/status'), {
      method: 'security.status',
      params: {},
    });
    assert.deepEqual(await callOf(routes, 'GET', '/api/v1/security/blacklist'), {
      method: 'security.blacklist.list',
      params: {},
    });
    assert.deepEqual(await callOf(routes, 'GET', '/api/v1/security/users'), {
      method: 'security.users.list',
      params: {},
    });
  });

  test('events: the filters, since as a duration back from now', async () => {
    assert.deepEqual(await callOf(routes, 'GET', '/api/v1/security/events'), {
      method: 'security.events',
      params: {},
    });
    assert.deepEqual(
      await callOf(routes, 'GET', '/api/v1/security/events', {
        query: 'type=login.*&user=ada&ip=203.0.113.7&since=2h&limit=50',
      }),
      {
        method: 'security.events',
        params: { type: 'login.*', user: 'ada', ip: '203.0.113.7', sinceMs: 7_200_000, limit: 50 },
      },
    );
    const route = routeOf(routes, 'GET', '/api/v1/security/events');
    await rejectsInput(
      route,
      fakeCtx({ query: 'since=yesterday' }).ctx,
      '"since" must be a duration like 15m, 1h or 7d',
      'since',
    );
    await rejectsInput(
      route,
      fakeCtx({ query: 'limit=20000' }).ctx,
      '"limit" must be an integer from 1 to 10000',
      'limit',
    );
    await rejectsInput(
      route,
      fakeCtx({ query: `user=${'u'.repeat(65)}` }).ctx,
      '"user" must be 1 to 64 characters',
      'user',
    );
  });

  test('ban: the params of security.blacklist.add', async () => {
    const body = { target: '203.0.113.7', ttlMs: 3_600_000, reason: 'scanner' };
    assert.deepEqual(await callOf(routes, 'POST', '/api/v1/security/blacklist', { body }), {
      method: 'security.blacklist.add',
      params: body,
    });
    assert.deepEqual(
      await callOf(routes, 'POST', '/api/v1/security/blacklist', {
        body: { target: '10.0.0.0/8', ttlMs: null },
      }),
      {
        method: 'security.blacklist.add',
        params: { target: '10.0.0.0/8', ttlMs: null },
      },
    );
    const route = routeOf(routes, 'POST', '/api/v1/security/blacklist');
    await rejectsInput(
      route,
      fakeCtx({ method: 'POST', body: {} }).ctx,
      '"target" is required',
      'target',
    );
    await rejectsInput(
      route,
      fakeCtx({ method: 'POST', body: { target: '1.2.3.4', ttlMs: -5 } }).ctx,
      '"ttlMs" is invalid: Too small: expected number to be >0',
      'ttlMs',
    );
  });

  test('unban an address, or a network whose slash splits the path', async () => {
    assert.deepEqual(
      await callOf(routes, 'DELETE', '/api/v1/security/blacklist/:ip', {
        params: { ip: '203.0.113.7' },
      }),
      {
        method: 'security.blacklist.remove',
        params: { target: '203.0.113.7' },
      },
    );
    assert.deepEqual(
      await callOf(routes, 'DELETE', '/api/v1/security/blacklist/:ip/:prefix', {
        params: { ip: '2001:db8::', prefix: '32' },
      }),
      { method: 'security.blacklist.remove', params: { target: '2001:db8::/32' } },
    );
    await rejectsInput(
      routeOf(routes, 'DELETE', '/api/v1/security/blacklist/:ip/:prefix'),
      fakeCtx({ method: 'DELETE', params: { ip: '10.0.0.0', prefix: 'x' } }).ctx,
      '"prefix" must be a prefix length like 8 or 64',
      'prefix',
    );
  });

  test('unlock a user; a body with fields is refused', async () => {
    assert.deepEqual(
      await callOf(routes, 'POST', '/api/v1/security/users/:username/unlock', {
        params: { username: 'bob' },
      }),
      { method: 'security.users.unlock', params: { username: 'bob' } },
    );
    assert.deepEqual(
      await callOf(routes, 'POST', '/api/v1/security/users/:username/unlock', {
        params: { username: 'bob' },
        body: {},
      }),
      { method: 'security.users.unlock', params: { username: 'bob' } },
    );
    await rejectsInput(
      routeOf(routes, 'POST', '/api/v1/security/users/:username/unlock'),
      fakeCtx({ method: 'POST', params: { username: 'bob' }, body: { force: true } }).ctx,
      '"force" is not a field of this route; this route takes none',
      'force',
    );
  });

  test('sessions: everyone’s live ones, one user’s, ended ones too; revoke by id', async () => {
    assert.deepEqual(await callOf(routes, 'GET', '/api/v1/security/sessions'), {
      method: 'security.sessions.list',
      params: {},
    });
    assert.deepEqual(
      await callOf(routes, 'GET', '/api/v1/security/sessions', { query: 'user=bob&all=1' }),
      {
        method: 'security.sessions.list',
        params: { username: 'bob', all: true },
      },
    );
    assert.deepEqual(await callOf(routes, 'GET', '/api/v1/security/sessions', { query: 'all=0' }), {
      method: 'security.sessions.list',
      params: {},
    });
    assert.deepEqual(
      await callOf(routes, 'DELETE', '/api/v1/security/sessions/:id', { params: { id: 's_abc' } }),
      {
        method: 'security.sessions.revoke',
        params: { id: 's_abc' },
      },
    );
  });
});
