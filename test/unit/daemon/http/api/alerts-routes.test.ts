import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { alertsRoutes } from '../../../../../daemon/http/api/alerts-routes.js';
import { fakeCtx, jsonOf, rejectsInput, routeOf, routeRows } from './fake-ctx.js';

const routes = alertsRoutes();

function alert(id: string, state: 'pending' | 'firing', muted: string | null) {
  return { id, rule: 'HighLoad', severity: 'warning', state, muted, labels: {}, annotations: {} };
}

describe('alerts routes', () => {
  test('the routes, their permissions and kinds', () => {
    assert.deepEqual(routeRows(routes), [
      ['GET', '/api/v1/alerts', 'monitoring.read', 'api'],
      ['POST', '/api/v1/alerts/:id/ack', 'monitoring.write', 'api'],
      ['GET', '/api/v1/silences', 'monitoring.read', 'api'],
      ['POST', '/api/v1/silences', 'monitoring.write', 'api'],
      ['DELETE', '/api/v1/silences/:id', 'monitoring.write', 'api'],
    ]);
  });

  describe('GET /api/v1/alerts', () => {
    const route = routeOf(routes, 'GET', '/api/v1/alerts');
    const alerts = [
      alert('a1', 'firing', null),
      alert('a2', 'pending', null),
      alert('a3', 'firing', 'silenced'),
    ];
    const history = [{ kind: 'firing', id: 'a1' }];
    const handlers = {
      'monitoring.alerts.list': (p: unknown) => ({
        alerts,
        history: (p as { history?: boolean }).history === true ? history : [],
      }),
    };

    test('all current alerts and no history by default', async () => {
      const { ctx, calls } = fakeCtx({ handlers });
      assert.deepEqual(await jsonOf(route, ctx), { status: 200, json: { alerts, history: [] } });
      assert.deepEqual(calls, [{ method: 'monitoring.alerts.list', params: { history: false } }]);
    });

    test('all=1 (or history=1) adds the history, limit bounds it', async () => {
      for (const query of ['all=1', 'history=1', 'all=true&history=1']) {
        const { ctx } = fakeCtx({ handlers, query });
        assert.deepEqual((await jsonOf(route, ctx)).json, { alerts, history }, query);
      }
      const { ctx, calls } = fakeCtx({ handlers, query: 'all=1&limit=20' });
      await route.handle(ctx);
      assert.deepEqual(calls[0]?.params, { history: true, limit: 20 });
    });

    test('rule and since go to the method; since is a duration back from now or a zoned time', async () => {
      const { ctx, calls, clock } = fakeCtx({ handlers, query: 'all=1&rule=HighLoad&since=1h' });
      await route.handle(ctx);
      assert.deepEqual(calls[0]?.params, {
        history: true,
        rule: 'HighLoad',
        since: new Date(clock.now() - 3_600_000).toISOString(),
      });
      const at = fakeCtx({ handlers, query: 'all=1&since=2026-01-31T13:00:00%2B01:00' });
      await route.handle(at.ctx);
      assert.deepEqual(at.calls[0]?.params, { history: true, since: '2026-01-31T12:00:00.000Z' });
    });

    test('a bad rule or since is named', async () => {
      const since =
        '"since" must be a duration like 15m or 1h, or an ISO 8601 time with a zone such as 2026-01-31T12:00:00Z';
      for (const bad of ['yesterday', '0s', '2026-01-31T12:00:00', '2026-02-30T00:00:00Z'])
        await rejectsInput(
          route,
          fakeCtx({ handlers, query: `all=1&since=${bad}` }).ctx,
          since,
          'since',
        );
      await rejectsInput(
        route,
        fakeCtx({ handlers, query: 'since=1h' }).ctx,
        '"since" needs all=1: it narrows the transition history',
        'since',
      );
      await rejectsInput(
        route,
        fakeCtx({ handlers, query: `rule=${'r'.repeat(201)}` }).ctx,
        '"rule" must be 1 to 200 characters',
        'rule',
      );
    });

    test('state and muted filter the alerts', async () => {
      const ids = async (query: string) =>
        (
          (await jsonOf(route, fakeCtx({ handlers, query }).ctx)).json as {
            alerts: Array<{ id: string }>;
          }
        ).alerts.map((a) => a.id);
      assert.deepEqual(await ids('state=firing'), ['a1', 'a3']);
      assert.deepEqual(await ids('state=pending'), ['a2']);
      assert.deepEqual(await ids('muted=none'), ['a1', 'a2']);
      assert.deepEqual(await ids('muted=silenced'), ['a3']);
      assert.deepEqual(await ids('state=firing&muted=none'), ['a1']);
      assert.deepEqual(await ids('muted=acked'), []);
    });

    test('bad filters are named', async () => {
      const bad: Array<[string, string, string]> = [
        ['state=resolved', '"state" must be one of pending, firing', 'state'],
        [
          'muted=snoozed',
          '"muted" must be one of none, acked, silenced, inhibited, maintenance',
          'muted',
        ],
        ['all=yes', '"all" must be 1 or 0 (true or false)', 'all'],
        ['limit=0', '"limit" must be an integer from 1 to 10000', 'limit'],
        ['all=1&history=0', '"all" and "history" say different things; give one', 'all'],
        [
          'severity=critical',
          '"severity" is not a query parameter of this route; this route takes state, muted, all, history, limit, rule, since',
          'severity',
        ],
      ];
      for (const [query, message, field] of bad)
        await rejectsInput(route, fakeCtx({ handlers, query }).ctx, message, field);
    });
  });

  describe('POST /api/v1/alerts/:id/ack', () => {
    const route = routeOf(routes, 'POST', '/api/v1/alerts/:id/ack');
    const ack = { alertId: 'a1', comment: 'on it' };

    test('acknowledges with the comment and optional duration', async () => {
      const { ctx, calls } = fakeCtx({
        method: 'POST',
        params: { id: 'a1' },
        body: { comment: 'on it', durationMs: 7_200_000 },
        handlers: { 'monitoring.alerts.ack': () => ({ ack }) },
      });
      assert.deepEqual(await jsonOf(route, ctx), { status: 200, json: { ack } });
      assert.deepEqual(calls, [
        {
          method: 'monitoring.alerts.ack',
          params: { id: 'a1', comment: 'on it', durationMs: 7_200_000 },
        },
      ]);
    });

    test('a missing comment, a bad duration or an id in the body is refused', async () => {
      const bad: Array<[unknown, string, string]> = [
        [{}, '"comment" is required', 'comment'],
        [
          { comment: '' },
          '"comment" is invalid: Too small: expected string to have >=1 characters',
          'comment',
        ],
        [
          { comment: 'x', durationMs: 10 },
          '"durationMs" is invalid: Too small: expected number to be >=1000',
          'durationMs',
        ],
        [
          { comment: 'x', id: 'a2' },
          '"id" is not a field of this route; this route takes comment, durationMs',
          'id',
        ],
      ];
      for (const [body, message, field] of bad) {
        await rejectsInput(
          route,
          fakeCtx({ method: 'POST', params: { id: 'a1' }, body }).ctx,
          message,
          field,
        );
      }
      await rejectsInput(
        route,
        fakeCtx({ method: 'POST', params: { id: 'x'.repeat(65) }, body: { comment: 'x' } }).ctx,
        '"id" must be 1 to 64 characters',
        'id',
      );
    });
  });

  describe('silences', () => {
    const silence = { id: 's1', matchers: ['rule="HighLoad"'] };

    test('GET lists them', async () => {
      const { ctx } = fakeCtx({
        handlers: { 'monitoring.silences.list': () => ({ silences: [silence] }) },
      });
      assert.deepEqual((await jsonOf(routeOf(routes, 'GET', '/api/v1/silences'), ctx)).json, {
        silences: [silence],
      });
    });

    test('POST adds one with the params of monitoring.silences.add', async () => {
      const body = { matchers: ['rule="HighLoad"'], durationMs: 3_600_000, comment: 'deploy' };
      const { ctx, calls } = fakeCtx({
        method: 'POST',
        body,
        handlers: { 'monitoring.silences.add': () => ({ silence }) },
      });
      assert.deepEqual((await jsonOf(routeOf(routes, 'POST', '/api/v1/silences'), ctx)).json, {
        silence,
      });
      assert.deepEqual(calls, [{ method: 'monitoring.silences.add', params: body }]);
      await rejectsInput(
        routeOf(routes, 'POST', '/api/v1/silences'),
        fakeCtx({ method: 'POST', body: { matchers: [], durationMs: 60_000, comment: 'x' } }).ctx,
        '"matchers" is invalid: Too small: expected array to have >=1 items',
        'matchers',
      );
      await rejectsInput(
        routeOf(routes, 'POST', '/api/v1/silences'),
        fakeCtx({ method: 'POST', body: { matchers: ['a="b"'], comment: 'x' } }).ctx,
        '"durationMs" is required',
        'durationMs',
      );
    });

    test('DELETE removes one by id', async () => {
      const { ctx, calls } = fakeCtx({
        method: 'DELETE',
        params: { id: 's1' },
        handlers: { 'monitoring.silences.remove': () => ({ silence }) },
      });
      assert.deepEqual(
        (await jsonOf(routeOf(routes, 'DELETE', '/api/v1/silences/:id'), ctx)).json,
        { silence },
      );
      assert.deepEqual(calls, [{ method: 'monitoring.silences.remove', params: { id: 's1' } }]);
    });
  });
});
