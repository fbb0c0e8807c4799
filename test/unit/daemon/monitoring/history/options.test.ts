import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_HISTORY_OPTIONS,
  resolveHistoryOptions,
  type HistoryOptions,
} from '../../../../../daemon/monitoring/history/options.js';

describe('resolveHistoryOptions', () => {
  test('defaults', () => {
    const o = resolveHistoryOptions();
    assert.equal(o.intervalMs, 10_000);
    assert.equal(o.retentionMs, 86_400_000);
    assert.deepEqual(o.rollups, [
      { stepMs: 60_000, retentionMs: 7 * 86_400_000 },
      { stepMs: 3_600_000, retentionMs: 90 * 86_400_000 },
    ]);
    assert.equal(o.maxSeries, 100_000);
    assert.equal(o.maxBytes, 512 * 1024 * 1024);
    assert.deepEqual(o, DEFAULT_HISTORY_OPTIONS);
    assert.ok(Object.isFrozen(o) && Object.isFrozen(o.rollups));
  });

  test('overrides and an empty rollup list', () => {
    const o = resolveHistoryOptions({
      intervalMs: 1000,
      retentionMs: 60_000,
      rollups: [],
      maxSeries: 5,
    });
    assert.equal(o.intervalMs, 1000);
    assert.deepEqual(o.rollups, []);
    assert.equal(o.maxSeries, 5);
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['intervalMs', { intervalMs: 0 }, /intervalMs/],
    ['intervalMs', { intervalMs: 1.5 }, /intervalMs/],
    ['retentionMs', { retentionMs: '1h' }, /retentionMs/],
    ['maxSeries', { maxSeries: -1 }, /maxSeries/],
    ['maxBytes', { maxBytes: Number.NaN }, /maxBytes/],
    ['retention below interval', { intervalMs: 10_000, retentionMs: 5_000 }, /retentionMs/],
    ['rollups not an array', { rollups: {} }, /rollups/],
    ['rollup not an object', { rollups: [1] }, /rollups\[0\]/],
    ['rollup step missing', { rollups: [{ retentionMs: 7 * 86_400_000 }] }, /rollups\[0\]\.stepMs/],
    [
      'rollup step below interval',
      { rollups: [{ stepMs: 5_000, retentionMs: 7 * 86_400_000 }] },
      /rollups\[0\]\.stepMs/,
    ],
    [
      'rollup step not a multiple',
      {
        rollups: [
          { stepMs: 60_000, retentionMs: 2 * 86_400_000 },
          { stepMs: 90_000, retentionMs: 3 * 86_400_000 },
        ],
      },
      /rollups\[1\]\.stepMs/,
    ],
    [
      'rollup retention not longer',
      { rollups: [{ stepMs: 60_000, retentionMs: 3_600_000 }] },
      /rollups\[0\]\.retentionMs/,
    ],
    ['unknown option', { retention: 5 }, /unknown history option retention/],
  ];
  for (const [what, options, message] of bad) {
    test(`refuses ${what} with a TypeError naming it`, () => {
      assert.throws(
        () => resolveHistoryOptions(options as HistoryOptions),
        (error: unknown) => {
          assert.ok(error instanceof TypeError);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});
