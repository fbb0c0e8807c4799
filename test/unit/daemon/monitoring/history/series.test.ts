import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveHistoryOptions } from '../../../../../daemon/monitoring/history/options.js';
import { copyLabels, Series, seriesKey } from '../../../../../daemon/monitoring/history/series.js';
import { AppendResult } from '../../../../../daemon/monitoring/history/series-buffer.js';

const T0 = Date.UTC(2025, 0, 1);
const S = 1000;
const M = 60_000;
const H = 3_600_000;
// 1 s samples for 10 min, 1-min points for 1 h, 10-min points for 1 day.
const options = resolveHistoryOptions({
  intervalMs: S,
  retentionMs: 10 * M,
  rollups: [
    { stepMs: M, retentionMs: H },
    { stepMs: 10 * M, retentionMs: 24 * H },
  ],
});

function collect(series: Series, start = -Infinity, end = Infinity): number[][] {
  const out: number[][] = [];
  series.collect(start, end, (...p) => out.push(p));
  return out;
}

describe('seriesKey and copyLabels', () => {
  test('the key ignores key order and cannot be confused by separators', () => {
    assert.equal(seriesKey({ a: '1', b: '2' }), seriesKey({ b: '2', a: '1' }));
    assert.notEqual(seriesKey({ a: '1:b', c: '' }), seriesKey({ a: '1', bc: '' }));
    assert.notEqual(seriesKey({ a: 'x1:by' }), seriesKey({ a: 'x', b: 'y' }));
    assert.equal(seriesKey({}), '');
  });

  test('a cached key notices a mutated label object', () => {
    const labels: Record<string, string> = { job: 'a' };
    const first = seriesKey(labels);
    assert.equal(seriesKey(labels), first);
    labels.job = 'b';
    assert.equal(seriesKey(labels), seriesKey({ job: 'b' }));
    labels.extra = '';
    assert.equal(seriesKey(labels), seriesKey({ job: 'b', extra: '' }));
  });

  test('copyLabels freezes a sorted copy and checks values', () => {
    const copy = copyLabels({ z: '1', a: '2' });
    assert.deepEqual(Object.keys(copy), ['a', 'z']);
    assert.ok(Object.isFrozen(copy));
    assert.throws(() => copyLabels({ a: 1 } as never), TypeError);
  });
});

describe('Series', () => {
  test('out-of-order is refused even after the newest sample was folded', () => {
    const s = new Series('m', {}, '', [M, 10 * M]);
    assert.equal(s.append(T0 + 5 * S, 1), AppendResult.Added);
    assert.equal(s.append(T0 + 5 * S, 2), AppendResult.Overwritten);
    assert.equal(s.append(T0, 3), AppendResult.Refused);
    s.compact(T0 + H, options);
    assert.equal(s.full.count, 0);
    assert.equal(s.append(T0 + 5 * S, 4), AppendResult.Refused);
    assert.deepEqual(s.latest(), { timeMs: T0 + 5 * S, value: 2 });
  });

  test('compact folds whole buckets only, finest first, and stitches on read', () => {
    const s = new Series('m', {}, '', [M, 10 * M]);
    const values: number[] = [];
    for (let i = 0; i < 2 * 3600; i++) {
      values.push((i * 7919) % 1000);
      s.append(T0 + i * S, values[i]!);
    }
    const now = T0 + 2 * H + 30 * S; // full resolution keeps [now-10min, now]: cut at the minute
    const done = s.compact(now, options);
    const fullFrom = T0 + 2 * H - 10 * M; // bucketStart(now - 10 min, 1 min)
    assert.equal(s.full.firstTime, fullFrom);
    // 1-minute points keep the last hour; older ones went into 10-minute points
    assert.equal(s.levels[0]!.firstTime, T0 + H);
    assert.equal(s.levels[1]!.firstTime, T0);
    assert.equal(done.expired, 0);
    // 6600 samples went into 110 one-minute points, 60 of which went into 6 ten-minute points
    assert.equal(done.folded, 6600 + 60);
    assert.deepEqual([s.full.count, s.levels[0]!.count, s.levels[1]!.count], [600, 50, 6]);
    const stitched = collect(s);
    const times = stitched.map((p) => p[0]!);
    assert.ok(
      times.every((t, i) => i === 0 || t > times[i - 1]!),
      'strictly increasing',
    );
    assert.equal(stitched.length, 6 + 50 + 600);
    // check every point against the raw samples
    for (const [t, min, max, sum, count, last] of stitched) {
      const step = t! < T0 + H ? 10 * M : t! < fullFrom ? M : S;
      const first = (t! - T0) / S;
      const raw = values.slice(first, first + step / S);
      assert.deepEqual(
        [min, max, sum, count, last],
        [
          Math.min(...raw),
          Math.max(...raw),
          raw.reduce((a, b) => a + b, 0),
          raw.length,
          raw.at(-1),
        ],
        `point at ${t! - T0}`,
      );
    }
  });

  test('range reads take each level only where it is the finest', () => {
    const s = new Series('m', {}, '', [M, 10 * M]);
    for (let i = 0; i < 3600; i++) s.append(T0 + i * S, i);
    s.compact(T0 + H, options);
    const part = collect(s, T0 + 49 * M + 30 * S, T0 + 50 * M + 2 * S);
    assert.deepEqual(
      part.map((p) => [p[0]! - T0, p[5]]),
      [
        [50 * M, 3000],
        [50 * M + S, 3001],
        [50 * M + 2 * S, 3002],
      ],
    );
  });

  test('expiry past the last level, and without rollups', () => {
    const s = new Series('m', {}, '', [M, 10 * M]);
    for (let i = 0; i < 600; i++) s.append(T0 + i * S, i);
    const done = s.compact(T0 + 25 * H, options);
    assert.equal(s.size, 0);
    assert.equal(done.expired, 1); // one 10-minute point held everything
    const plain = new Series('m', {}, '', []);
    for (let i = 0; i < 600; i++) plain.append(T0 + i * S, i);
    const noRollups = resolveHistoryOptions({ intervalMs: S, retentionMs: 5 * M, rollups: [] });
    assert.deepEqual(plain.compact(T0 + 10 * M, noRollups), { folded: 0, expired: 300 });
    assert.equal(plain.full.firstTime, T0 + 5 * M);
  });

  test('bytes include the overhead and every level', () => {
    const s = new Series('metric', { a: 'b' }, seriesKey({ a: 'b' }), [M]);
    const empty = s.bytes;
    assert.ok(empty > 0);
    s.append(T0, 1);
    assert.ok(s.bytes > empty);
  });
});
