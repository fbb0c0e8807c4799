import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RouteTable } from '../../../../../daemon/http/server/route-table.js';
import type { HttpRoute } from '../../../../../daemon/http/types.js';

const route = (method: HttpRoute['method'], path: string): HttpRoute => ({
  method,
  path,
  permission: null,
  kind: 'api',
  handle: () => ({ status: 200, json: path }),
});

describe('RouteTable', () => {
  const table = new RouteTable([
    route('GET', '/api/v1/alerts/:id'),
    route('GET', '/api/v1/alerts/active'),
    route('POST', '/api/v1/alerts/:id/ack'),
    route('GET', '/'),
  ]);

  it('prefers a literal segment over a parameter, whatever the order', () => {
    const match = table.match('GET', ['api', 'v1', 'alerts', 'active']);
    assert.equal(match.kind === 'found' && match.route.path, '/api/v1/alerts/active');
    const param = table.match('GET', ['api', 'v1', 'alerts', 'a/b']);
    assert.deepEqual(param.kind === 'found' && param.params, { id: 'a/b' });
  });

  it('serves HEAD from GET and the root path', () => {
    assert.equal(table.match('HEAD', []).kind, 'found');
  });

  it('says which methods a path allows (HEAD with GET), or not found', () => {
    assert.deepEqual(table.match('DELETE', ['api', 'v1', 'alerts', 'x']), {
      kind: 'method-not-allowed',
      allow: ['GET', 'HEAD'],
    });
    assert.deepEqual(table.match('GET', ['api', 'v1', 'alerts', 'x', 'ack']), {
      kind: 'method-not-allowed',
      allow: ['POST'],
    });
    assert.deepEqual(table.match('GET', ['api', 'v1']), { kind: 'not-found' });
    assert.deepEqual(table.match('GET', ['api', 'v1', 'alerts', '']), { kind: 'not-found' });
  });

  it('refuses malformed and duplicate routes with a TypeError', () => {
    assert.throws(() => new RouteTable([route('GET', '/a'), route('GET', '/a')]), {
      name: 'TypeError',
      message: 'two routes for GET /a',
    });
    assert.throws(() => new RouteTable([route('PATCH' as never, '/a')]), {
      name: 'TypeError',
      message: 'route 0 "method" must be one of GET, POST, PUT, DELETE',
    });
    assert.throws(() => new RouteTable([route('GET', 'a')]), {
      name: 'TypeError',
      message: 'route 0 "path" must be a string starting with /',
    });
    assert.throws(() => new RouteTable([{ ...route('GET', '/a'), kind: 'x' as never }]), {
      name: 'TypeError',
      message: `route /a "kind" must be 'api' or 'page'`,
    });
  });
});
