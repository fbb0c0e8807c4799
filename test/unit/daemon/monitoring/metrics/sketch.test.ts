import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  LogSketch,
  nearestRank,
  RELATIVE_ACCURACY,
} from '../../../../../daemon/monitoring/metrics/sketch.js';

/** The exact nearest-rank quantile of `values`. */
function exact(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[nearestRank(q, sorted.length) - 1] as number;
}

/** A deterministic pseudo-random sequence in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('nearestRank', () => {
  test('the smallest rank with at least q of the values at or below it', () => {
    assert.equal(nearestRank(0.5, 4), 2);
    assert.equal(nearestRank(0.5, 5), 3);
    assert.equal(nearestRank(0.9, 10), 9);
    assert.equal(nearestRank(0.95, 100), 95);
    assert.equal(nearestRank(0.999, 100), 100);
    assert.equal(nearestRank(0.01, 100), 1);
  });
  test('stays within 1..n', () => {
    assert.equal(nearestRank(0, 10), 1);
    assert.equal(nearestRank(1, 10), 10);
    assert.equal(nearestRank(0.0001, 3), 1);
  });
});

describe('LogSketch', () => {
  test('an empty sketch has NaN quantiles', () => {
    const sketch = new LogSketch();
    assert.equal(sketch.count, 0);
    assert.ok(sketch.quantiles([0.5, 0.9]).every(Number.isNaN));
  });
  test('every quantile is within the relative accuracy, over a wide range of magnitudes', () => {
    const next = random(7);
    const values = Array.from({ length: 20_000 }, () => Math.exp(next() * 20 - 10));
    const sketch = new LogSketch();
    for (const v of values) sketch.add(v);
    const qs = [0.001, 0.01, 0.25, 0.5, 0.9, 0.99, 0.999, 1];
    sketch.quantiles(qs).forEach((got, i) => {
      const want = exact(values, qs[i] as number);
      assert.ok(
        Math.abs(got - want) <= want * RELATIVE_ACCURACY * 1.0001,
        `q=${qs[i]}: ${got} vs ${want}`,
      );
    });
  });
  test('orders negatives, zeros and positives', () => {
    const sketch = new LogSketch();
    for (const v of [-100, -1, 0, 0, 1e-12, 1, 100]) sketch.add(v);
    const [lowest, second, third, median, top] = sketch.quantiles([
      1 / 7,
      2 / 7,
      3 / 7,
      4 / 7,
      1,
    ]) as number[];
    assert.ok(Math.abs(lowest! + 100) <= 1);
    assert.ok(Math.abs(second! + 1) <= 0.01);
    assert.equal(third, 0);
    assert.equal(median, 0);
    assert.ok(Math.abs(top! - 100) <= 1);
  });
  test('merging equals adding everything to one sketch', () => {
    const next = random(3);
    const a = new LogSketch();
    const b = new LogSketch();
    const both = new LogSketch();
    for (let i = 0; i < 5000; i++) {
      const v = (next() - 0.3) * 1000;
      (i % 3 === 0 ? a : b).add(v);
      both.add(v);
    }
    a.merge(b);
    assert.equal(a.count, 5000);
    const qs = [0.01, 0.3, 0.5, 0.99];
    assert.deepEqual(a.quantiles(qs), both.quantiles(qs));
  });
});
