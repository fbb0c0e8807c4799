/**
 * Pushed metrics across a daemon restart, through the real CLI and daemon: pushed families come
 * back from the history snapshot with their type and values and go on from there; a bad or
 * unknown entry in the snapshot is skipped with a log line and the daemon starts.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { historySnapshotPath } from '../../daemon/core.js';
import { decodeSnapshot, encodeSnapshot } from '../../daemon/monitoring/history/snapshot.js';
import type { TestHome } from '../helpers/home.js';
import { cliJson, cliOk, monitoringHome, type MetricInfoJson, type MetricJson } from '../helpers/monitoring.js';

function exposition(home: TestHome): Promise<string> {
  return cliOk(home, ['monitoring', '--metrics', '--prometheus']);
}

async function list(home: TestHome): Promise<MetricInfoJson[]> {
  return (await cliJson<{ metrics: MetricInfoJson[] }>(home, ['monitoring', '--metrics'])).metrics;
}

async function pushAll(home: TestHome): Promise<void> {
  for (const n of [1, 2, 3]) await cliOk(home, ['monitoring', '--push', `jobs_total=${n}`, '--type', 'counter']);
  await cliOk(home, ['monitoring', '--push', 'queue_depth=12', '--type', 'gauge', '--label', 'queue=mail']);
  await cliOk(home, ['monitoring', '--push', 'queue_depth=4', '--type', 'gauge', '--label', 'queue=sms']);
}

describe('pushed metrics across a daemon restart', () => {
  it('a counter pushed 3 times and a labelled gauge keep type and values; a further push continues the counter', async (t) => {
    const home = await monitoringHome(t);
    await pushAll(home);
    const oldPid = await home.daemonPid();
    await cliOk(home, ['daemon', 'restart']);
    assert.notEqual(await home.daemonPid(), oldPid);

    const text = await exposition(home);
    assert.match(text, /^# TYPE jobs_total counter$/m);
    assert.match(text, /^jobs_total 6$/m);
    assert.match(text, /^# TYPE queue_depth gauge$/m);
    assert.match(text, /^queue_depth\{queue="mail"\} 12$/m);
    assert.match(text, /^queue_depth\{queue="sms"\} 4$/m);
    const metrics = await list(home);
    const jobs = metrics.find((m) => m.name === 'jobs_total');
    assert.deepEqual([jobs?.type, jobs?.series, jobs?.help], ['counter', 1, 'pushed counter']);
    const depth = metrics.find((m) => m.name === 'queue_depth');
    assert.deepEqual([depth?.type, depth?.series, depth?.labelNames], ['gauge', 2, ['queue']]);
    // Whatever the history holds from before the restart, a metric without live series shows no value.
    for (const m of metrics) if (m.series === 0) assert.equal(m.lastValue, null, `${m.name}: SERIES 0 beside LAST ${m.lastValue}`);
    const one = await cliJson<MetricJson>(home, ['monitoring', '--metrics', 'jobs_total']);
    assert.equal(one.type, 'counter', 'typed, not (untyped)');

    await cliOk(home, ['monitoring', '--push', 'jobs_total=1']);
    assert.match(await exposition(home), /^jobs_total 7$/m);
  });

  it('a snapshot with a bad and an unknown entry: both skipped with a log line, the rest restored', async (t) => {
    const home = await monitoringHome(t);
    await pushAll(home);
    await cliOk(home, ['daemon', 'stop']);
    const file = historySnapshotPath(home.paths.dataDir);
    const { series, attached } = decodeSnapshot(await readFile(file));
    assert.equal(attached.length, 2, 'jobs_total and queue_depth were saved');
    const bad = JSON.stringify({ kind: 'pushed-family', v: 1, name: 'broken_total', type: 'counter', help: '', labelNames: [], series: [{ labels: [], value: -5 }] });
    const unknown = JSON.stringify({ kind: 'from-a-newer-daemon', name: 'mystery' });
    await writeFile(file, encodeSnapshot(series.length, () => series, [bad, unknown, ...attached]));

    await cliOk(home, ['daemon', 'start']);
    const text = await exposition(home);
    assert.match(text, /^jobs_total 6$/m);
    assert.match(text, /^queue_depth\{queue="mail"\} 12$/m);
    assert.doesNotMatch(text, /broken_total|mystery/);
    const log = await readFile(home.paths.logFile, 'utf8');
    assert.match(log, /pushed metric broken_total in the history snapshot is skipped: series 0: a counter value must be a finite number ≥ 0, got -5/);
    assert.match(log, /pushed metric mystery in the history snapshot is skipped: unknown entry kind 'from-a-newer-daemon'/);
  });
});
