import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { historyLayout } from '../../../../../daemon/monitoring/history/layout.js';
import { resolveHistoryOptions } from '../../../../../daemon/monitoring/history/options.js';
import { configKeys } from '../../../../../daemon/config/keys.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const MINUTE_LEVEL = { stepMs: M, retentionMs: 7 * D };
const HOUR_LEVEL = { stepMs: H, retentionMs: 90 * D };

describe('historyLayout', () => {
  test('the defaults (10s, 24h) keep both levels', () => {
    assert.deepEqual(historyLayout(10 * S, D), { intervalMs: 10 * S, retentionMs: D, rollups: [MINUTE_LEVEL, HOUR_LEVEL] });
  });

  // Retention edges at the default 10 s interval: a level whose retention is not longer than the
  // level below it would never receive data, so it goes.
  const retentions: Array<[string, number, object[]]> = [
    ['1h', H, [MINUTE_LEVEL, HOUR_LEVEL]],
    ['24h', D, [MINUTE_LEVEL, HOUR_LEVEL]],
    ['7d (equal to the 1m level: dropped)', 7 * D, [HOUR_LEVEL]],
    ['8d', 8 * D, [HOUR_LEVEL]],
    ['30d', 30 * D, [HOUR_LEVEL]],
    ['90d (equal to the 1h level: dropped)', 90 * D, []],
  ];
  for (const [label, retention, rollups] of retentions) {
    test(`retention ${label}`, () => {
      assert.deepEqual(historyLayout(10 * S, retention), { intervalMs: 10 * S, retentionMs: retention, rollups });
    });
  }

  // Interval edges at the default 24 h retention: the first level's step must be at least the
  // interval.
  const intervals: Array<[string, number, object[]]> = [
    ['1s', S, [MINUTE_LEVEL, HOUR_LEVEL]],
    ['10s', 10 * S, [MINUTE_LEVEL, HOUR_LEVEL]],
    ['59s', 59 * S, [MINUTE_LEVEL, HOUR_LEVEL]],
    ['1m (equal step kept)', M, [MINUTE_LEVEL, HOUR_LEVEL]],
    ['2m', 2 * M, [HOUR_LEVEL]],
    ['1h', H, [HOUR_LEVEL]],
  ];
  for (const [label, interval, rollups] of intervals) {
    test(`interval ${label}`, () => {
      assert.deepEqual(historyLayout(interval, D), { intervalMs: interval, retentionMs: D, rollups });
    });
  }

  test('retention 8d with interval 2m (the reported pair) keeps only the 1h level', () => {
    assert.deepEqual(historyLayout(2 * M, 8 * D).rollups, [HOUR_LEVEL]);
  });

  test('a retention shorter than the interval is raised to one interval', () => {
    assert.deepEqual(historyLayout(H, M), { intervalMs: H, retentionMs: H, rollups: [HOUR_LEVEL] });
    assert.deepEqual(historyLayout(2 * M, M).retentionMs, 2 * M);
  });

  test('other levels: a step that is not a larger multiple of the kept finer step is dropped', () => {
    const levels = [
      { stepMs: M, retentionMs: 2 * D },
      { stepMs: 90 * S, retentionMs: 3 * D },
      { stepMs: M, retentionMs: 4 * D },
      { stepMs: 5 * M, retentionMs: 5 * D },
    ];
    assert.deepEqual(historyLayout(10 * S, D, levels).rollups, [levels[0], levels[3]]);
    assert.deepEqual(historyLayout(10 * S, D, []).rollups, []);
  });

  test('every scrapeInterval × retention the config accepts gives valid history options', () => {
    const interval = configKeys['monitoring.scrapeInterval'];
    const retention = configKeys['monitoring.retention'];
    const intervals = [interval.minMs, 10 * S, 59 * S, M, 61 * S, 2 * M, 7 * M, 45 * M, interval.maxMs];
    const retentions = [retention.minMs, 59 * M, H, D, 7 * D - 1, 7 * D, 8 * D, 30 * D, 90 * D - 1, retention.maxMs];
    for (const i of intervals) {
      for (const r of retentions) {
        const layout = historyLayout(i, r);
        assert.doesNotThrow(() => resolveHistoryOptions(layout), `interval ${i} ms, retention ${r} ms`);
        assert.ok(layout.retentionMs >= r, 'never keeps less than configured');
      }
    }
  });
});
