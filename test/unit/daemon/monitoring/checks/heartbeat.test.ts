import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import { validateDefinition, type HeartbeatCheckDefinition } from '../../../../../daemon/monitoring/checks/definition.js';
import { HeartbeatRegistry, heartbeatProbe } from '../../../../../daemon/monitoring/checks/heartbeat.js';

const signal = new AbortController().signal;
const def = validateDefinition({ name: 'backup', type: 'heartbeat', intervalMs: '30s', graceMs: '3s' }) as HeartbeatCheckDefinition;

describe('heartbeat checks', () => {
  test('a fresh check waits one interval plus grace for the first push', async () => {
    const clock = new ManualClock();
    const registry = new HeartbeatRegistry();
    const probe = heartbeatProbe(def, registry, clock);
    clock.advance(33_000);
    assert.deepEqual(await probe.run(signal), { ok: true, detail: 'waiting for the first push (watching since 33s ago, expected every 30s + 3s grace)', latencyMs: 0 });
    clock.advance(1);
    assert.deepEqual(await probe.run(signal), { ok: false, detail: 'no push received in 33s (expected every 30s + 3s grace)', latencyMs: 0 });
  });

  test('status follows the last push time', async () => {
    const clock = new ManualClock();
    const registry = new HeartbeatRegistry();
    const probe = heartbeatProbe(def, registry, clock);
    registry.beat('backup', clock.now());
    assert.equal((await probe.run(signal)).detail, 'last push just now');
    clock.advance(10_000);
    assert.deepEqual(await probe.run(signal), { ok: true, detail: 'last push 10s ago', latencyMs: 0 });
    clock.advance(24_000);
    assert.deepEqual(await probe.run(signal), { ok: false, detail: 'no push for 34s (expected every 30s + 3s grace)', latencyMs: 0 });
    registry.beat('backup', clock.now());
    assert.equal((await probe.run(signal)).ok, true);
  });

  test('a late, out-of-order push never moves the last push back; forget() drops it', () => {
    const registry = new HeartbeatRegistry();
    registry.beat('a', 2000);
    registry.beat('a', 1000);
    assert.equal(registry.lastBeat('a'), 2000);
    registry.forget('a');
    assert.equal(registry.lastBeat('a'), undefined);
  });

  test('without grace the rule says so', async () => {
    const clock = new ManualClock();
    const strict = validateDefinition({ name: 'job', type: 'heartbeat', intervalMs: '1m', graceMs: 0 }) as HeartbeatCheckDefinition;
    const probe = heartbeatProbe(strict, new HeartbeatRegistry(), clock);
    clock.advance(61_000);
    assert.equal((await probe.run(signal)).detail, 'no push received in 1m1s (expected every 1m)');
  });
});
