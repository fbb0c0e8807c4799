import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  chartColumns,
  DEFAULT_RESOLUTION,
  RANGES,
  RESOLUTIONS,
} from '../../../../../daemon/http/api/chart-data.js';
import type { SeriesData } from '../../../../../src/protocol/schemas.js';

const T = Date.UTC(2026, 0, 31, 12, 0); // on a whole hour

function series(labels: Record<string, string>, points: Array<[number, number]>): SeriesData {
  return { name: 'm', labels, times: points.map((p) => p[0]), values: points.map((p) => p[1]) };
}

describe('chartColumns: raw', () => {
  test('one shared axis in Unix seconds, one column per label set, null where a series has no sample', () => {
    const a = series({ route: '/a' }, [
      [T, 1],
      [T + 10_000, 2],
      [T + 20_000, 3],
    ]);
    const b = series({ route: '/b' }, [
      [T + 10_000, 5],
      [T + 20_000, 6],
    ]);
    assert.deepEqual(chartColumns([a, b], null), {
      timestamps: [T / 1000, T / 1000 + 10, T / 1000 + 20],
      series: [
        { labels: { route: '/a' }, values: [1, 2, 3] },
        { labels: { route: '/b' }, values: [null, 5, 6] },
      ],
    });
  });

  test('a silence over 2.5 usual spacings gets one all-null point, so the line breaks', () => {
    const a = series({}, [
      [T, 1],
      [T + 10_000, 2],
      [T + 20_000, 3],
      [T + 25_000 + 10_000, 4], // 15 s: 1.5 spacings, no gap
      [T + 100_000, 5], // 65 s: a gap (the usual spacing, the median, is 15 s)
    ]);
    const columns = chartColumns([a], null);
    assert.deepEqual(
      columns.timestamps,
      [T, T + 10_000, T + 20_000, T + 35_000, T + 50_000, T + 100_000].map((t) => t / 1000),
    );
    assert.deepEqual(columns.series[0]?.values, [1, 2, 3, 4, null, 5]);
  });

  test('non-finite values (staleness markers, NaN) become null', () => {
    const a = series({}, [
      [T, Number.NaN],
      [T + 10_000, Number.POSITIVE_INFINITY],
      [T + 20_000, 3],
    ]);
    assert.deepEqual(chartColumns([a], null).series[0]?.values, [null, null, 3]);
  });

  test('no series, or series without samples, give empty columns', () => {
    assert.deepEqual(chartColumns([], null), { timestamps: [], series: [] });
    assert.deepEqual(chartColumns([series({ a: '1' }, [])], 60_000), {
      timestamps: [],
      series: [{ labels: { a: '1' }, values: [] }],
    });
  });

  test('a single sample is one point', () => {
    assert.deepEqual(chartColumns([series({}, [[T, 7]])], null), {
      timestamps: [T / 1000],
      series: [{ labels: {}, values: [7] }],
    });
  });
});

describe('chartColumns: bucketed', () => {
  test('averages per epoch-aligned bucket and fills empty buckets with null', () => {
    const a = series({}, [
      [T + 5_000, 1],
      [T + 15_000, 3], // minute 0: mean 2
      [T + 65_000, 10], // minute 1
      [T + 185_000, 4], // minute 3 (minute 2 empty)
    ]);
    const b = series({ x: 'y' }, [[T + 70_000, 8]]);
    assert.deepEqual(chartColumns([a, b], 60_000), {
      timestamps: [T, T + 60_000, T + 120_000, T + 180_000].map((t) => t / 1000),
      series: [
        { labels: {}, values: [2, 10, null, 4] },
        { labels: { x: 'y' }, values: [null, 8, null, null] },
      ],
    });
  });

  test('a bucket holding only non-finite values is null', () => {
    const a = series({}, [
      [T, Number.NaN],
      [T + 60_000, 1],
    ]);
    assert.deepEqual(chartColumns([a], 60_000).series[0]?.values, [null, 1]);
  });

  test('hour buckets', () => {
    const a = series({}, [
      [T + 1000, 2],
      [T + 3_599_000, 4],
      [T + 3_600_000, 9],
    ]);
    assert.deepEqual(chartColumns([a], RESOLUTIONS['1h'] as number), {
      timestamps: [T / 1000, T / 1000 + 3600],
      series: [{ labels: {}, values: [3, 9] }],
    });
  });
});

describe('ranges and resolutions', () => {
  test('the ranges, resolutions and the default resolution of each range', () => {
    assert.deepEqual(RANGES, {
      '15m': 900_000,
      '1h': 3_600_000,
      '6h': 21_600_000,
      '24h': 86_400_000,
      '7d': 604_800_000,
    });
    assert.deepEqual(RESOLUTIONS, { raw: null, '1m': 60_000, '1h': 3_600_000 });
    assert.deepEqual(DEFAULT_RESOLUTION, {
      '15m': 'raw',
      '1h': 'raw',
      '6h': 'raw',
      '24h': '1m',
      '7d': '1h',
    });
  });
});
