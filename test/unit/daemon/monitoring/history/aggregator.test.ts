import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Aggregator,
  bucketStart,
  higher,
  lower,
} from '../../../../../daemon/monitoring/history/aggregator.js';

const T0 = Date.UTC(2025, 0, 1);

describe('aggregator', () => {
  test('bucketStart aligns to the epoch', () => {
    assert.equal(bucketStart(T0 + 59_999, 60_000), T0);
    assert.equal(bucketStart(T0 + 60_000, 60_000), T0 + 60_000);
    assert.equal(bucketStart(T0 + 1_234_567, 3_600_000), T0);
  });

  test('lower/higher ignore NaN unless everything is NaN', () => {
    assert.equal(lower(NaN, 3), 3);
    assert.equal(lower(2, NaN), 2);
    assert.ok(Number.isNaN(lower(NaN, NaN)));
    assert.equal(higher(NaN, 3), 3);
    assert.equal(higher(5, 3), 5);
  });

  test('folds samples into buckets and emits each once', () => {
    const out: number[][] = [];
    const agg = new Aggregator(60_000, (...p) => out.push(p));
    const values = [5, -1, 7, 2, 9, 4, 3];
    values.forEach((v, i) => agg.sample(T0 + i * 20_000, v));
    agg.flush();
    agg.flush();
    assert.deepEqual(out, [
      [T0, -1, 7, 11, 3, 7],
      [T0 + 60_000, 2, 9, 15, 3, 4],
      [T0 + 120_000, 3, 3, 3, 1, 3],
    ]);
  });

  test('merges points', () => {
    const out: number[][] = [];
    const agg = new Aggregator(3_600_000, (...p) => out.push(p));
    agg.add(T0, 1, 5, 10, 4, 2);
    agg.add(T0 + 60_000, 0, 3, 6, 2, 3);
    agg.add(T0 + 3_600_000, 7, 7, 7, 1, 7);
    agg.flush();
    assert.deepEqual(out, [
      [T0, 0, 5, 16, 6, 3],
      [T0 + 3_600_000, 7, 7, 7, 1, 7],
    ]);
  });
});
