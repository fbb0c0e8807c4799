import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isStaleMarker, writeStaleMarker } from '../../../../../daemon/monitoring/rules/staleness.js';

describe('staleness markers', () => {
  test('a written marker is recognised; other values, including NaN, are not', () => {
    const values = new Float64Array([1, NaN, 0, 3]);
    writeStaleMarker(values, 2);
    assert.ok(Number.isNaN(values[2]));
    assert.deepEqual([0, 1, 2, 3].map((i) => isStaleMarker(values, i)), [false, false, true, false]);
  });

  test('markers survive subarray views and byte copies', () => {
    const values = new Float64Array(4);
    writeStaleMarker(values, 3);
    assert.ok(isStaleMarker(values.subarray(2), 1));
    assert.ok(isStaleMarker(values.slice(), 3));
  });

  test('the bits are Prometheus\'s stale NaN, 0x7ff0000000000002', () => {
    const values = new Float64Array(1);
    writeStaleMarker(values, 0);
    assert.equal(new DataView(values.buffer).getBigUint64(0, true), 0x7ff0000000000002n);
  });
});
