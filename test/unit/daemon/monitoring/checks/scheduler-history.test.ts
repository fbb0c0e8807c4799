import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError, InvalidInputError, NotFoundError } from '../../../../../src/protocol/errors.js';
import { ManualClock } from '../../../../../daemon/clock.js';
import { builtinCheckMetrics, checkMetrics } from '../../../../../daemon/monitoring/checks/check-metrics.js';
import type { CheckDefinition } from '../../../../../daemon/monitoring/checks/definition.js';
import { CheckScheduler } from '../../../../../daemon/monitoring/checks/scheduler.js';
import { scripted, setup } from './scheduler-fixtures.js';

describe('CheckScheduler: history and uptime', () => {
  test('keeps the last 1,000 results by default', async () => {
    const { scheduler, clock } = setup();
    scheduler.add(scripted('db', []));
    for (let i = 0; i < 1005; i += 1) {
      await scheduler.runNow('db');
      clock.advance(1000);
    }
    const history = scheduler.history('db');
    assert.equal(history.length, 1000);
    assert.equal(history[0]?.time, Date.UTC(2026, 0, 1) + 5 * 1000);
    assert.equal(history.at(-1)?.time, Date.UTC(2026, 0, 1) + 1004 * 1000);
  });

  test('a smaller bound is honoured, oldest first', async () => {
    const { scheduler, clock } = setup(undefined, 3);
    scheduler.add(scripted('db', [true, false, true, false, true]));
    for (let i = 0; i < 5; i += 1) {
      await scheduler.runNow('db');
      clock.advance(1000);
    }
    assert.deepEqual(scheduler.history('db').map((r) => r.ok), [true, false, true]);
  });

  test('uptime over any window the history covers', async () => {
    const { scheduler, clock } = setup();
    const start = clock.now();
    scheduler.add(scripted('db', [true, true, true, false]));
    for (let i = 0; i < 4; i += 1) {
      await scheduler.runNow('db');
      clock.advance(60_000);
    }
    assert.equal(scheduler.uptime('db', start), 0.75);
    assert.equal(scheduler.uptime('db', start + 120_000), 0.5);
    assert.equal(scheduler.uptime('db', start + 180_000), 0);
    assert.equal(scheduler.uptime('db', clock.now()), null);
    assert.throws(() => scheduler.uptime('nope', start), NotFoundError);
  });
});

describe('CheckScheduler: adding checks', () => {
  test('definitions are validated and built through createCheck', async () => {
    const clock = new ManualClock();
    const built: CheckDefinition[] = [];
    const scheduler = new CheckScheduler({
      clock,
      createCheck: (def) => (built.push(def), { ...scripted(def.name, []), type: def.type }),
    });
    scheduler.add({ name: 'web', type: 'http', target: 'http://x' } as CheckDefinition);
    assert.equal(built[0]?.timeoutMs, 10_000);
    assert.equal(scheduler.list()[0]?.type, 'http');
    assert.equal(scheduler.list()[0]?.definition?.name, 'web');
    assert.throws(() => scheduler.add({ name: 'web', type: 'http', target: 'http://y' } as CheckDefinition), (error: unknown) => error instanceof AppError && error.code === 'CONFLICT');
    assert.throws(() => scheduler.add({ name: 'bad', type: 'tcp' } as CheckDefinition), InvalidInputError);
    assert.throws(() => scheduler.add(scripted('fast', [], { intervalMs: 10 })), { message: "check 'fast': intervalMs must be from 1s to 1d, got 10ms" });
  });

  test('heartbeat checks through the scheduler: beat() records a push at the clock', async () => {
    const clock = new ManualClock();
    const scheduler = new CheckScheduler({ clock });
    scheduler.add({ name: 'backup', type: 'heartbeat', intervalMs: 60_000 } as unknown as CheckDefinition);
    scheduler.add(scripted('db', []));
    clock.advance(70_000);
    assert.equal((await scheduler.runNow('backup')).ok, false);
    scheduler.beat('backup');
    assert.equal((await scheduler.runNow('backup')).detail, 'last push just now');
    assert.throws(() => scheduler.beat('db'), { message: "check 'db' is a function check, not a heartbeat" });
  });
});

describe('checkMetrics', () => {
  test('health_check_up and health_check_latency_seconds, labelled by check', () => {
    assert.deepEqual(checkMetrics({ name: 'web', ok: true, latencyMs: 250 }), [
      { name: 'health_check_up', labels: { check: 'web' }, value: 1 },
      { name: 'health_check_latency_seconds', labels: { check: 'web' }, value: 0.25 },
    ]);
    assert.equal(checkMetrics({ name: 'web', ok: false, latencyMs: 0 })[0].value, 0);
  });
});

describe('builtinCheckMetrics', () => {
  test('a built-in result is up unless unhealthy (degraded: a warning, still passed)', () => {
    assert.deepEqual(builtinCheckMetrics({ name: 'disk', status: 'degraded', latencyMs: 12 }), [
      { name: 'health_check_up', labels: { check: 'disk' }, value: 1 },
      { name: 'health_check_latency_seconds', labels: { check: 'disk' }, value: 0.012 },
    ]);
    assert.equal(builtinCheckMetrics({ name: 'memory', status: 'healthy', latencyMs: 0 })[0].value, 1);
    assert.equal(builtinCheckMetrics({ name: 'store_writable', status: 'unhealthy', latencyMs: 0 })[0].value, 0);
  });
});
