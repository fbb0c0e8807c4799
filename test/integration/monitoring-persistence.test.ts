/**
 * Monitoring state across daemon restarts, through the real CLI and daemon: rules, checks,
 * silences, acknowledgements and a firing alert come back from store.json; metric history comes
 * back from the snapshot `daemon stop` writes.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { exists, parseJson } from '../helpers/integration.js';
import {
  alertsOf,
  checkDefinition,
  checksOf,
  cliJson,
  cliOk,
  monitoringHome,
  poll,
  pushGauge,
  ruleDefinition,
  rulesOf,
  seriesOf,
  waitForAlert,
  waitForCheck,
  type SilenceJson,
} from '../helpers/monitoring.js';
import { STORE_VERSION } from '../../daemon/store/schema.js';

describe('monitoring state survives a daemon restart', () => {
  it('rules, checks, silences, acks and a firing alert (same id, still firing, same activeAt)', async (t) => {
    const home = await monitoringHome(t);
    await pushGauge(home, 'backlog', 80, { queue: 'mail' });
    await cliOk(home, [
      'monitoring',
      '--add-rule',
      'Backlog',
      '--expr',
      'backlog > 50',
      '--for',
      '1s',
      '--severity',
      'critical',
      '--annotation',
      'summary={{ $labels.queue }} at {{ $value }}',
    ]);
    await cliOk(home, ['monitoring', '--add-rule', 'Never', '--expr', 'backlog > 1e9', '--for', '10m']);
    await cliOk(home, ['monitoring', '--add-check', 'nightly', '--type', 'heartbeat', '--interval', '1h']);
    await cliOk(home, ['monitoring', '--heartbeat', 'nightly']);
    await cliOk(home, ['monitoring', '--add-check', 'slow', '--type', 'tcp', '--target', '127.0.0.1:9', '--interval', '1m', '--timeout', '5s']);
    const { silence } = await cliJson<{ silence: SilenceJson }>(home, [
      'monitoring',
      '--silence',
      'alertname=Never',
      '--for',
      '1h',
      '--comment',
      'kept',
    ]);
    const firing = await waitForAlert(home, 'Backlog', 'firing');
    await cliOk(home, ['monitoring', '--ack', firing.id, '--comment', 'seen']);
    const firingView = (await alertsOf(home)).alerts.find((a) => a.id === firing.id);
    assert.equal(firingView?.muted, 'acked');

    const rulesBefore = (await rulesOf(home)).map(ruleDefinition);
    const checksBefore = (await checksOf(home)).map(checkDefinition);
    const store = parseJson<Record<string, unknown[]>>(await readFile(home.paths.storeFile, 'utf8'));
    assert.equal(store['version'], STORE_VERSION);
    assert.deepEqual((store['rules'] as Array<{ name: string }>).map((r) => r.name), ['Backlog', 'Never']);
    assert.deepEqual((store['checks'] as Array<{ name: string }>).map((c) => c.name), ['nightly', 'slow']);
    assert.deepEqual((store['alerts'] as Array<{ id: string; state: string }>).map((a) => [a.id, a.state]), [[firing.id, 'firing']]);

    const oldPid = await home.daemonPid();
    await cliOk(home, ['daemon', 'restart']);
    assert.notEqual(await home.daemonPid(), oldPid);

    const { alerts } = await alertsOf(home);
    assert.equal(alerts.length, 1);
    const [again] = alerts;
    assert.equal(again?.id, firing.id);
    assert.equal(again?.state, 'firing');
    assert.equal(again?.activeAt, firing.activeAt);
    assert.equal(again?.firedAt, firing.firedAt);
    assert.deepEqual(again?.labels, firing.labels);
    assert.deepEqual(again?.annotations, { summary: 'mail at 80' });
    assert.equal(again?.muted, 'acked', 'the acknowledgement came back too');

    const rulesAfter = (await rulesOf(home)).map(ruleDefinition);
    assert.deepEqual(
      rulesAfter.map(({ updatedAt: _updatedAt, ...rule }) => rule),
      rulesBefore.map(({ updatedAt: _updatedAt, ...rule }) => rule),
    );
    await t.test(
      'a rule’s updatedAt is kept across the restart',
      () => {
        assert.deepEqual(
          rulesAfter.map((r) => r.updatedAt),
          rulesBefore.map((r) => r.updatedAt),
        );
      },
    );
    assert.deepEqual((await checksOf(home)).map(checkDefinition), checksBefore);
    assert.deepEqual(
      (await cliJson<{ silences: SilenceJson[] }>(home, ['monitoring', '--silences'])).silences,
      [silence],
    );
    // The reloaded rule keeps evaluating: at the next evaluations the alert is still the same one.
    await poll('an evaluation after the restart', async () => {
      const rule = (await rulesOf(home)).find((r) => r.name === 'Backlog');
      return rule?.lastEvaluatedAt !== null && rule?.firing === 1 ? rule : undefined;
    });
    const [still] = (await alertsOf(home)).alerts;
    assert.equal(still?.id, firing.id);
    assert.equal(still?.activeAt, firing.activeAt);
    // The reloaded checks run again (the tcp check against the discard port, whatever it finds).
    await poll('the reloaded tcp check to run', async () =>
      (await checksOf(home)).find((c) => c.name === 'slow' && c.lastRun !== null),
    );
    // Heartbeats are taken again after a restart.
    await cliOk(home, ['monitoring', '--heartbeat', 'nightly']);
    await waitForCheck(home, 'nightly', 'up');

    // A rule removed after the restart is gone from the store too (and only that rule).
    await cliOk(home, ['monitoring', '--remove-rule', 'Backlog']);
    assert.deepEqual((await rulesOf(home)).map((r) => r.name), ['Never']);
    const stored = parseJson<{ rules: Array<{ name: string }> }>(await readFile(home.paths.storeFile, 'utf8'));
    await cliOk(home, ['daemon', 'restart']);
    const namesAfter = (await rulesOf(home)).map((r) => r.name);
    await t.test(
      'a rule removed after a restart stays removed, and the other rules stay',
      () => {
        assert.deepEqual(stored.rules.map((r) => r.name), ['Never']);
        assert.deepEqual(namesAfter, ['Never']);
      },
    );
  });

  it('metric history: daemon stop writes the snapshot and the next start has the earlier samples', async (t) => {
    const home = await monitoringHome(t);
    await pushGauge(home, 'water_level', 1);
    await pushGauge(home, 'water_level', 2);
    const cpuBefore = await poll('three cpu_usage samples', async () => {
      const series = await seriesOf(home, 'cpu_usage', {}, '10m');
      return series !== undefined && series.times.length >= 3 ? series : undefined;
    });
    const waterBefore = await seriesOf(home, 'water_level', {}, '10m');
    assert.ok(waterBefore !== undefined);

    const snapshot = join(home.paths.dataDir, 'history.snapshot');
    assert.match(await cliOk(home, ['daemon', 'stop']), /^daemon stopped/);
    assert.equal(await exists(snapshot), true, 'daemon stop writes data/history.snapshot');
    await cliOk(home, ['daemon', 'start']);

    const cpuAfter = await seriesOf(home, 'cpu_usage', {}, '10m');
    assert.ok(cpuAfter !== undefined, 'cpu_usage has history after the restart');
    const samplesAfter = new Map(cpuAfter.times.map((time, i) => [time, cpuAfter.values[i]]));
    for (const [i, time] of cpuBefore.times.entries()) {
      assert.equal(samplesAfter.get(time), cpuBefore.values[i], `the sample at ${time} is back`);
    }
    // A pushed metric lives in memory, but its recorded history is back too.
    const waterAfter = await seriesOf(home, 'water_level', {}, '10m');
    assert.ok(waterAfter !== undefined);
    assert.deepEqual(waterAfter.times.slice(0, waterBefore.times.length), waterBefore.times);
    assert.deepEqual(waterAfter.values.slice(0, waterBefore.values.length), waterBefore.values);
    // And new scrapes add to the restored history.
    await poll('a scrape after the restart', async () => {
      const series = await seriesOf(home, 'cpu_usage', {}, '10m');
      return series !== undefined && (series.times.at(-1) ?? 0) > (cpuAfter.times.at(-1) ?? 0);
    });
  });
});
