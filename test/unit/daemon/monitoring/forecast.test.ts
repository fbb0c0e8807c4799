import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { forecast, leastSquares } from '../../../../daemon/monitoring/forecast.js';
import { MemorySeriesSource } from '../../../../daemon/monitoring/rules/memory-source.js';

const T0 = Date.UTC(2026, 0, 5);
const MINUTE = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

describe('leastSquares', () => {
  test('is exact on a line, with the intercept at t0', () => {
    assert.deepEqual(leastSquares([0, 1000, 2000, 3000], [0, 500, 1000, 1500], 3000), { slope: 0.5, intercept: 1500, n: 4 });
    assert.deepEqual(leastSquares([0, 1000, 2000, 3000], [0, 500, 1000, 1500], 0), { slope: 0.5, intercept: 0, n: 4 });
    assert.deepEqual(leastSquares(new Float64Array([T0, T0 + 1000]), new Float64Array([10, 8]), T0 + 1000), { slope: -0.002, intercept: 8, n: 2 });
  });

  test('skips values that are not finite', () => {
    assert.deepEqual(leastSquares([0, 1000, 2000, 3000], [0, 500, NaN, 1500], 3000), { slope: 0.5, intercept: 1500, n: 3 });
    assert.deepEqual(leastSquares([0, 1000, 2000], [Infinity, 4, 4], 0), { slope: 0, intercept: 4, n: 2 });
  });

  test('with fewer than two points there is no slope', () => {
    assert.deepEqual(leastSquares([5], [7], 0), { slope: 0, intercept: 7, n: 1 });
    assert.deepEqual(leastSquares([], [], 0), { slope: 0, intercept: NaN, n: 0 });
    assert.deepEqual(leastSquares([0, 1000], [NaN, 3], 0), { slope: 0, intercept: 3, n: 1 });
  });

  test('points all at one time give no slope and their mean', () => {
    assert.deepEqual(leastSquares([1, 1], [2, 4], 0), { slope: 0, intercept: 3, n: 2 });
  });
});

describe('forecast', () => {
  // One value a minute over ten minutes; now is the last one.
  const source = new MemorySeriesSource(
    {
      'disk{mount="/"}': '50+1x10',
      'disk{mount="/var"}': '80-2x10',
      'disk{mount="/srv"}': '70x10',
      'disk{mount="/one"}': '_x10 5',
    },
    { startMs: T0 },
  );
  const now = T0 + 10 * MINUTE;
  const rows = (threshold: number | null) => forecast(source, 'disk', now, 10 * MINUTE, threshold);

  test('a rising series crosses an upper threshold at its trend', () => {
    assert.deepEqual(rows(90)[0], { labels: { mount: '/' }, current: 60, slopePerHour: 60, crossesAt: iso(now + 30 * MINUTE), samples: 11 });
  });

  test('a falling series crosses a lower threshold at its trend', () => {
    assert.deepEqual(rows(40)[1], { labels: { mount: '/var' }, current: 60, slopePerHour: -120, crossesAt: iso(now + 10 * MINUTE), samples: 11 });
  });

  test('no crossing when the trend moves away, is flat, has one point, or no threshold is given', () => {
    assert.deepEqual(rows(90).map((r) => r.crossesAt), [iso(now + 30 * MINUTE), null, null, null]);
    assert.deepEqual(rows(40).map((r) => r.crossesAt), [null, iso(now + 10 * MINUTE), null, null]);
    assert.deepEqual(rows(null).map((r) => r.crossesAt), [null, null, null, null]);
    assert.deepEqual(rows(90)[3], { labels: { mount: '/one' }, current: 5, slopePerHour: 0, crossesAt: null, samples: 1 });
  });

  test('a threshold already passed (or reached) gives null; current says where it stands', () => {
    const [root] = rows(55);
    assert.deepEqual(root, { labels: { mount: '/' }, current: 60, slopePerHour: 60, crossesAt: null, samples: 11 });
    assert.equal(rows(60)[0]?.crossesAt, null);
  });

  test('only the samples within the range count', () => {
    assert.deepEqual(forecast(source, 'disk', now, 2 * MINUTE, 90)[0], { labels: { mount: '/' }, current: 60, slopePerHour: 60, crossesAt: iso(now + 30 * MINUTE), samples: 3 });
  });

  test('an unknown metric gives no rows', () => {
    assert.deepEqual(forecast(source, 'nothing', now, 10 * MINUTE, 90), []);
  });
});
