import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  secondsSince,
  timerLabels,
  timerStart,
} from '../../../../../daemon/monitoring/metrics/timer.js';

describe('timer helpers', () => {
  test('secondsSince measures with hrtime', async () => {
    const start = timerStart();
    assert.equal(typeof start, 'bigint');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = secondsSince(start);
    assert.ok(seconds >= 0.015 && seconds < 5, String(seconds));
  });
  test('timerLabels merges end labels over start labels', () => {
    assert.equal(timerLabels(undefined, undefined), undefined);
    const start = { a: '1' };
    assert.equal(timerLabels(start, undefined), start);
    assert.deepEqual(timerLabels(undefined, { b: '2' }), { b: '2' });
    assert.deepEqual(timerLabels({ a: '1', b: '1' }, { b: '2' }), { a: '1', b: '2' });
  });
});
