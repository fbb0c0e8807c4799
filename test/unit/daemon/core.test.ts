import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../daemon/clock.js';
import { openCore, type Core } from '../../../daemon/core.js';

const T0 = Date.UTC(2026, 0, 1, 12);

/** Makes every store write of `core` fail as a full disk would. */
function failWrites(core: Core, error: Error): void {
  core.store.mutate = () => Promise.reject(error);
}

describe('openCore', () => {
  test('onUptimeError is told when the checks’ hourly uptime cannot be written', async (t) => {
    const told: Error[] = [];
    const core = await openCore({
      dataDir: null,
      clock: new ManualClock(T0),
      minBcryptCost: 4,
      onUptimeError: (error) => told.push(error),
    });
    t.after(() => core.close());
    const original = core.store.mutate.bind(core.store);
    const full = new Error('ENOSPC: no space left on device, write');
    failWrites(core, full);
    core.monitoring.uptime.record('web', T0, true);
    await core.monitoring.uptime.flush();
    assert.deepEqual(told, [full]);
    // The lost batch is not retried; the next runs are written once the store works again.
    core.store.mutate = original;
    core.monitoring.uptime.record('web', T0 + 1_000, false);
    await core.monitoring.uptime.flush();
    assert.equal(told.length, 1);
    assert.deepEqual(core.monitoring.uptime.stored('web'), [[Math.floor(T0 / 3_600_000), 0, 1]]);
  });

  test('without onUptimeError a failed uptime write does not reject the flush', async (t) => {
    const core = await openCore({ dataDir: null, clock: new ManualClock(T0), minBcryptCost: 4 });
    t.after(() => core.close());
    failWrites(core, new Error('EROFS: read-only file system'));
    core.monitoring.uptime.record('web', T0, true);
    await core.monitoring.uptime.flush();
  });
});
