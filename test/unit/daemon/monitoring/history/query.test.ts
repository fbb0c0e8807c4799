import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveHistoryOptions } from '../../../../../daemon/monitoring/history/options.js';
import { rangeOf, rollupOf } from '../../../../../daemon/monitoring/history/query.js';
import { Series } from '../../../../../daemon/monitoring/history/series.js';

const T0 = Date.UTC(2025, 0, 1);
const M = 60_000;

function series(): Series {
  const s = new Series('m', { a: 'b' }, 'k', [M]);
  // 1 s samples for 10 minutes: value = second index
  for (let i = 0; i < 600; i++) s.append(T0 + i * 1000, i);
  s.compact(
    T0 + 600_000,
    resolveHistoryOptions({
      intervalMs: 1000,
      retentionMs: 300_000,
      rollups: [{ stepMs: M, retentionMs: 3_600_000 }],
    }),
  );
  return s;
}

describe('query', () => {
  test('rangeOf: averages of rollup points, then exact samples', () => {
    const r = rangeOf(series(), T0, T0 + 301_000)!;
    assert.equal(r.name, 'm');
    assert.deepEqual(r.labels, { a: 'b' });
    assert.deepEqual(
      [...r.times].map((t) => t - T0),
      [0, M, 2 * M, 3 * M, 4 * M, 300_000, 301_000],
    );
    assert.deepEqual([...r.values], [29.5, 89.5, 149.5, 209.5, 269.5, 300, 301]);
    assert.equal(rangeOf(series(), T0 + 1e9, T0 + 2e9), undefined);
  });

  test('rollupOf: every field, and re-bucketing', () => {
    const r = rollupOf(series(), T0, T0 + 299_000)!;
    assert.deepEqual([...r.min], [0, 60, 120, 180, 240]);
    assert.deepEqual([...r.max], [59, 119, 179, 239, 299]);
    assert.deepEqual([...r.count], [60, 60, 60, 60, 60]);
    assert.deepEqual([...r.last], [59, 119, 179, 239, 299]);
    assert.equal(r.sum[0], (59 * 60) / 2);
    const coarse = rollupOf(series(), T0, T0 + 600_000, 5 * M)!;
    assert.deepEqual(
      [...coarse.times].map((t) => t - T0),
      [0, 300_000],
    );
    assert.deepEqual([...coarse.count], [300, 300]);
    assert.deepEqual([...coarse.min], [0, 300]);
    assert.deepEqual([...coarse.max], [299, 599]);
    assert.equal(coarse.sum[1], ((300 + 599) * 300) / 2);
    assert.equal(rollupOf(series(), 0, 1), undefined);
  });
});
