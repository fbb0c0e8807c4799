import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NotFoundError } from '../../../../../src/protocol/errors.js';
import type { ProbeResult } from '../../../../../daemon/monitoring/checks/probe.js';
import { JITTER } from '../../../../../daemon/monitoring/checks/scheduler.js';
import { flush, scripted, setup } from './scheduler-fixtures.js';

describe('CheckScheduler: flap control', () => {
  test('unknown until the first result; DOWN after failureThreshold failures; UP after successThreshold successes', async () => {
    const { scheduler, results, states } = setup();
    scheduler.add(scripted('db', [true, false, false, false, false, true, false, true, true]));
    assert.equal(scheduler.status('db').state, 'unknown');
    const seen: string[] = [];
    for (let i = 0; i < 9; i += 1) {
      await scheduler.runNow('db');
      seen.push(scheduler.status('db').state);
    }
    assert.deepEqual(seen, ['up', 'up', 'up', 'down', 'down', 'down', 'down', 'down', 'up']);
    assert.equal(results.length, 9);
    assert.deepEqual(states.map((s) => `${s.previousState}->${s.state}`), ['unknown->up', 'up->down', 'down->up']);
    assert.equal(states[1]?.result.detail, 'broken');
  });

  test('a first failure goes straight to DOWN', async () => {
    const { scheduler } = setup();
    scheduler.add(scripted('db', [false]));
    await scheduler.runNow('db');
    assert.equal(scheduler.status('db').state, 'down');
    assert.equal(scheduler.status('db').consecutiveFailures, 1);
  });

  test('a check that throws fails with the message', async () => {
    const { scheduler } = setup();
    scheduler.add(scripted('db', [], { run: async () => Promise.reject(new Error('boom')) }));
    const result = await scheduler.runNow('db');
    assert.equal(result.ok, false);
    assert.equal(result.detail, 'check failed: boom');
  });
});

describe('CheckScheduler: timing', () => {
  test('a hung check is cut by its timeout and becomes DOWN with "timed out after 10s"', async () => {
    const { scheduler, timers } = setup();
    let signal: AbortSignal | undefined;
    scheduler.add(scripted('hung', [], { intervalMs: 30_000, timeoutMs: 10_000, failureThreshold: 1, run: (s) => ((signal = s), new Promise<never>(() => undefined)) }));
    const pending = scheduler.runNow('hung');
    await timers.advance(10_000);
    const result = await pending;
    assert.equal(result.detail, 'timed out after 10s');
    assert.equal(result.latencyMs, 10_000);
    assert.equal(signal?.aborted, true);
    assert.equal((signal?.reason as Error).name, 'TimeoutError');
    assert.equal(scheduler.status('hung').state, 'down');
  });

  test('runs never overlap: a tick that finds the previous run going is skipped and counted', async () => {
    const { scheduler, timers } = setup(() => 0.5); // 0.5 means no jitter: ticks exactly every interval
    let release: () => void = () => undefined;
    const check = scripted('slow', [], {
      // Ignores its signal, as a badly written check would.
      run: () => new Promise<ProbeResult>((resolve) => (release = () => resolve({ ok: true, detail: 'late', latencyMs: 1 }))),
    });
    let calls = 0;
    const counted = { ...check, run: (s: AbortSignal) => ((calls += 1), check.run(s)) };
    const skips: unknown[] = [];
    scheduler.on('skip', (event) => skips.push(event));
    scheduler.add(counted);
    scheduler.start();
    await timers.advance(500); // first run: 0.5 × 10% × 10 s
    assert.equal(calls, 1);
    await timers.advance(1000); // its timeout
    assert.equal(scheduler.status('slow').lastResult?.detail, 'timed out after 1s');
    assert.equal(scheduler.status('slow').running, true);
    await timers.advance(9000); // the next tick is due; the first run is still going
    assert.equal(calls, 1);
    assert.equal(scheduler.status('slow').skipped, 1);
    assert.deepEqual(skips, [{ name: 'slow', skipped: 1 }]);
    release();
    await flush();
    await timers.advance(10_000);
    assert.equal(calls, 2);
    scheduler.stop();
  });

  test('jitter stays within ±10% of the interval, the first run within 10%, and is deterministic', async () => {
    let seed = 42;
    const lcg = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed / 2 ** 31);
    const delays = async (random: () => number): Promise<number[]> => {
      const { scheduler, timers } = setup(random);
      scheduler.add(scripted('a', [], { intervalMs: 10_000, timeoutMs: 100 }));
      scheduler.start();
      await timers.advance(500_000);
      scheduler.stop();
      return timers.calls.map((call) => call.ms).filter((ms) => ms !== 100);
    };
    const first = await delays(lcg);
    assert.ok(first.length > 40);
    assert.ok(first[0]! >= 0 && first[0]! <= 10_000 * JITTER, `first delay ${first[0]}`);
    for (const ms of first.slice(1)) assert.ok(ms >= 9000 && ms <= 11_000, `delay ${ms}`);
    assert.ok(new Set(first.slice(1)).size > 10, 'delays vary');
    seed = 42;
    assert.deepEqual(await delays(lcg), first);
    const edges = await delays(() => 0);
    assert.deepEqual(new Set(edges.slice(1)), new Set([9000]));
  });

  test('stop() aborts the run in progress, drops its result and clears every timer', async () => {
    const { scheduler, timers, results } = setup();
    let signal: AbortSignal | undefined;
    scheduler.add(scripted('x', [], { run: (s) => ((signal = s), new Promise<never>(() => undefined)) }));
    scheduler.start();
    await timers.advance(500);
    assert.equal(signal?.aborted, false);
    scheduler.stop();
    await flush();
    assert.equal(signal?.aborted, true);
    assert.equal(results.length, 0);
    assert.equal(timers.size, 0);
  });

  test('add after start schedules at once; remove cancels and forgets', async () => {
    const { scheduler, timers } = setup();
    scheduler.start();
    const check = scripted('late', []);
    scheduler.add(check);
    await timers.advance(500);
    assert.equal(check.calls, 1);
    scheduler.remove('late');
    assert.equal(timers.size, 0);
    assert.throws(() => scheduler.status('late'), NotFoundError);
    assert.throws(() => scheduler.remove('late'), { message: "no check named 'late'" });
  });
});

describe('CheckScheduler: revision', () => {
  test('changes with every check added or removed, and with nothing else', () => {
    const { scheduler } = setup();
    assert.equal(scheduler.revision, 0);
    scheduler.add(scripted('a', []));
    scheduler.add(scripted('b', []));
    assert.equal(scheduler.revision, 2);
    assert.throws(() => scheduler.add(scripted('a', [])), { code: 'CONFLICT' });
    scheduler.list();
    assert.equal(scheduler.revision, 2, 'a refused add and a read change nothing');
    scheduler.remove('a');
    assert.equal(scheduler.revision, 3);
    assert.throws(() => scheduler.remove('a'), NotFoundError);
    assert.equal(scheduler.revision, 3);
  });
});
