/**
 * The library's `MonitoringSystem.alerts()` judges silences and maintenance windows at the clock
 * passed to `openSystems`, not at the machine's time. The library has no call that creates a
 * silence or a window, so a core opened on the same folder first (as the daemon would) stores
 * them; the library then opens that folder with a manual clock set years from the machine's time,
 * where only the system's own clock can find them in force.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../../daemon/clock.js';
import { openCore } from '../../../../daemon/core.js';
import { AlertRule, AlertSeverity, openSystems } from '../../../../daemon/index.js';

/** 29 February 2020, 03:00 UTC: long before the machine's time, and a day the window schedule names. */
const T0 = Date.UTC(2020, 1, 29, 3);
const HOUR = 3_600_000;

describe('MonitoringSystem.alerts() and the system clock', () => {
  test('a silence and a maintenance window mute at the clock passed in options, and end by it', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'cb-lib-clock-'));
    t.after(() => rm(dir, { recursive: true, force: true }));

    const core = await openCore({ dataDir: dir, clock: new ManualClock(T0), minBcryptCost: 4 });
    const silence = await core.monitoring.mutes.addSilence(
      ['alertname=queue_high'],
      HOUR,
      'migration',
      'ops',
    );
    const window = await core.monitoring.maintenance.add(
      { schedule: '0 3 29 2 *', durationMs: HOUR, rule: 'disk_high', comment: 'backup' },
      'ops',
    );
    await core.close();

    const clock = new ManualClock(T0 + 10 * 60_000);
    const systems = openSystems({ store: { dir }, clock });
    t.after(() => systems.close());
    const { monitoring } = systems;
    await monitoring.addMetric('queue_depth', 50);
    await monitoring.addMetric('disk_used', 97);
    await monitoring.addAlertRule(
      new AlertRule({
        name: 'queue_high',
        expression: 'queue_depth > 10',
        severity: AlertSeverity.WARNING,
      }),
    );
    await monitoring.addAlertRule(
      new AlertRule({
        name: 'disk_high',
        expression: 'disk_used > 90',
        severity: AlertSeverity.CRITICAL,
      }),
    );
    await monitoring.scrape();
    await monitoring.evaluateRules();

    const muting = async (): Promise<Array<[string, string, string | null, string | null]>> =>
      (await monitoring.alerts()).map((a) => [a.rule, a.state, a.muted, a.mutedBy]);
    assert.deepEqual(await muting(), [
      ['disk_high', 'firing', 'maintenance', `maintenance ${window.id}`],
      ['queue_high', 'firing', 'silenced', `silence ${silence.id}`],
    ]);

    // An hour and ten minutes on by the system's clock, both have ended.
    clock.advance(HOUR);
    assert.deepEqual(await muting(), [
      ['disk_high', 'firing', null, null],
      ['queue_high', 'firing', null, null],
    ]);
  });
});
