import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  countRun,
  HOUR_MS,
  hourOf,
  mergeBuckets,
  UPTIME_RETENTION_HOURS,
  uptimeOver,
  type PendingCounts,
  type UptimeBucket,
} from '../../../../../daemon/monitoring/checks/uptime-buckets.js';

const T0 = Date.UTC(2026, 0, 31, 12, 30); // half past noon
const H0 = hourOf(T0);

function pendingOf(runs: Array<[timeMs: number, ok: boolean]>): PendingCounts {
  const pending: PendingCounts = new Map();
  for (const [time, ok] of runs) countRun(pending, time, ok);
  return pending;
}

describe('hourOf', () => {
  test('floors to the epoch hour, UTC', () => {
    assert.equal(hourOf(0), 0);
    assert.equal(hourOf(HOUR_MS - 1), 0);
    assert.equal(hourOf(HOUR_MS), 1);
    assert.equal(hourOf(Date.UTC(2026, 0, 31, 12, 0)), H0);
    assert.equal(hourOf(Date.UTC(2026, 0, 31, 12, 59, 59, 999)), H0);
    assert.equal(hourOf(Date.UTC(2026, 0, 31, 13, 0)), H0 + 1);
  });
});

describe('countRun', () => {
  test('counts runs and passes per hour', () => {
    const pending = pendingOf([
      [T0, true],
      [T0 + 1000, false],
      [T0 + HOUR_MS, true],
    ]);
    assert.deepEqual(
      [...pending],
      [
        [H0, { ok: 1, total: 2 }],
        [H0 + 1, { ok: 1, total: 1 }],
      ],
    );
  });
});

describe('mergeBuckets', () => {
  test('adds pending counts to the stored bucket of the same hour and sorts by hour', () => {
    const stored: UptimeBucket[] = [
      [H0 - 2, 10, 10],
      [H0, 3, 4],
    ];
    const merged = mergeBuckets(
      stored,
      pendingOf([
        [T0, false],
        [T0 - HOUR_MS, true],
      ]),
      T0,
    );
    assert.deepEqual(merged, [
      [H0 - 2, 10, 10],
      [H0 - 1, 1, 1],
      [H0, 3, 5],
    ]);
    assert.deepEqual(stored, [
      [H0 - 2, 10, 10],
      [H0, 3, 4],
    ]);
  });

  test('keeps 31 days of hours: the oldest kept bucket is 743 hours before now', () => {
    const oldest = H0 - UPTIME_RETENTION_HOURS + 1;
    const merged = mergeBuckets(
      [
        [oldest - 1, 1, 1],
        [oldest, 2, 2],
      ],
      pendingOf([[(oldest - 5) * HOUR_MS, true]]),
      T0,
    );
    assert.deepEqual(merged, [[oldest, 2, 2]]);
    assert.equal(UPTIME_RETENTION_HOURS, 744);
  });

  test('a month of runs at every hour stays bounded to 744 buckets', () => {
    let buckets: UptimeBucket[] = [];
    for (let h = 0; h < 1000; h++) {
      const now = T0 + h * HOUR_MS;
      buckets = mergeBuckets(buckets, pendingOf([[now, h % 2 === 0]]), now);
    }
    assert.equal(buckets.length, 744);
    assert.equal(buckets[0]?.[0], H0 + 1000 - 744);
    assert.equal(buckets.at(-1)?.[0], H0 + 999);
  });

  test('nothing stored and nothing pending is an empty list', () => {
    assert.deepEqual(mergeBuckets([], undefined, T0), []);
  });
});

describe('uptimeOver', () => {
  const stored: UptimeBucket[] = [
    [H0 - 30 * 24, 0, 50], // 30 days ago: outside 30 d (the window is hours H0-719 .. H0)
    [H0 - 30 * 24 + 1, 5, 10], // inside 30 d only
    [H0 - 24 * 7 + 1, 9, 10], // inside 7 d
    [H0 - 24, 0, 10], // just outside 24 h
    [H0 - 23, 8, 10], // inside 24 h
  ];

  test('24 h is the current hour and the 23 before it', () => {
    assert.equal(uptimeOver(stored, undefined, T0, 24), 0.8);
  });

  test('7 d and 30 d add the older buckets', () => {
    assert.equal(uptimeOver(stored, undefined, T0, 7 * 24), (9 + 0 + 8) / 30);
    assert.equal(uptimeOver(stored, undefined, T0, 30 * 24), (5 + 9 + 0 + 8) / 40);
  });

  test('pending counts are included', () => {
    assert.equal(
      uptimeOver(
        stored,
        pendingOf([
          [T0, false],
          [T0, false],
        ]),
        T0,
        24,
      ),
      8 / 12,
    );
    assert.equal(uptimeOver([], pendingOf([[T0, true]]), T0, 24), 1);
  });

  test('no runs in the window is null, not 0 or 100%', () => {
    assert.equal(uptimeOver([], undefined, T0, 24), null);
    assert.equal(
      uptimeOver([[H0 - 48, 1, 1]], pendingOf([[T0 - 48 * HOUR_MS, true]]), T0, 24),
      null,
    );
  });

  test('a moving clock moves the window', () => {
    assert.equal(uptimeOver(stored, undefined, T0 - HOUR_MS, 24), 8 / 20);
    assert.equal(uptimeOver(stored, undefined, T0 + HOUR_MS, 24), null);
  });
});
