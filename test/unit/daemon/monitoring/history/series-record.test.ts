import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveHistoryOptions } from '../../../../../daemon/monitoring/history/options.js';
import { Series, seriesKey } from '../../../../../daemon/monitoring/history/series.js';
import {
  seriesFromRecord,
  seriesToRecord,
} from '../../../../../daemon/monitoring/history/series-record.js';

const T0 = Date.UTC(2025, 0, 1);
const options = resolveHistoryOptions({
  intervalMs: 1000,
  retentionMs: 600_000,
  rollups: [
    { stepMs: 60_000, retentionMs: 1_800_000 },
    { stepMs: 600_000, retentionMs: 7_200_000 },
  ],
});

function sample(): Series {
  const labels = { job: 'x' };
  const s = new Series('m', labels, seriesKey(labels), [60_000, 600_000]);
  for (let i = 0; i < 3600; i++) s.append(T0 + i * 1000, i * 0.1);
  s.compact(T0 + 3600 * 1000, options);
  return s;
}

function points(s: Series): number[][] {
  const out: number[][] = [];
  s.collect(-Infinity, Infinity, (...p) => out.push(p));
  return out;
}

describe('series records', () => {
  test('round trip', () => {
    const s = sample();
    const back = seriesFromRecord(seriesToRecord(s), [60_000, 600_000]);
    assert.deepEqual(points(back), points(s));
    assert.equal(back.lastTime, s.lastTime);
    assert.equal(back.key, s.key);
    assert.deepEqual(back.labels, s.labels);
  });

  test('a level no longer configured is dropped', () => {
    const back = seriesFromRecord(seriesToRecord(sample()), [60_000, 3_600_000]);
    assert.equal(back.levels[1]!.count, 0);
    assert.ok(back.levels[0]!.count > 0);
  });

  test('broken invariants are refused', () => {
    const record = seriesToRecord(sample());
    assert.throws(
      () => seriesFromRecord({ ...record, name: '' }, [60_000, 600_000]),
      /empty metric name/,
    );
    assert.throws(
      () => seriesFromRecord({ ...record, lastTime: T0 }, [60_000, 600_000]),
      /newer than/,
    );
    // the 10-minute level claiming data newer than the 1-minute level's oldest point
    const overlapping = { stepMs: 600_000, chunks: record.levels[0]!.chunks };
    assert.throws(
      () =>
        seriesFromRecord(
          { ...record, levels: [record.levels[0]!, overlapping] },
          [60_000, 600_000],
        ),
      /overlap/,
    );
  });
});
