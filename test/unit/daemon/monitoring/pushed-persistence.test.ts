/**
 * Pushed metric families across a core restart: `close` writes them with the history snapshot,
 * the next `openCore` declares them again after the daemon's own metrics; a bad or unknown entry
 * in the snapshot is skipped and reported, and the core still opens.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { ManualClock } from '../../../../daemon/clock.js';
import { historySnapshotPath, openCore, type Core } from '../../../../daemon/core.js';
import { HistoryStore } from '../../../../daemon/monitoring/history/history-store.js';

const T0 = Date.UTC(2026, 0, 1, 12);

async function folder(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cb-pushed-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function open(dataDir: string, skipped: string[] = []): Promise<Core> {
  return openCore({ dataDir, clock: new ManualClock(T0), minBcryptCost: 4, onPushedSkipped: (what, reason) => skipped.push(`${what}: ${reason}`) });
}

const valueOf = (core: Core, name: string, labels: Record<string, string> = {}): number | undefined =>
  core.monitoring.registry.collect().find((s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(labels))?.value;

describe('pushed metric families across a restart', () => {
  test('counters, labelled gauges and histograms come back with their values and types', async (t) => {
    const dir = await folder(t);
    const first = await open(dir);
    for (const v of [1, 2, 3]) first.monitoring.push([{ name: 'jobs_total', value: v, type: 'counter' }]);
    first.monitoring.push([
      { name: 'queue_depth', value: 12, type: 'gauge', labels: { queue: 'mail' } },
      { name: 'queue_depth', value: 4, labels: { queue: 'sms' } },
      { name: 'job_seconds', value: 0.3, type: 'histogram', help: 'job time' },
    ]);
    const exposition = first.monitoring.registry.exposition();
    await first.close();

    const skipped: string[] = [];
    const second = await open(dir, skipped);
    t.after(() => second.close());
    assert.deepEqual(skipped, []);
    assert.equal(valueOf(second, 'jobs_total'), 6);
    assert.equal(valueOf(second, 'queue_depth', { queue: 'mail' }), 12);
    assert.equal(valueOf(second, 'queue_depth', { queue: 'sms' }), 4);
    const pushedPart = (text: string): string =>
      text.split('\n').filter((line) => /^(# (HELP|TYPE) )?(jobs_total|queue_depth|job_seconds)/.test(line)).join('\n');
    assert.equal(pushedPart(second.monitoring.registry.exposition()), pushedPart(exposition));
    const info = second.monitoring.metrics().find((m) => m.name === 'job_seconds');
    assert.deepEqual([info?.type, info?.help], ['histogram', 'job time']);
    second.monitoring.push([{ name: 'jobs_total', value: 1 }]);
    assert.equal(valueOf(second, 'jobs_total'), 7, 'a further push continues the counter');
  });

  test('a snapshot with a bad and an unknown entry: they are skipped with the reason, the rest is restored', async (t) => {
    const dir = await folder(t);
    const good = JSON.stringify({ kind: 'pushed-family', v: 1, name: 'kept_total', type: 'counter', help: 'pushed counter', labelNames: [], series: [{ labels: [], value: 5 }] });
    const bad = JSON.stringify({ kind: 'pushed-family', v: 1, name: 'broken', type: 'gauge', help: '', labelNames: ['a'], series: [{ labels: [1], value: 1 }] });
    const unknown = JSON.stringify({ kind: 'from-a-newer-daemon' });
    await new HistoryStore().saveSnapshot(historySnapshotPath(dir), [bad, unknown, good]);
    const skipped: string[] = [];
    const core = await open(dir, skipped);
    t.after(() => core.close());
    assert.deepEqual(skipped, ['pushed metric broken: series 0: labels must be 1 strings', "snapshot entry 1: unknown entry kind 'from-a-newer-daemon'"]);
    assert.equal(valueOf(core, 'kept_total'), 5);
    assert.equal(core.monitoring.registry.get('broken'), undefined);
  });
});
