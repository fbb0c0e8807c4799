import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConcurrencyLimit, bcryptHash, bcryptLimit, bcryptVerify } from '../../../../../daemon/security/passwords/bcrypt-pool.js';

describe('ConcurrencyLimit', () => {
  test('never runs more than its limit at once, and runs everything in order', async () => {
    const limit = new ConcurrencyLimit(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const gates: Array<() => void> = [];
    const tasks = [0, 1, 2, 3, 4].map((i) =>
      limit.run(async () => {
        started.push(i);
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
        return i * 10;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started, [0, 1]);
    assert.equal(limit.queued, 3);
    while (gates.length > 0 || started.length < 5) {
      gates.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.deepEqual(await Promise.all(tasks), [0, 10, 20, 30, 40]);
    assert.deepEqual(started, [0, 1, 2, 3, 4]);
    assert.equal(peak, 2);
    assert.equal(limit.queued, 0);
  });

  test('a failing task frees its slot', async () => {
    const limit = new ConcurrencyLimit(1);
    await assert.rejects(limit.run(async () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(await limit.run(async () => 'next'), 'next');
  });

  test('the limit must be a positive integer', () => {
    assert.throws(() => new ConcurrencyLimit(0), new TypeError('"limit" must be a positive integer'));
    assert.throws(() => new ConcurrencyLimit(1.5), new TypeError('"limit" must be a positive integer'));
  });
});

describe('bcrypt through the limit', () => {
  test('leaves a core for the event loop, and hashes and verifies', async () => {
    assert.ok(bcryptLimit.limit >= 1);
    const hashed = await bcryptHash('a password', 4);
    assert.equal(await bcryptVerify('a password', hashed), true);
    assert.equal(await bcryptVerify('another', hashed), false);
  });
});
