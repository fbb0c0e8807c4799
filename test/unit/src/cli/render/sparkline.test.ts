import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sparkline } from '../../../../../src/cli/render/sparkline.js';

describe('sparkline', () => {
  test('maps the lowest value to ▁ and the highest to █, linearly between', () => {
    assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7]), '▁▂▃▄▅▆▇█');
    assert.equal(sparkline([10, 20, 15]), '▁█▅');
    assert.equal(sparkline([-5, 5]), '▁█');
  });

  test('keeps the last `width` values (20 by default)', () => {
    const values = Array.from({ length: 30 }, (_, i) => i);
    assert.equal(sparkline(values), '▁▁▂▂▂▃▃▄▄▄▅▅▅▆▆▇▇▇██');
    assert.equal(sparkline([9, 0, 1, 2], 3), '▁▅█');
    assert.equal(sparkline([1, 2], 0), '');
  });

  test('draws a flat series at mid height, or along the bottom when it is all zero', () => {
    assert.equal(sparkline([3, 3, 3]), '▄▄▄');
    assert.equal(sparkline([0, 0]), '▁▁');
  });

  test('leaves a space for a value that is not finite', () => {
    assert.equal(sparkline([0, Number.NaN, 7, Number.POSITIVE_INFINITY]), '▁ █ ');
  });

  test('draws nothing without finite values', () => {
    assert.equal(sparkline([]), '');
    assert.equal(sparkline([Number.NaN]), '');
  });
});
