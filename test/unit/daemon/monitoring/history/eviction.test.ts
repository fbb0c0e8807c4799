import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evictOldest } from '../../../../../daemon/monitoring/history/eviction.js';
import { resolveHistoryOptions } from '../../../../../daemon/monitoring/history/options.js';
import { Series } from '../../../../../daemon/monitoring/history/series.js';

const T0 = Date.UTC(2025, 0, 1);
const options = resolveHistoryOptions({
  intervalMs: 1000,
  retentionMs: 600_000,
  rollups: [{ stepMs: 60_000, retentionMs: 3_600_000 }],
});

function filled(name: string, offsetMs: number, samples: number): Series {
  const s = new Series(name, {}, '', [60_000]);
  for (let i = 0; i < samples; i++) s.append(T0 + offsetMs + i * 1000, i);
  return s;
}

describe('evictOldest', () => {
  test('drops the globally oldest blocks first and reports what went', () => {
    const old = filled('old', 0, 2000);
    const recent = filled('recent', 1_000_000, 2000);
    const before = old.bytes + recent.bytes;
    const firstEnd = old.full.chunkEnd(0);
    assert.equal(firstEnd, T0 + 511 * 1000); // blocks fill up to 512 samples
    const result = evictOldest([recent, old], 1);
    assert.equal(result.samples, 512);
    assert.equal(old.full.firstTime, firstEnd + 1000);
    assert.equal(recent.full.count, 2000);
    assert.equal(result.bytes, before - old.bytes - recent.bytes);
    assert.deepEqual(result.emptied, []);
  });

  test('takes the coarse level of a series before its samples, and reports emptied series', () => {
    const s = filled('s', 0, 1800);
    s.compact(T0 + 1800 * 1000, options); // 20 min folded into 1-minute points
    assert.ok(s.levels[0]!.count > 0);
    const first = evictOldest([s], 1);
    assert.equal(first.points, 20);
    assert.equal(first.samples, 0);
    const all = evictOldest([s], Infinity);
    assert.equal(all.samples, 600);
    assert.deepEqual(all.emptied, [s]);
    assert.equal(s.size, 0);
  });

  test('across many series, every dropped block is older than every kept one', () => {
    const all = Array.from({ length: 30 }, (_, i) =>
      filled(`s${i}`, ((i * 7) % 30) * 37_000, 1500 + i * 10),
    );
    const ends = (s: Series): number[] =>
      Array.from({ length: s.full.chunkCount }, (_, c) => s.full.chunkEnd(c));
    const before = all.map(ends);
    const total = all.reduce((n, s) => n + s.bytes, 0);
    const result = evictOldest(all, total / 2);
    assert.ok(result.bytes >= total / 2);
    const dropped: number[] = [];
    const kept: number[] = [];
    all.forEach((s, i) => {
      const gone = before[i]!.length - s.full.chunkCount;
      dropped.push(...before[i]!.slice(0, gone));
      kept.push(...before[i]!.slice(gone));
    });
    assert.ok(dropped.length > 0 && kept.length > 0);
    assert.ok(Math.max(...dropped) <= Math.min(...kept));
  });
});
