import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bucketQuantile } from '../../../../../daemon/monitoring/rules/histogram-quantile.js';
import { MemorySeriesSource } from '../../../../../daemon/monitoring/rules/memory-source.js';
import { assertClose, assertVector, query } from './helpers.js';

const b = (pairs: Array<[number, number]>): Array<{ upper: number; count: number }> => pairs.map(([upper, count]) => ({ upper, count }));
const normal: Array<[number, number]> = [
  [0.1, 10],
  [0.5, 30],
  [1, 40],
  [Infinity, 50],
];

describe('bucketQuantile', () => {
  test('linear interpolation inside the bucket holding the rank', () => {
    assertClose(bucketQuantile(0.5, b(normal)), 0.4);
    assertClose(bucketQuantile(0.7, b(normal)), 0.5 + 0.5 * (5 / 10));
  });

  test('the lowest bucket starts at 0 when its upper bound is positive', () => {
    assertClose(bucketQuantile(0.1, b(normal)), 0.05);
  });

  test('a rank in the +Inf bucket gives the highest finite bound', () => {
    assert.equal(bucketQuantile(0.9, b(normal)), 1);
    assert.equal(bucketQuantile(1, b(normal)), 1);
  });

  test('a non-positive lowest bound is returned as is', () => {
    assert.equal(bucketQuantile(0.1, b([[-1, 5], [1, 10], [Infinity, 10]])), -1);
  });

  test('q < 0 is -Inf, q > 1 is +Inf, NaN is NaN', () => {
    assert.equal(bucketQuantile(-0.5, b(normal)), -Infinity);
    assert.equal(bucketQuantile(1.5, b(normal)), Infinity);
    assert.ok(Number.isNaN(bucketQuantile(NaN, b(normal))));
  });

  test('NaN without a +Inf bucket, with fewer than two buckets, or without observations', () => {
    assert.ok(Number.isNaN(bucketQuantile(0.5, b([[0.1, 1], [1, 2]]))));
    assert.ok(Number.isNaN(bucketQuantile(0.5, b([[Infinity, 5]]))));
    assert.ok(Number.isNaN(bucketQuantile(0.5, b([[1, 0], [Infinity, 0]]))));
  });

  test('buckets in any order; decreasing counts are raised to keep them monotonic', () => {
    const shuffled = b([[Infinity, 40], [1, 40], [0.1, 10], [0.5, 8]]);
    // Effective counts 10 10 40 40: rank 20 falls in (0.5, 1] with 30 observations, 10 of them below.
    assertClose(bucketQuantile(0.5, shuffled), 0.5 + 0.5 * (10 / 30));
  });

  test('buckets with the same bound are merged', () => {
    assertClose(bucketQuantile(0.5, b([[1, 5], [1, 5], [Infinity, 20]])), 1 * (10 / 10));
  });
});

describe('histogram_quantile', () => {
  const src = new MemorySeriesSource({
    'h_bucket{job="a", le="0.1"}': '0+10x10',
    'h_bucket{job="a", le="0.5"}': '0+30x10',
    'h_bucket{job="a", le="1"}': '0+40x10',
    'h_bucket{job="a", le="+Inf"}': '0+50x10',
    'h_bucket{job="b", le="1"}': '0+1x10',
    'h_bucket{job="b", le="+Inf"}': '0+2x10',
    'h_bucket{job="c", le="1"}': '5x10',
    'h_bucket{job="d", le="x"}': '5x10',
    'h_bucket{job="e"}': '5x10',
  });

  test('one result per label set without le; name and le are dropped', () => {
    assertVector(query(src, 'histogram_quantile(0.5, h_bucket)', '10m'), {
      '{job="a"}': 0.4,
      '{job="b"}': 1,
      '{job="c"}': NaN,
    });
  });

  test('over rates, as used in alerts', () => {
    assertVector(query(src, 'histogram_quantile(0.5, sum by (le) (rate(h_bucket{job="a"}[5m])))', '10m'), { '{}': 0.4 });
    assertVector(query(src, 'histogram_quantile(0.1, rate(h_bucket{job="a"}[5m]))', '10m'), { '{job="a"}': 0.05 });
  });

  test('q out of range', () => {
    assertVector(query(src, 'histogram_quantile(-1, h_bucket{job="a"})', '10m'), { '{job="a"}': -Infinity });
    assertVector(query(src, 'histogram_quantile(1.01, h_bucket{job="a"})', '10m'), { '{job="a"}': Infinity });
  });

  test('no buckets, no result', () => {
    assertVector(query(src, 'histogram_quantile(0.5, nothing_bucket)', '10m'), {});
  });
});
