/**
 * The built-in checks as metrics: each run of the core's health engine sets
 * `health_check_up{check}` and `health_check_latency_seconds{check}` as a user check's run does,
 * and the next scrape records them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../../daemon/clock.js';
import { openCore } from '../../../../daemon/core.js';
import { BUILTIN_CHECK_NAMES } from '../../../../daemon/monitoring/checks/check.js';

const T0 = Date.UTC(2026, 0, 1, 12);
const BUILTIN = ['disk', 'event_loop', 'memory', 'store_writable'];

describe('built-in checks as metrics', () => {
  test('every run sets health_check_up and health_check_latency_seconds per built-in check', async (t) => {
    // Thresholds that make memory unhealthy and disk degraded whatever the machine reads.
    const core = await openCore({
      dataDir: null,
      clock: new ManualClock(T0),
      minBcryptCost: 4,
      thresholds: {
        disk: () => ({ warn: 0, crit: 101 }),
        memory: () => ({ warn: 0, crit: 0 }),
        eventLoop: () => ({ warn: 100, crit: 1000 }),
      },
    });
    t.after(() => core.close());
    const samples = (name: string): Map<string, number> =>
      new Map(core.monitoring.registry.collect().filter((s) => s.name === name).map((s) => [s.labels['check'] as string, s.value]));
    assert.equal(samples('health_check_up').size, 0, 'nothing before the first run');

    const report = await core.health.run();
    // The names user checks may not take are exactly the built-ins the core runs.
    assert.deepEqual(report.checks.map((c) => c.name).sort(), [...BUILTIN_CHECK_NAMES].sort());
    const status = new Map(report.checks.map((c) => [c.name, c.status]));
    assert.equal(status.get('memory'), 'unhealthy');
    assert.equal(status.get('disk'), 'degraded');
    const up = samples('health_check_up');
    assert.deepEqual([...up.keys()].sort(), BUILTIN);
    assert.equal(up.get('memory'), 0, 'unhealthy: down');
    assert.equal(up.get('disk'), 1, 'degraded: a warning, still up');
    const latency = samples('health_check_latency_seconds');
    assert.deepEqual([...latency.keys()].sort(), BUILTIN);
    for (const check of report.checks) assert.equal(latency.get(check.name), check.latencyMs / 1000, check.name);

    await core.monitoring.scrape();
    assert.deepEqual(
      core.history.latest('health_check_up').map((s) => s.labels['check']).sort(),
      BUILTIN,
      'the scrape after the run records them',
    );
    const info = core.monitoring.metrics().find((m) => m.name === 'health_check_up');
    assert.equal(info?.series, 4);
  });
});
