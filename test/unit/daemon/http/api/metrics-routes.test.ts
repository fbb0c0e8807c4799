import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { metricsRoutes } from '../../../../../daemon/http/api/metrics-routes.js';
import { callOf, fakeCtx, jsonOf, rejectsInput, routeOf, routeRows } from './fake-ctx.js';

const routes = metricsRoutes();
const NOW = Date.UTC(2026, 0, 31, 12, 0);

describe('metrics routes', () => {
  test('the routes, their permissions and kinds', () => {
    assert.deepEqual(routeRows(routes), [
      ['GET', '/api/v1/metrics', 'monitoring.read', 'api'],
      ['GET', '/api/v1/metrics/:name', 'monitoring.read', 'api'],
      ['POST', '/api/v1/metrics', 'monitoring.write', 'api'],
    ]);
  });

  test('GET /api/v1/metrics answers monitoring.metrics.list as it is', async () => {
    assert.deepEqual(await callOf(routes, 'GET', '/api/v1/metrics'), {
      method: 'monitoring.metrics.list',
      params: {},
    });
  });

  describe('GET /api/v1/metrics/:name', () => {
    const route = routeOf(routes, 'GET', '/api/v1/metrics/:name');
    const metric = {
      name: 'queue_depth',
      type: 'gauge',
      help: 'jobs waiting',
      series: [
        {
          name: 'queue_depth',
          labels: { q: 'a' },
          times: [NOW - 20_000, NOW - 10_000],
          values: [1, 2],
        },
        { name: 'queue_depth', labels: { q: 'b' }, times: [NOW - 10_000], values: [7] },
      ],
    };
    const handlers = { 'monitoring.metrics.get': () => metric };

    test('default: the last hour at raw resolution, in uPlot columns', async () => {
      const { ctx, calls } = fakeCtx({ params: { name: 'queue_depth' }, handlers });
      assert.deepEqual(await jsonOf(route, ctx), {
        status: 200,
        json: {
          name: 'queue_depth',
          type: 'gauge',
          help: 'jobs waiting',
          range: '1h',
          resolution: 'raw',
          stepMs: null,
          from: (NOW - 3_600_000) / 1000,
          to: NOW / 1000,
          timestamps: [(NOW - 20_000) / 1000, (NOW - 10_000) / 1000],
          series: [
            { labels: { q: 'a' }, values: [1, 2] },
            { labels: { q: 'b' }, values: [null, 7] },
          ],
        },
      });
      assert.deepEqual(calls, [
        { method: 'monitoring.metrics.get', params: { name: 'queue_depth', rangeMs: 3_600_000 } },
      ]);
    });

    test('each range asks for its span; the resolution follows the range unless given', async () => {
      const cases: Array<[string, number, string, number | null]> = [
        ['range=15m', 900_000, 'raw', null],
        ['range=6h', 21_600_000, 'raw', null],
        ['range=24h', 86_400_000, '1m', 60_000],
        ['range=7d', 604_800_000, '1h', 3_600_000],
        ['range=7d&resolution=1m', 604_800_000, '1m', 60_000],
        ['range=1h&resolution=1h', 3_600_000, '1h', 3_600_000],
        ['resolution=raw', 3_600_000, 'raw', null],
      ];
      for (const [query, rangeMs, resolution, stepMs] of cases) {
        const { ctx, calls } = fakeCtx({ params: { name: 'queue_depth' }, query, handlers });
        const json = (await jsonOf(route, ctx)).json as {
          resolution: string;
          stepMs: number | null;
        };
        assert.equal(json.resolution, resolution, query);
        assert.equal(json.stepMs, stepMs, query);
        assert.deepEqual(calls[0]?.params, { name: 'queue_depth', rangeMs }, query);
      }
    });

    test('a bad range or resolution is named with the allowed values', async () => {
      await rejectsInput(
        route,
        fakeCtx({ params: { name: 'm' }, query: 'range=2h', handlers }).ctx,
        '"range" must be one of 15m, 1h, 6h, 24h, 7d',
        'range',
      );
      await rejectsInput(
        route,
        fakeCtx({ params: { name: 'm' }, query: 'resolution=5m', handlers }).ctx,
        '"resolution" must be one of raw, 1m, 1h',
        'resolution',
      );
      await rejectsInput(
        route,
        fakeCtx({ params: { name: 'x'.repeat(201) }, handlers }).ctx,
        '"name" must be 1 to 200 characters',
        'name',
      );
    });

    test("the method's errors pass through (an unknown metric)", async () => {
      const { InvalidInputError } = await import('../../../../../src/protocol/errors.js');
      const { ctx } = fakeCtx({
        params: { name: 'nope' },
        handlers: {
          'monitoring.metrics.get': () => {
            throw new InvalidInputError("no metric named 'nope'", 'name');
          },
        },
      });
      await rejectsInput(route, ctx, "no metric named 'nope'", 'name');
    });
  });

  describe('POST /api/v1/metrics', () => {
    const route = routeOf(routes, 'POST', '/api/v1/metrics');

    test('pushes the samples as monitoring.push', async () => {
      const samples = [{ name: 'jobs_done', value: 3, type: 'counter', labels: { q: 'a' } }];
      const { ctx, calls } = fakeCtx({
        method: 'POST',
        body: { samples },
        handlers: { 'monitoring.push': () => ({ accepted: 1 }) },
      });
      assert.deepEqual(await jsonOf(route, ctx), { status: 200, json: { accepted: 1 } });
      assert.deepEqual(calls, [{ method: 'monitoring.push', params: { samples } }]);
    });

    test('a bad body is refused before the push, naming the field', async () => {
      const bad: Array<[unknown, string, string]> = [
        [{}, '"samples" is required', 'samples'],
        [
          { samples: [] },
          '"samples" is invalid: Too small: expected array to have >=1 items',
          'samples',
        ],
        [
          { samples: [{ name: 'a', value: 'high' }] },
          '"samples.0.value" is invalid: Invalid input: expected number, received string',
          'samples.0.value',
        ],
        [
          { samples: [{ name: 'a', value: 1, type: 'meter' }] },
          '"samples.0.type" is invalid: Invalid option: expected one of "counter"|"gauge"|"histogram"|"summary"',
          'samples.0.type',
        ],
        [
          { samples: [{ name: 'a', value: 1 }], extra: 1 },
          '"extra" is not a field of this route; this route takes samples',
          'extra',
        ],
      ];
      for (const [body, message, field] of bad) {
        const { ctx, calls } = fakeCtx({ method: 'POST', body });
        await rejectsInput(route, ctx, message, field);
        assert.deepEqual(calls, []);
      }
    });
  });
});
