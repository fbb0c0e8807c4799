import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RollupChunk } from '../../../../../daemon/monitoring/history/rollup-chunk.js';

const T0 = Date.UTC(2025, 0, 1);

describe('RollupChunk', () => {
  test('stores points at step offsets and grows to 256', () => {
    const c = new RollupChunk(T0, 60_000);
    let i = 0;
    while (c.push(T0 + i * 2 * 60_000, i, i + 1, 2 * i, 2, i + 0.5)) i++;
    assert.equal(i, 256);
    assert.equal(c.timeAt(10), T0 + 20 * 60_000);
    assert.deepEqual([...c.fields.subarray(50, 55)], [10, 11, 20, 2, 10.5]);
    assert.equal(c.indexAtOrAfter(T0 + 21 * 60_000), 11);
    assert.equal(c.indexAtOrAfter(T0 + 1e12), 256);
  });

  test('resize to length seals the block', () => {
    const c = new RollupChunk(T0, 60_000);
    for (let i = 0; i < 3; i++) c.push(T0 + i * 60_000, i, i, i, 1, i);
    const before = c.bytes;
    c.resize(3);
    assert.equal(c.offsets.length, 3);
    assert.equal(c.fields.length, 15);
    assert.equal(before - c.bytes, 13 * 44);
    assert.equal(c.fields[14], 2);
  });
});
