import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import { streamRoute } from '../../../../../daemon/http/api/stream-route.js';
import { StreamSlots } from '../../../../../daemon/http/api/stream-slots.js';
import type { HttpResult } from '../../../../../daemon/http/types.js';
import { ADA, fakeCtx, rejectsInput } from './fake-ctx.js';

function fakeCore(allowed: Record<string, boolean>) {
  const listeners = new Set<(e: unknown) => void>();
  return {
    health: new EventEmitter(),
    monitoring: new EventEmitter(),
    audit: {
      subscribe: (l: (e: unknown) => void) => (listeners.add(l), () => listeners.delete(l)),
      emit: (e: unknown) => listeners.forEach((l) => l(e)),
    },
    security: {
      checkPermission: (username: string, permission: string) => ({
        allowed: permission === 'security.read' && allowed[username] === true,
      }),
    },
  };
}

type Sse = Extract<HttpResult, { sse: unknown }>;

function open(result: HttpResult) {
  assert.ok('sse' in result, 'an event stream');
  const got: Array<[string, unknown]> = [];
  const controller = new AbortController();
  (result as Sse).sse((event, data) => void got.push([event, data]), controller.signal);
  return { got, close: () => controller.abort() };
}

describe('GET /api/v1/stream', () => {
  test('an SSE route for monitoring.read', () => {
    const route = streamRoute();
    assert.deepEqual(
      [route.method, route.path, route.permission, route.kind],
      ['GET', '/api/v1/stream', 'monitoring.read', 'api'],
    );
  });

  test('streams the engine events; security events only with security.read; stops on abort', async () => {
    const route = streamRoute();
    const core = fakeCore({ ada: true });
    const ada = open(await route.handle(fakeCtx({ core }).ctx));
    const bob = open(
      await route.handle(fakeCtx({ core, principal: { ...ADA, username: 'bob' } }).ctx),
    );
    core.monitoring.emit('check', { name: 'web' });
    core.audit.emit({ type: 'user.created' });
    assert.deepEqual(ada.got, [
      ['checks', { name: 'web' }],
      ['security', { type: 'user.created' }],
    ]);
    assert.deepEqual(bob.got, [['checks', { name: 'web' }]]);
    ada.close();
    bob.close();
    assert.equal(core.monitoring.listenerCount('check'), 0);
    core.monitoring.emit('check', { name: 'db' });
    assert.equal(ada.got.length, 2);
  });

  test('past the per-user bound: 429 RATE_LIMITED with Retry-After; a closed stream frees its slot', async () => {
    const route = streamRoute({ slots: new StreamSlots({ total: 10, perUser: 2 }) });
    const core = fakeCore({});
    const first = open(await route.handle(fakeCtx({ core }).ctx));
    open(await route.handle(fakeCtx({ core }).ctx));
    await assert.rejects(async () => route.handle(fakeCtx({ core }).ctx), {
      name: 'HttpError',
      code: 'RATE_LIMITED',
      status: 429,
      message: 'too many open event streams for ada (at most 2); close one, such as another tab',
      headers: { 'retry-after': '10' },
    });
    first.close();
    open(await route.handle(fakeCtx({ core }).ctx));
  });

  test('a stream aborted before it starts takes no slot', async () => {
    const slots = new StreamSlots({ total: 1, perUser: 1 });
    const route = streamRoute({ slots });
    const result = (await route.handle(fakeCtx({ core: fakeCore({}) }).ctx)) as Sse;
    const controller = new AbortController();
    controller.abort();
    result.sse(() => undefined, controller.signal);
    assert.equal(slots.open, 0);
  });

  test('a query parameter is refused', async () => {
    await rejectsInput(
      streamRoute(),
      fakeCtx({ query: 'topics=checks', core: fakeCore({}) }).ctx,
      '"topics" is not a query parameter of this route; this route takes none',
      'topics',
    );
  });
});
