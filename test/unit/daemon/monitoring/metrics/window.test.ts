import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RELATIVE_ACCURACY } from '../../../../../daemon/monitoring/metrics/sketch.js';
import { EXACT_LIMIT, SlidingWindow } from '../../../../../daemon/monitoring/metrics/window.js';
import { manualClock } from './helpers.js';

// 10 s window in 5 slices of 2 s; slices are aligned to the clock, so start on a slice boundary.
const T0 = 1_700_000_000_000;

describe('SlidingWindow', () => {
  test('exact quantiles by nearest rank while small', () => {
    const clock = manualClock(T0);
    const window = new SlidingWindow(10, 5, clock.now);
    for (const v of [5, 1, 4, 2, 3]) window.push(v);
    assert.deepEqual(window.quantiles([0, 0.2, 0.5, 0.8, 1]), [1, 1, 3, 4, 5]);
    assert.equal(window.count(), 5);
  });
  test('an observation expires once its slice is older than maxAge', () => {
    const clock = manualClock(T0);
    const window = new SlidingWindow(10, 5, clock.now);
    window.push(7);
    clock.advance(9_999);
    assert.deepEqual(window.quantiles([0.5]), [7]);
    clock.advance(1);
    assert.ok(Number.isNaN(window.quantiles([0.5])[0]));
    assert.equal(window.count(), 0);
  });
  test('one made late in its slice leaves with the slice: between maxAge − slice and maxAge later', () => {
    const clock = manualClock(T0 + 1_999);
    const window = new SlidingWindow(10, 5, clock.now);
    window.push(7);
    clock.set(T0 + 9_999);
    assert.equal(window.count(), 1);
    clock.set(T0 + 10_000);
    assert.equal(window.count(), 0);
  });
  test('expiry is per slice: older values go, newer stay', () => {
    const clock = manualClock(T0);
    const window = new SlidingWindow(10, 5, clock.now);
    window.push(100);
    window.push(200);
    clock.advance(4_000);
    for (const v of [1, 2, 3]) window.push(v);
    assert.deepEqual(window.quantiles([0.5, 1]), [3, 200]);
    clock.advance(6_000);
    assert.deepEqual(window.quantiles([0.5, 1]), [2, 3]);
    clock.advance(4_000);
    assert.ok(Number.isNaN(window.quantiles([1])[0]));
  });
  test('a slot reused after the ring wraps round starts empty', () => {
    const clock = manualClock(T0);
    const window = new SlidingWindow(10, 5, clock.now);
    window.push(1);
    clock.advance(10_000);
    window.push(2);
    assert.deepEqual(window.quantiles([0, 1]), [2, 2]);
    clock.advance(35_000);
    window.push(3);
    assert.deepEqual(window.quantiles([0, 1]), [3, 3]);
  });
  test('a clock stepping back keeps writing into the current slot', () => {
    const clock = manualClock(T0 + 5_000);
    const window = new SlidingWindow(10, 5, clock.now);
    window.push(1);
    clock.set(T0 - 60_000);
    window.push(2);
    clock.set(T0 + 5_000);
    assert.deepEqual(window.quantiles([0, 1]), [1, 2]);
  });
  test('past EXACT_LIMIT a slot switches to the sketch and stays within its accuracy', () => {
    const clock = manualClock(T0);
    const window = new SlidingWindow(10, 5, clock.now);
    const values: number[] = [];
    for (let i = 1; i <= EXACT_LIMIT * 4; i++) {
      values.push(i);
      window.push(i);
      if (i === EXACT_LIMIT * 2) clock.advance(2_000);
    }
    assert.equal(window.count(), values.length);
    const qs = [0.01, 0.5, 0.99, 1];
    const got = window.quantiles(qs);
    const want = qs.map((q) => Math.ceil(q * values.length));
    got.forEach((v, i) =>
      assert.ok(
        Math.abs(v - (want[i] as number)) <= (want[i] as number) * RELATIVE_ACCURACY,
        `${v} vs ${want[i]}`,
      ),
    );
    assert.equal(got[3], values.length, 'the maximum is clamped to the true one');
  });
  test('mixes an exact slot with a sketched one', () => {
    const clock = manualClock(T0);
    const window = new SlidingWindow(10, 5, clock.now);
    for (let i = 0; i <= EXACT_LIMIT; i++) window.push(1000);
    clock.advance(2_000);
    window.push(-5);
    assert.deepEqual(window.quantiles([0, 1]), [-5, 1000]);
  });
});
