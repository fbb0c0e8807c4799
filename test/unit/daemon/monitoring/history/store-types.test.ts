import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkRange, checkSample } from '../../../../../daemon/monitoring/history/store-types.js';

describe('argument checks', () => {
  test('checkSample', () => {
    checkSample('m', {}, 1, NaN);
    assert.throws(() => checkSample('', {}, 1, 1), /metric name/);
    assert.throws(() => checkSample('m', null, 1, 1), /labels/);
    assert.throws(() => checkSample('m', {}, Infinity, 1), /timeMs/);
    assert.throws(() => checkSample('m', {}, 1, '1'), /value/);
  });

  test('checkRange', () => {
    checkRange(-Infinity, Infinity);
    checkRange(0, 1, 60_000);
    assert.throws(() => checkRange(NaN, 1), TypeError);
    assert.throws(() => checkRange(0, 1, 0), /stepMs/);
    assert.throws(() => checkRange(0, 1, 1.5), /stepMs/);
  });
});
