import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidInputError } from '../../../../../src/protocol/errors.js';
import { ManualClock } from '../../../../../daemon/clock.js';
import { HealthCheck } from '../../../../../daemon/monitoring/checks/check-function.js';
import { CheckScheduler } from '../../../../../daemon/monitoring/checks/scheduler.js';

const signal = new AbortController().signal;

describe('HealthCheck (a check written as a function)', () => {
  test('true and no return pass; false and throwing fail', async () => {
    assert.equal((await new HealthCheck('a', async () => true).run(signal)).ok, true);
    assert.deepEqual({ ...(await new HealthCheck('b', async () => undefined, {}, () => 0).run(signal)) }, { ok: true, detail: 'passed', latencyMs: 0 });
    assert.deepEqual({ ...(await new HealthCheck('c', () => false, {}, () => 0).run(signal)) }, { ok: false, detail: 'the check returned false', latencyMs: 0 });
    const thrown = await new HealthCheck('d', async () => {
      throw new Error('connection refused');
    }).run(signal);
    assert.equal(thrown.ok, false);
    assert.equal(thrown.detail, 'the check threw: connection refused');
  });

  test('options get the definition defaults and rules', () => {
    const check = new HealthCheck('database', async () => true, { intervalMs: '1m' });
    assert.equal(check.intervalMs, 60_000);
    assert.equal(check.timeoutMs, 10_000);
    assert.equal(check.failureThreshold, 3);
    assert.equal(check.type, 'function');
    assert.throws(() => new HealthCheck('database', async () => true, { intervalMs: 5000, timeoutMs: 5000 }), {
      message: "check 'database': timeout (5s) must be shorter than the interval (5s)",
    });
    assert.throws(() => new HealthCheck('no good', async () => true), InvalidInputError);
    assert.throws(() => new HealthCheck('x', 'nope' as never), { message: "check 'x': the check must be a function" });
    assert.throws(() => new HealthCheck('event_loop', async () => true), {
      code: 'INVALID_INPUT',
      message: `check name "event_loop" is a built-in check's (event_loop, store_writable, disk, memory); choose another name`,
    });
  });

  test('runs under the scheduler, which passes it an AbortSignal', async () => {
    const scheduler = new CheckScheduler({ clock: new ManualClock() });
    let got: AbortSignal | undefined;
    scheduler.add(new HealthCheck('database', async (s) => ((got = s), true), { intervalMs: 60_000 }));
    const result = await scheduler.runNow('database');
    assert.equal(result.ok, true);
    assert.ok(got instanceof AbortSignal);
    assert.equal(scheduler.status('database').state, 'up');
  });
});
