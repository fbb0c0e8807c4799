import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// @ts-expect-error -- a plain .mjs bench helper without type declarations
import { percentile } from '../../../../bench/lib/stats.mjs';

describe('percentile', () => {
  it('is the nearest-rank value of an ascending array', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    assert.equal(percentile(values, 50), 5);
    assert.equal(percentile(values, 99), 10);
    assert.equal(percentile(values, 91), 10);
    assert.equal(percentile(values, 90), 9);
    assert.equal(percentile(values, 0), 1);
    assert.equal(percentile([7], 99), 7);
  });

  it('is NaN for an empty array', () => {
    assert.ok(Number.isNaN(percentile([], 50)));
  });
});
