import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './load.js';

type Aligned = { xs: number[]; ys: (number | null)[][]; names: string[] };
const s = await load<{
  chartData(chart: unknown): Aligned;
  lastPoint(xs: number[], values: (number | null)[]): { value: number; at: number } | null;
  seriesName(labels: Record<string, string>): string;
  sparkPoints(values: number[], width: number, height: number): string;
}>('series.js');

test("the API's metric chart becomes uPlot's columns, one named line per label set", () => {
  const data = s.chartData({
    timestamps: [100, 110, 120],
    series: [
      { labels: { route: '/a' }, values: [1, null, 3] },
      { labels: {}, values: [4, 5, Number.NaN] },
      { labels: { x: 'y' }, values: [7] },
    ],
  });
  assert.deepEqual(data, {
    xs: [100, 110, 120],
    ys: [
      [1, null, 3],
      [4, 5, null],
      [7, null, null],
    ],
    names: ['{route="/a"}', 'value', '{x="y"}'],
  });
});

test('an empty or malformed reply gives no columns', () => {
  assert.deepEqual(s.chartData({ timestamps: [], series: [] }), { xs: [], ys: [], names: [] });
  assert.deepEqual(s.chartData({}), { xs: [], ys: [], names: [] });
});

test('the last point skips gaps', () => {
  assert.deepEqual(s.lastPoint([1, 2, 3], [5, 6, null]), { value: 6, at: 2 });
  assert.equal(s.lastPoint([1, 2], [null, null]), null);
  assert.equal(s.lastPoint([], []), null);
});

test('sparkline points span the box; a flat line sits in the middle', () => {
  assert.equal(s.sparkPoints([0, 10], 100, 24), '0,23 100,1');
  assert.equal(s.sparkPoints([5, 5, 5], 100, 24), '0,12 50,12 100,12');
  assert.equal(s.sparkPoints([1], 100, 24), '');
  assert.equal(s.sparkPoints([1, Number.NaN, 3], 100, 24), '0,23 100,1');
});
