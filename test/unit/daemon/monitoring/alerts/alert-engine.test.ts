import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Memory } from 'lowdb';
import { ALERT_HISTORY_LIMIT, AlertEngine } from '../../../../../daemon/monitoring/alerts/alert-engine.js';
import { fingerprint } from '../../../../../daemon/monitoring/alerts/fingerprint.js';
import type { RuleInput } from '../../../../../daemon/monitoring/alerts/rule-compiler.js';
import { MemorySeriesSource } from '../../../../../daemon/monitoring/rules/memory-source.js';
import type { StoreData } from '../../../../../daemon/store/schema.js';
import { Store } from '../../../../../daemon/store/store.js';
import type { AlertTransition } from '../../../../../src/protocol/schemas.js';
import { auditOf, iso, MINUTE, rejects, setup, T0 } from './alerting-fixtures.js';

/** cpu per host, one value a minute from T0 (minutes 0..4). */
function cpuSource(): MemorySeriesSource {
  return new MemorySeriesSource({ 'cpu{host="a"}': '50 90 90 90 10', 'cpu{host="b"}': '95 95 95 95 95' }, { startMs: T0 });
}

const HIGH_CPU: RuleInput = {
  name: 'HighCPU',
  expr: 'cpu > 80',
  severity: 'critical',
  forMs: 2 * MINUTE,
  annotations: { summary: '{{ $labels.host }} at {{ $value }}%' },
};

const labelsOf = (host: string) => ({ host, alertname: 'HighCPU', severity: 'critical' });
const ID_A = fingerprint(labelsOf('a'));
const ID_B = fingerprint(labelsOf('b'));

async function engine(source: MemorySeriesSource = cpuSource()) {
  const s = await setup();
  const alerts = new AlertEngine({ store: s.store, source, clock: s.clock, audit: s.audit });
  const emitted: AlertTransition[] = [];
  alerts.on('transition', (t: AlertTransition) => emitted.push(t));
  return { ...s, source, alerts, emitted };
}

/** The transitions of one evaluation as `kind id-letter`. */
function short(transitions: ReadonlyArray<{ kind: string; alert: { id: string } }>): string[] {
  return transitions.map((t) => `${t.kind} ${t.alert.id === ID_A ? 'a' : t.alert.id === ID_B ? 'b' : t.alert.id}`);
}

describe('AlertEngine: rules', () => {
  test('addRule stores the rule and audits it; replacing it says created: false', async () => {
    const { alerts, store, events, clock } = await engine();
    const added = await alerts.addRule(HIGH_CPU, 'alice');
    const record = {
      name: 'HighCPU',
      expr: 'cpu > 80',
      severity: 'critical' as const,
      forMs: 2 * MINUTE,
      keepFiringForMs: 0,
      labels: {},
      annotations: { summary: '{{ $labels.host }} at {{ $value }}%' },
      description: '',
      createdAt: iso(T0),
      updatedAt: iso(T0),
    };
    assert.deepEqual(added, { created: true, rule: { ...record, pending: 0, firing: 0, lastError: null, lastEvaluatedAt: null } });
    assert.deepEqual(store.data.rules, [record]);
    clock.advance(MINUTE);
    const updated = await alerts.addRule({ ...HIGH_CPU, expr: 'cpu > 85' }, 'bob');
    assert.equal(updated.created, false);
    assert.deepEqual(store.data.rules, [{ ...record, expr: 'cpu > 85', updatedAt: iso(T0 + MINUTE) }]);
    assert.deepEqual(alerts.rules().map((r) => [r.name, r.expr, r.createdAt, r.updatedAt]), [['HighCPU', 'cpu > 85', iso(T0), iso(T0 + MINUTE)]]);
    assert.deepEqual(events.map(auditOf), [
      { type: 'rule.added', actor: 'alice', subject: 'HighCPU', outcome: 'success', details: { expr: 'cpu > 80', severity: 'critical' } },
      { type: 'rule.updated', actor: 'bob', subject: 'HighCPU', outcome: 'success', details: { expr: 'cpu > 85', severity: 'critical' } },
    ]);
  });

  test('addRule refuses a bad rule and changes nothing', async () => {
    const { alerts, store, events } = await engine();
    await rejects(alerts.addRule({ name: 'Bad', expr: 'cpu >' }, 'alice'), 'INVALID_INPUT', 'expr: unexpected end of input at column 6', 'expr');
    assert.deepEqual(store.data.rules, []);
    assert.deepEqual(alerts.rules(), []);
    assert.deepEqual(events, []);
  });

  test('rule() of an unknown name is NOT_FOUND', async () => {
    const { alerts } = await engine();
    assert.throws(
      () => alerts.rule('Nope'),
      (error: Error & { code?: string }) => error.code === 'NOT_FOUND' && error.message === "no rule named 'Nope'",
    );
    await rejects(alerts.removeRule('Nope', 'alice'), 'NOT_FOUND', "no rule named 'Nope'");
  });

  test('loadRules adds and updates several rules at once', async () => {
    const { alerts, store, events } = await engine();
    await alerts.addRule({ name: 'One', expr: 'up == 0' }, 'alice');
    const result = await alerts.loadRules([{ name: 'One', expr: 'up < 1', severity: 'info' }, HIGH_CPU, { name: 'Two', expr: 'up > 1' }], 'bob');
    assert.deepEqual(result, { added: 2, updated: 1 });
    assert.deepEqual(store.data.rules.map((r) => [r.name, r.expr, r.severity]), [
      ['One', 'up < 1', 'info'],
      ['HighCPU', 'cpu > 80', 'critical'],
      ['Two', 'up > 1', 'warning'],
    ]);
    assert.deepEqual(alerts.rules().map((r) => r.name), ['One', 'HighCPU', 'Two']);
    assert.deepEqual(auditOf(events[1]), { type: 'rules.loaded', actor: 'bob', subject: null, outcome: 'success', details: { rules: ['One', 'HighCPU', 'Two'] } });
  });

  test('loadRules is all or nothing, and the error names the rule', async () => {
    const { alerts, store, events } = await engine();
    await alerts.addRule({ name: 'One', expr: 'up == 0' }, 'alice');
    await rejects(
      alerts.loadRules([{ name: 'One', expr: 'up < 1' }, HIGH_CPU, { name: 'Broken', expr: 'up ==' }], 'bob'),
      'INVALID_INPUT',
      "rule 'Broken': expr: unexpected end of input at column 6",
      'expr',
    );
    await rejects(alerts.loadRules([{ name: 'Sev', expr: 'up', severity: 'loud' }], 'bob'), 'INVALID_INPUT', "rule 'Sev': severity 'loud' must be one of info, warning, critical, emergency", 'severity');
    assert.deepEqual(store.data.rules.map((r) => [r.name, r.expr]), [['One', 'up == 0']]);
    assert.deepEqual(alerts.rules().map((r) => [r.name, r.expr]), [['One', 'up == 0']]);
    assert.equal(events.length, 1);
  });

  test('a stored rule that no longer compiles is reported and left out', async () => {
    const s = await setup();
    await s.store.mutate(() => {
      s.store.data.rules.push({ name: 'Old', expr: 'up ==', severity: 'warning', forMs: 0, keepFiringForMs: 0, labels: {}, annotations: {}, description: '', createdAt: iso(T0), updatedAt: iso(T0) });
      return { result: undefined, undo: () => undefined };
    });
    const bad: Array<[string, string]> = [];
    const alerts = new AlertEngine({ store: s.store, source: cpuSource(), clock: s.clock, audit: s.audit, onBadRule: (name, error) => bad.push([name, error.message]) });
    assert.deepEqual(bad, [['Old', 'expr: unexpected end of input at column 6']]);
    assert.deepEqual(alerts.rules(), []);
  });
});

describe('AlertEngine.evaluate', () => {
  test('advances each label set through pending and firing to resolved, and counts them per rule', async () => {
    const { alerts, clock } = await engine();
    await alerts.addRule(HIGH_CPU, 'alice');
    const seen: string[][] = [];
    const counts: Array<[number, number]> = [];
    for (let minute = 0; minute <= 4; minute++) {
      clock.set(T0 + minute * MINUTE);
      seen.push(short(await alerts.evaluate()));
      const info = alerts.rules()[0];
      counts.push([info?.pending ?? -1, info?.firing ?? -1]);
    }
    assert.deepEqual(seen, [['pending b'], ['pending a'], ['firing b'], ['firing a'], ['resolved a']]);
    assert.deepEqual(counts, [
      [1, 0],
      [2, 0],
      [1, 1],
      [0, 2],
      [0, 1],
    ]);
    assert.deepEqual(alerts.rules()[0]?.lastEvaluatedAt, iso(T0 + 4 * MINUTE));
    assert.deepEqual(alerts.alerts(), [
      {
        id: ID_B,
        rule: 'HighCPU',
        severity: 'critical',
        labels: labelsOf('b'),
        annotations: { summary: 'b at 95%' },
        state: 'firing',
        value: 95,
        activeAt: T0,
        firedAt: T0 + 2 * MINUTE,
        lastActiveAt: T0 + 4 * MINUTE,
      },
    ]);
  });

  test('persists alerts and transitions into the store and emits each transition', async () => {
    const { alerts, clock, store, emitted } = await engine();
    await alerts.addRule(HIGH_CPU, 'alice');
    for (let minute = 0; minute <= 2; minute++) {
      clock.set(T0 + minute * MINUTE);
      await alerts.evaluate();
    }
    assert.deepEqual(
      store.data.alerts.map((a) => [a.id, a.state, a.activeAt, a.firedAt]),
      [
        [ID_A, 'pending', T0 + MINUTE, null],
        [ID_B, 'firing', T0, T0 + 2 * MINUTE],
      ],
    );
    const wire = (kind: string, minute: number, host: string, value: number): AlertTransition =>
      ({ kind, at: iso(T0 + minute * MINUTE), id: fingerprint(labelsOf(host)), rule: 'HighCPU', severity: 'critical', labels: labelsOf(host), value }) as AlertTransition;
    const expected = [wire('pending', 0, 'b', 95), wire('pending', 1, 'a', 90), wire('firing', 2, 'b', 95)];
    assert.deepEqual(store.data.alertHistory, expected);
    assert.deepEqual(emitted, expected);
    assert.deepEqual(alerts.history(2), [expected[2], expected[1]]);
  });

  test('an evaluation with no transition writes nothing', async () => {
    const { alerts, clock, store } = await engine(new MemorySeriesSource({ 'cpu{host="a"}': '10 10' }, { startMs: T0 }));
    await alerts.addRule(HIGH_CPU, 'alice');
    const commits = store.commitCount;
    assert.deepEqual(await alerts.evaluate(), []);
    clock.advance(MINUTE);
    assert.deepEqual(await alerts.evaluate(), []);
    assert.equal(store.commitCount, commits);
    assert.deepEqual(alerts.rules()[0]?.lastEvaluatedAt, iso(T0 + MINUTE));
  });

  test(`the stored history keeps the last ${ALERT_HISTORY_LIMIT} transitions`, async () => {
    const source = new MemorySeriesSource({}, { startMs: T0 });
    for (let i = 0; i < 600; i++) source.add(`load{i="${i}"}`, '1 0');
    const { alerts, clock, store } = await engine(source);
    await alerts.addRule({ name: 'Load', expr: 'load > 0.5' }, 'alice');
    assert.equal((await alerts.evaluate()).length, 600);
    clock.advance(MINUTE);
    assert.equal((await alerts.evaluate()).length, 600);
    assert.equal(store.data.alertHistory.length, ALERT_HISTORY_LIMIT);
    assert.deepEqual(store.data.alertHistory[0]?.kind, 'firing');
    assert.deepEqual(store.data.alertHistory[0]?.labels['i'], '200');
    assert.deepEqual(store.data.alertHistory.at(-1)?.kind, 'resolved');
    assert.deepEqual(store.data.alertHistory.at(-1)?.labels['i'], '599');
    assert.deepEqual(store.data.alerts, []);
  });

  test('a rule whose evaluation fails keeps its alerts and reports the error; other rules go on', async () => {
    const source = new MemorySeriesSource({ 'err{i="1"}': '1x10', one: '1x10' }, { startMs: T0 });
    const { alerts, clock } = await engine(source);
    await alerts.addRule({ name: 'Fragile', expr: 'err * on() one > 0' }, 'alice');
    await alerts.addRule({ name: 'Steady', expr: 'one > 0' }, 'alice');
    assert.deepEqual((await alerts.evaluate()).map((t) => [t.kind, t.alert.rule]), [
      ['firing', 'Fragile'],
      ['firing', 'Steady'],
    ]);
    const before = alerts.live.get('Fragile');
    source.add('err{i="2"}', '1x10');
    clock.advance(MINUTE);
    assert.deepEqual(await alerts.evaluate(), []);
    assert.equal(alerts.live.get('Fragile'), before);
    const [fragile, steady] = alerts.rules();
    assert.deepEqual([fragile?.firing, fragile?.lastError, fragile?.lastEvaluatedAt], [1, 'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)', iso(T0 + MINUTE)]);
    assert.deepEqual([steady?.firing, steady?.lastError, steady?.lastEvaluatedAt], [1, null, iso(T0 + MINUTE)]);
  });
});

describe('AlertEngine.removeRule', () => {
  test('ends its alerts (firing resolved, pending dropped), records and emits them, and audits', async () => {
    const { alerts, clock, store, emitted, events } = await engine();
    await alerts.addRule(HIGH_CPU, 'alice');
    await alerts.addRule({ name: 'Other', expr: 'cpu > 10' }, 'alice');
    for (let minute = 0; minute <= 2; minute++) {
      clock.set(T0 + minute * MINUTE);
      await alerts.evaluate();
    }
    emitted.length = 0;
    clock.advance(30_000);
    const info = await alerts.removeRule('HighCPU', 'bob');
    assert.deepEqual([info.name, info.pending, info.firing], ['HighCPU', 1, 1]);
    assert.deepEqual(emitted.map((t) => [t.kind, t.id, t.at]), [
      ['dropped', ID_A, iso(T0 + 2.5 * MINUTE)],
      ['resolved', ID_B, iso(T0 + 2.5 * MINUTE)],
    ]);
    assert.deepEqual(store.data.alertHistory.slice(-2), emitted);
    assert.deepEqual(store.data.rules.map((r) => r.name), ['Other']);
    assert.deepEqual(alerts.rules().map((r) => r.name), ['Other']);
    assert.ok(store.data.alerts.every((a) => a.rule === 'Other'));
    assert.equal(store.data.alerts.length, 2);
    assert.equal(alerts.live.has('HighCPU'), false);
    assert.deepEqual(auditOf(events.at(-1)), { type: 'rule.removed', actor: 'bob', subject: 'HighCPU', outcome: 'success', details: {} });
  });
});

describe('AlertEngine: restart', () => {
  test('a new engine over the same store picks up the rules and alerts with the same ids and goes on', async () => {
    const { alerts, clock, store, audit, source } = await engine();
    await alerts.addRule(HIGH_CPU, 'alice');
    for (let minute = 0; minute <= 2; minute++) {
      clock.set(T0 + minute * MINUTE);
      await alerts.evaluate();
    }
    const restarted = new AlertEngine({ store, source, clock, audit });
    assert.deepEqual(restarted.alerts(), alerts.alerts());
    assert.deepEqual(restarted.rules().map((r) => [r.name, r.pending, r.firing]), [['HighCPU', 1, 1]]);
    clock.set(T0 + 3 * MINUTE);
    assert.deepEqual(short(await restarted.evaluate()), ['firing a']);
    assert.equal(restarted.alerts().find((a) => a.id === ID_B)?.firedAt, T0 + 2 * MINUTE);
  });

  test('state survives reopening the store from its adapter', async () => {
    const s = await setup();
    const adapter = new Memory<StoreData>();
    const store = await Store.open({ adapter, label: 'memory' });
    const source = cpuSource();
    const first = new AlertEngine({ store, source, clock: s.clock, audit: s.audit });
    await first.addRule(HIGH_CPU, 'alice');
    for (let minute = 0; minute <= 2; minute++) {
      s.clock.set(T0 + minute * MINUTE);
      await first.evaluate();
    }
    const reopened = await Store.open({ adapter, label: 'memory' });
    const second = new AlertEngine({ store: reopened, source, clock: s.clock, audit: s.audit });
    assert.deepEqual(second.alerts().map((a) => [a.id, a.state]), [
      [ID_A, 'pending'],
      [ID_B, 'firing'],
    ]);
    assert.deepEqual(reopened.data.alertHistory, store.data.alertHistory);
  });

  test('a restart does not change when a rule was last updated', async () => {
    const { alerts, clock, store, audit, source } = await engine();
    await alerts.addRule(HIGH_CPU, 'alice');
    clock.advance(MINUTE);
    const restarted = new AlertEngine({ store, source, clock, audit });
    assert.equal(restarted.rules()[0]?.updatedAt, iso(T0));
  });

  test('removeRule after a restart removes that rule from the store', async () => {
    const { alerts, store, audit, source, clock } = await engine();
    await alerts.addRule({ name: 'First', expr: 'up == 0' }, 'alice');
    await alerts.addRule({ name: 'Last', expr: 'up == 1' }, 'alice');
    const restarted = new AlertEngine({ store, source, clock, audit });
    await restarted.removeRule('First', 'bob');
    assert.deepEqual(store.data.rules.map((r) => r.name), ['Last']);
    assert.deepEqual(restarted.rules().map((r) => r.name), ['Last']);
  });
});
