import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { Memory } from 'lowdb';
import { ManualClock } from '../../../../daemon/clock.js';
import { MonitoringEngine } from '../../../../daemon/monitoring/engine.js';
import { HistoryStore } from '../../../../daemon/monitoring/history/history-store.js';
import { type AuditEvent, AuditLog } from '../../../../daemon/security/audit-log.js';
import type { StoreData } from '../../../../daemon/store/schema.js';
import { Store } from '../../../../daemon/store/store.js';
import { AppError } from '../../../../src/protocol/errors.js';
import type { AlertTransition, CheckInfo } from '../../../../src/protocol/schemas.js';

const T0 = Date.UTC(2026, 0, 5);
const iso = (ms: number): string => new Date(ms).toISOString();

async function open(t: TestContext, prepare?: (data: StoreData) => void, onBad?: (kind: 'check' | 'rule', name: string, error: Error) => void) {
  const clock = new ManualClock(T0);
  const store = await Store.open({ adapter: new Memory<StoreData>(), label: 'memory' });
  if (prepare !== undefined) {
    await store.mutate(() => {
      prepare(store.data);
      return { result: undefined, undo: () => undefined };
    });
  }
  const { log: audit } = await AuditLog.open({ file: null, clock });
  const events: AuditEvent[] = [];
  audit.subscribe((event) => events.push(event));
  const history = new HistoryStore({ intervalMs: 10_000 });
  const engine = new MonitoringEngine({ store, audit, clock, history, dataDir: null, ...(onBad === undefined ? {} : { onBadDefinition: onBad }) });
  t.after(() => engine.dispose());
  return { clock, store, audit, events, history, engine };
}

function refused(fn: () => unknown, code: string, message: string, field?: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.message, message);
    if (field !== undefined) assert.equal(error.details['field'], field);
    return true;
  });
}

async function rejected(promise: Promise<unknown>, code: string, message: string, field?: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.message, message);
    if (field !== undefined) assert.equal(error.details['field'], field);
    return true;
  });
}

const value = (engine: MonitoringEngine, name: string, labels: Record<string, string> = {}): number | undefined =>
  engine.registry.collect().find((s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(labels))?.value;

describe('MonitoringEngine.push', () => {
  test('gauges by default, counters add, and a metric keeps the type it was first pushed with', async (t) => {
    const { engine } = await open(t);
    assert.equal(engine.push([{ name: 'queue', value: 5 }]), 1);
    assert.equal(engine.push([{ name: 'queue', value: 7 }]), 1);
    assert.equal(value(engine, 'queue'), 7);
    assert.equal(engine.push([{ name: 'hits', value: 1, type: 'counter', labels: { job: 'x' } }]), 1);
    assert.equal(engine.push([{ name: 'hits', value: 2, labels: { job: 'x' } }]), 1);
    assert.equal(value(engine, 'hits', { job: 'x' }), 3);
    assert.deepEqual(
      engine.registry.metrics().filter((m) => m.name === 'queue' || m.name === 'hits').map((m) => [m.name, m.type, m.help]),
      [
        ['queue', 'gauge', 'pushed gauge'],
        ['hits', 'counter', 'pushed counter'],
      ],
    );
    refused(() => engine.push([{ name: 'queue', value: 1, type: 'counter' }]), 'INVALID_INPUT', 'sample 0 (queue): metric queue is already a gauge; cannot declare it as a counter', 'samples[0]');
  });

  test('a help given with the first push is kept', async (t) => {
    const { engine } = await open(t);
    engine.push([{ name: 'temp', value: 21.5, help: 'room temperature' }]);
    assert.equal(engine.registry.metrics().find((m) => m.name === 'temp')?.help, 'room temperature');
  });

  test('is all or nothing: one bad sample leaves every other out', async (t) => {
    const { engine } = await open(t);
    refused(
      () => engine.push([{ name: 'jobs', value: 1, type: 'counter' }, { name: 'bad name', value: 1 }]),
      'INVALID_INPUT',
      "sample 1 (bad name): metric name 'bad name' is invalid; metric names match [a-zA-Z_:][a-zA-Z0-9_:]*",
      'samples[1]',
    );
    refused(() => engine.push([{ name: 'ok', value: 1 }, { name: 'jobs', value: -1, type: 'counter' }]), 'INVALID_INPUT', 'sample 1 (jobs): counter jobs cannot go down: inc(-1) refused', 'samples[1]');
    assert.deepEqual(engine.registry.metrics().map((m) => m.name), ['health_check_up', 'health_check_latency_seconds']);
    // The refused pushes fixed no type: jobs may still become a gauge.
    assert.equal(engine.push([{ name: 'jobs', value: 3 }]), 1);
    assert.equal(engine.registry.metrics().find((m) => m.name === 'jobs')?.type, 'gauge');
  });

  test(
    'a sample without a type takes the type an earlier sample of the same batch gave',
    async (t) => {
      const { engine } = await open(t);
      assert.equal(engine.push([{ name: 'x', value: 1, type: 'counter' }, { name: 'x', value: 2 }]), 2);
      assert.equal(value(engine, 'x'), 3);
    },
  );
});

describe('MonitoringEngine.scrape and metrics', () => {
  test('scrape copies every registry series into the history at the clock time', async (t) => {
    const { engine, history, clock } = await open(t);
    engine.push([{ name: 'queue', value: 5 }, { name: 'lat', value: 0.3, type: 'histogram' }]);
    assert.equal(await engine.scrape(), 15, 'queue, 12 lat buckets, lat_sum and lat_count');
    clock.advance(10_000);
    engine.push([{ name: 'queue', value: 8 }]);
    assert.equal(await engine.scrape(), 15);
    const [queue] = history.select('queue', [], T0, T0 + 10_000);
    assert.deepEqual([Array.from(queue?.times ?? []), Array.from(queue?.values ?? [])], [
      [T0, T0 + 10_000],
      [5, 8],
    ]);
    assert.deepEqual(Array.from(history.select('lat_count', [], T0, T0 + 10_000)[0]?.values ?? []), [1, 1]);
  });

  test('metrics() gives each registry metric with its last value and recent values', async (t) => {
    const { engine, clock } = await open(t);
    engine.push([{ name: 'queue', value: 5 }, { name: 'lat', value: 0.3, type: 'histogram' }]);
    const before = engine.metrics();
    assert.deepEqual(before.find((m) => m.name === 'queue'), { name: 'queue', type: 'gauge', help: 'pushed gauge', labelNames: [], series: 1, lastValue: null, recent: [] });
    for (const v of [5, 6, 9]) {
      engine.push([{ name: 'queue', value: v }]);
      await engine.scrape();
      clock.advance(10_000);
    }
    const after = engine.metrics();
    assert.deepEqual(after.map((m) => m.name), ['health_check_up', 'health_check_latency_seconds', 'queue', 'lat']);
    assert.deepEqual(after.find((m) => m.name === 'queue'), { name: 'queue', type: 'gauge', help: 'pushed gauge', labelNames: [], series: 1, lastValue: 9, recent: [5, 6, 9] });
    assert.deepEqual(after.find((m) => m.name === 'lat'), { name: 'lat', type: 'histogram', help: 'pushed histogram', labelNames: [], series: 1, lastValue: 1, recent: [1, 1, 1] });
    assert.deepEqual(after.find((m) => m.name === 'health_check_up'), {
      name: 'health_check_up',
      type: 'gauge',
      help: 'Whether the last run of a health check passed (1) or failed (0)',
      labelNames: ['check'],
      series: 0,
      lastValue: null,
      recent: [],
    });
  });

  test('metrics() reads only live series: history left from before a restart gives no last value', async (t) => {
    const { engine, history, clock } = await open(t);
    // A labelled counter the daemon declares, with history from a previous run but no series yet
    // (security_events_total before its first event showed SERIES 0 beside LAST 2).
    const events = engine.registry.counter('events_total', { help: 'h', labelNames: ['type'] });
    history.append('events_total', { type: 'login' }, T0 - 20_000, 2);
    assert.deepEqual(engine.metrics().find((m) => m.name === 'events_total'), { name: 'events_total', type: 'counter', help: 'h', labelNames: ['type'], series: 0, lastValue: null, recent: [] });
    // Once the series is live again its value and history count, and those of another series do not.
    history.append('events_total', { type: 'ban' }, T0 - 10_000, 9);
    events.inc({ type: 'login' }, 1);
    await engine.scrape();
    clock.advance(1000);
    const info = engine.metrics().find((m) => m.name === 'events_total');
    assert.deepEqual([info?.series, info?.lastValue, info?.recent], [1, 1, [2, 1]]);
  });

  test('metric() gives one metric with its series over the range', async (t) => {
    const { engine, clock } = await open(t);
    engine.push([{ name: 'queue', value: 5, labels: { q: 'a' } }]);
    await engine.scrape();
    clock.advance(10_000);
    engine.push([{ name: 'queue', value: 6, labels: { q: 'a' } }]);
    await engine.scrape();
    assert.deepEqual(engine.metric('queue', 60_000), {
      name: 'queue',
      type: 'gauge',
      help: 'pushed gauge',
      series: [{ name: 'queue', labels: { q: 'a' }, times: [T0, T0 + 10_000], values: [5, 6] }],
    });
    assert.deepEqual(engine.metric('queue', 5_000).series[0]?.values, [6]);
  });

  test('metric() of a name known only to the history has no type or help', async (t) => {
    const { engine, history } = await open(t);
    history.append('imported', {}, T0, 1);
    assert.deepEqual(engine.metric('imported', 60_000), { name: 'imported', type: null, help: '', series: [{ name: 'imported', labels: {}, times: [T0], values: [1] }] });
  });

  test('metric() of an unknown name is refused', async (t) => {
    const { engine } = await open(t);
    refused(() => engine.metric('nope', 60_000), 'INVALID_INPUT', "no metric named 'nope'", 'name');
  });

  test('rules evaluate over the scraped history, and their transitions are re-emitted', async (t) => {
    const { engine } = await open(t);
    const seen: AlertTransition[] = [];
    engine.on('transition', (tr: AlertTransition) => seen.push(tr));
    await engine.alerts.addRule({ name: 'QueueHigh', expr: 'queue > 10' }, 'alice');
    engine.push([{ name: 'queue', value: 12 }]);
    await engine.scrape();
    await engine.alerts.evaluate();
    assert.deepEqual(seen.map((tr) => [tr.kind, tr.rule, tr.value, tr.at]), [['firing', 'QueueHigh', 12, iso(T0)]]);
  });

  test('forecast() fits the scraped history', async (t) => {
    const { engine, clock } = await open(t);
    for (const v of [10, 20, 30]) {
      engine.push([{ name: 'disk', value: v }]);
      await engine.scrape();
      clock.advance(10_000);
    }
    clock.advance(-10_000);
    assert.deepEqual(engine.forecast('disk', 60_000, 60), [{ labels: {}, current: 30, slopePerHour: 3600, crossesAt: iso(clock.now() + 30_000), samples: 3 }]);
  });
});

describe('MonitoringEngine: pushed families across a restart', () => {
  test('pushedFamilies() holds only what pushes created, and restorePushed() brings it back', async (t) => {
    const { engine } = await open(t);
    engine.registry.gauge('own_gauge', { help: 'the daemon’s own' }).set(1);
    engine.push([
      { name: 'jobs_total', value: 3, type: 'counter', labels: { queue: 'mail' } },
      { name: 'own_gauge', value: 5 },
      { name: 'lat', value: 0.2, type: 'histogram' },
    ]);
    engine.push([{ name: 'jobs_total', value: 4, labels: { queue: 'mail' } }]);
    const entries = engine.pushedFamilies();
    assert.deepEqual(entries.map((e) => (JSON.parse(e) as { name: string }).name), ['jobs_total', 'lat']);

    const { engine: next } = await open(t);
    const skipped: string[] = [];
    assert.equal(next.restorePushed(entries, (what, reason) => skipped.push(`${what}: ${reason}`)), 2);
    assert.deepEqual(skipped, []);
    assert.equal(value(next, 'jobs_total', { queue: 'mail' }), 7);
    assert.equal(value(next, 'lat_count'), 1);
    // A push without a type keeps the restored type, and the counter goes on.
    next.push([{ name: 'jobs_total', value: 1, labels: { queue: 'mail' } }]);
    assert.equal(value(next, 'jobs_total', { queue: 'mail' }), 8);
    assert.deepEqual(next.pushedFamilies().map((e) => (JSON.parse(e) as { name: string }).name), ['jobs_total', 'lat']);
  });

  test('restorePushed() skips bad, unknown and clashing entries with the reason and restores the rest', async (t) => {
    const { engine } = await open(t);
    const good = JSON.stringify({ kind: 'pushed-family', v: 1, name: 'ok_total', type: 'counter', help: 'pushed counter', labelNames: [], series: [{ labels: [], value: 2 }] });
    const skipped: Array<[string, string]> = [];
    const restored = engine.restorePushed(
      [
        '{not json',
        JSON.stringify({ kind: 'something-newer', name: 'x' }),
        JSON.stringify({ kind: 'pushed-family', v: 1, name: 'neg_total', type: 'counter', help: '', labelNames: [], series: [{ labels: [], value: -1 }] }),
        JSON.stringify({ kind: 'pushed-family', v: 1, name: 'health_check_up', type: 'gauge', help: '', labelNames: ['check'], series: [] }),
        good,
      ],
      (what, reason) => skipped.push([what, reason]),
    );
    assert.equal(restored, 1);
    assert.deepEqual(skipped.map(([what]) => what), ['snapshot entry 0', 'pushed metric x', 'pushed metric neg_total', 'pushed metric health_check_up']);
    assert.match(skipped[0]?.[1] ?? '', /JSON/);
    assert.equal(skipped[1]?.[1], "unknown entry kind 'something-newer'");
    assert.equal(skipped[2]?.[1], 'series 0: a counter value must be a finite number ≥ 0, got -1');
    assert.equal(skipped[3]?.[1], 'a metric named health_check_up is already declared');
    assert.equal(value(engine, 'ok_total'), 2);
    assert.deepEqual(engine.pushedFamilies().map((e) => (JSON.parse(e) as { name: string }).name), ['ok_total']);
  });
});

describe('MonitoringEngine: checks', () => {
  const NOT_RUN = { state: 'unknown', lastRun: null, latencyMs: null, detail: 'not run yet', recentLatencyMs: [], uptime24h: null };

  test('addCheck validates, keeps the definition in the store, audits and returns the check', async (t) => {
    const { engine, store, events } = await open(t);
    const beat = await engine.addCheck({ name: 'beat', type: 'heartbeat', intervalMs: 60_000 }, 'alice');
    assert.deepEqual(beat, { name: 'beat', type: 'heartbeat', target: null, intervalMs: 60_000, ...NOT_RUN });
    const db = await engine.addCheck({ name: 'db', type: 'tcp', target: 'db.internal:5432' }, 'alice');
    assert.deepEqual(db, { name: 'db', type: 'tcp', target: 'db.internal:5432', intervalMs: 30_000, ...NOT_RUN });
    assert.deepEqual(store.data.checks, [
      { name: 'beat', type: 'heartbeat', intervalMs: 60_000, timeoutMs: 10_000, failureThreshold: 3, successThreshold: 1, public: false, graceMs: 6000 },
      { name: 'db', type: 'tcp', intervalMs: 30_000, timeoutMs: 10_000, failureThreshold: 3, successThreshold: 1, public: false, target: 'db.internal:5432' },
    ]);
    assert.deepEqual(events.map((e) => [e.type, e.actor, e.subject, e.details]), [
      ['check.added', 'alice', 'beat', { type: 'heartbeat' }],
      ['check.added', 'alice', 'db', { type: 'tcp' }],
    ]);
    assert.deepEqual(engine.checks.list().map((c) => c.name), ['beat', 'db']);
  });

  test('addCheck refuses a bad definition or a name in use, storing nothing', async (t) => {
    const { engine, store } = await open(t);
    await rejected(engine.addCheck({ name: 'x', type: 'nope' }, 'alice'), 'INVALID_INPUT', 'check \'x\': type must be one of http, tcp, command, disk, memory, process, heartbeat, got "nope"', 'type');
    await engine.addCheck({ name: 'db', type: 'tcp', target: 'db.internal:5432' }, 'alice');
    await rejected(engine.addCheck({ name: 'db', type: 'tcp', target: 'other:1' }, 'alice'), 'CONFLICT', "check 'db' already exists");
    assert.deepEqual(store.data.checks.map((c) => [c['name'], c['target']]), [['db', 'db.internal:5432']]);
  });

  test("addCheck and loadChecks refuse a built-in check's name, storing nothing", async (t) => {
    const { engine, store, events } = await open(t);
    const builtIn = (name: string): string => `check name "${name}" is a built-in check's (event_loop, store_writable, disk, memory); choose another name`;
    await rejected(engine.addCheck({ name: 'memory', type: 'memory', thresholdPercent: 80 }, 'alice'), 'INVALID_INPUT', builtIn('memory'), 'name');
    await rejected(
      engine.loadChecks('checks:\n  - { name: db, type: tcp, target: "db.internal:5432" }\n  - { name: store_writable, type: disk, target: / }\n', 'alice'),
      'INVALID_INPUT',
      `checks[1]: ${builtIn('store_writable')}`,
      'checks',
    );
    assert.deepEqual(store.data.checks, []);
    assert.deepEqual(engine.checks.list(), []);
    assert.deepEqual(events, []);
  });

  test('heartbeat records a push and runs the check: up, with its metrics and a check event', async (t) => {
    const { engine } = await open(t);
    const seen: CheckInfo[] = [];
    engine.on('check', (info: CheckInfo) => seen.push(info));
    await engine.addCheck({ name: 'beat', type: 'heartbeat', intervalMs: 60_000 }, 'alice');
    const info = await engine.heartbeat('beat');
    const expected = { name: 'beat', type: 'heartbeat', target: null, intervalMs: 60_000, state: 'up', lastRun: iso(T0), latencyMs: 0, detail: 'last push just now', recentLatencyMs: [0], uptime24h: 1 };
    assert.deepEqual(info, expected);
    assert.deepEqual(engine.checkInfo('beat'), expected);
    assert.deepEqual(seen, [expected]);
    assert.equal(value(engine, 'health_check_up', { check: 'beat' }), 1);
    assert.equal(value(engine, 'health_check_latency_seconds', { check: 'beat' }), 0);
  });

  test('heartbeat is refused for other checks and unknown names', async (t) => {
    const { engine } = await open(t);
    await engine.addCheck({ name: 'db', type: 'tcp', target: 'db.internal:5432' }, 'alice');
    await rejected(engine.heartbeat('db'), 'INVALID_INPUT', "check 'db' is a tcp check; only heartbeat checks take pushes", 'name');
    await rejected(engine.heartbeat('zz'), 'NOT_FOUND', "no check named 'zz'");
    assert.equal(engine.checkInfo('db').state, 'unknown');
  });

  test('removeCheck removes the definition, the check and its metrics, and audits', async (t) => {
    const { engine, store, events } = await open(t);
    await engine.addCheck({ name: 'beat', type: 'heartbeat', intervalMs: 60_000 }, 'alice');
    await engine.addCheck({ name: 'other', type: 'heartbeat', intervalMs: 60_000 }, 'alice');
    await engine.heartbeat('beat');
    await engine.heartbeat('other');
    const removed = await engine.removeCheck('beat', 'bob');
    assert.equal(removed.state, 'up');
    assert.deepEqual(store.data.checks.map((c) => c['name']), ['other']);
    assert.deepEqual(engine.checks.list().map((c) => c.name), ['other']);
    assert.deepEqual(
      engine.registry.collect().filter((s) => s.name.startsWith('health_check')).map((s) => [s.name, s.labels['check']]),
      [
        ['health_check_up', 'other'],
        ['health_check_latency_seconds', 'other'],
      ],
    );
    assert.deepEqual([events.at(-1)?.type, events.at(-1)?.actor, events.at(-1)?.subject, events.at(-1)?.details], ['check.removed', 'bob', 'beat', { type: 'heartbeat' }]);
    await rejected(engine.removeCheck('beat', 'bob'), 'NOT_FOUND', "no check named 'beat'");
  });

  test('stored checks and rules are loaded at start; ones that no longer validate are reported', async (t) => {
    const bad: Array<[string, string, string]> = [];
    const { engine } = await open(
      t,
      (data) => {
        data.checks.push({ name: 'beat', type: 'heartbeat', intervalMs: 60_000 }, { name: 'broken', type: 'tcp' });
        data.rules.push({ name: 'Old', expr: 'up ==', severity: 'warning', forMs: 0, keepFiringForMs: 0, labels: {}, annotations: {}, description: '', createdAt: iso(T0), updatedAt: iso(T0) });
      },
      (kind, name, error) => bad.push([kind, name, error.message]),
    );
    assert.deepEqual(engine.checks.list().map((c) => c.name), ['beat']);
    assert.deepEqual(engine.alerts.rules(), []);
    assert.deepEqual(bad.map(([kind, name]) => [kind, name]), [
      ['rule', 'Old'],
      ['check', 'broken'],
    ]);
    assert.equal(bad[0]?.[2], 'expr: unexpected end of input at column 6');
  });

  test("a stored check with a built-in check's name (kept by an older version) is skipped and reported; the store still opens", async (t) => {
    const bad: Array<[string, string, string]> = [];
    const { engine, store } = await open(
      t,
      (data) => data.checks.push({ name: 'disk', type: 'disk', target: '/', thresholdPercent: 95 }, { name: 'beat', type: 'heartbeat', intervalMs: 60_000 }),
      (kind, name, error) => bad.push([kind, name, error.message]),
    );
    assert.deepEqual(engine.checks.list().map((c) => c.name), ['beat']);
    assert.deepEqual(bad, [['check', 'disk', `check name "disk" is a built-in check's (event_loop, store_writable, disk, memory); choose another name`]]);
    // The definition stays in the store, as any other that no longer validates.
    assert.deepEqual(store.data.checks.map((c) => c['name']), ['disk', 'beat']);
  });
});
