import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ManualScheduler,
  systemScheduler,
} from '../../../../../daemon/monitoring/notifications/scheduler.js';
import { T0 } from './fixtures.js';

test('the manual scheduler fires timers in time order, each at its own time, ties in the order set', async () => {
  const s = new ManualScheduler(T0);
  const fired: string[] = [];
  s.setTimer(200, () => fired.push(`b@${s.now() - T0}`));
  s.setTimer(100, () => fired.push(`a@${s.now() - T0}`));
  s.setTimer(200, () => fired.push(`c@${s.now() - T0}`));
  const gone = s.setTimer(150, () => fired.push('cleared'));
  s.clearTimer(gone);
  s.clearTimer(gone);
  assert.equal(s.pending, 3);
  assert.equal(s.nextAt(), T0 + 100);
  await s.advance(199);
  assert.deepEqual(fired, ['a@100']);
  assert.equal(s.now(), T0 + 199);
  await s.advance(1);
  assert.deepEqual(fired, ['a@100', 'b@200', 'c@200']);
  assert.equal(s.nextAt(), null);
});

test('timers set while advancing fire within the same advance when due; promises settle between', async () => {
  const s = new ManualScheduler(T0);
  const fired: number[] = [];
  s.setTimer(10, () => {
    void Promise.resolve().then(() => s.setTimer(5, () => fired.push(s.now() - T0)));
  });
  s.setTimer(-5, () => fired.push(s.now() - T0));
  await s.advance(20);
  assert.deepEqual(fired, [0, 15]);
});

test("the system scheduler runs a timer, and a cleared one never (its timers are unref'd)", async () => {
  // Its timers do not keep the process alive on their own: hold it open while waiting.
  const hold = setInterval(() => {}, 1000);
  const fired: string[] = [];
  const cleared = systemScheduler.setTimer(0, () => fired.push('cleared'));
  systemScheduler.clearTimer(cleared);
  await new Promise<void>((resolve) => systemScheduler.setTimer(1, () => resolve()));
  assert.deepEqual(fired, []);
  clearInterval(hold);
  assert.equal(typeof systemScheduler.now(), 'number');
});
