import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AlertEngine } from '../../../../../daemon/monitoring/alerts/alert-engine.js';
import { alertViews, explainRule } from '../../../../../daemon/monitoring/alerts/alert-views.js';
import { fingerprint } from '../../../../../daemon/monitoring/alerts/fingerprint.js';
import { DEFAULT_INHIBITION } from '../../../../../daemon/monitoring/alerts/inhibition.js';
import { Mutes } from '../../../../../daemon/monitoring/alerts/mutes.js';
import { parseRulesFile } from '../../../../../daemon/monitoring/alerts/rules-file.js';
import type { Severity } from '../../../../../daemon/monitoring/alerts/severity.js';
import type { AlertInstance } from '../../../../../daemon/monitoring/alerts/state-machine.js';
import { MemorySeriesSource } from '../../../../../daemon/monitoring/rules/memory-source.js';
import type { MaintenanceInfo } from '../../../../../src/protocol/schemas.js';
import { HOUR, iso, MINUTE, setup, T0 } from './alerting-fixtures.js';

async function world(source = new MemorySeriesSource({}, { startMs: T0 })) {
  const s = await setup();
  const engine = new AlertEngine({ store: s.store, source, clock: s.clock, audit: s.audit });
  const mutes = new Mutes(s.store, s.clock, s.audit);
  return { ...s, source, engine, mutes };
}

/** A live alert as the engine would hold it, put straight into the engine. */
function inject(engine: AlertEngine, rule: string, severity: Severity, labels: Record<string, string>, activeAt: number, state: 'pending' | 'firing' = 'firing'): AlertInstance {
  const all = { ...labels, alertname: labels['alertname'] ?? rule, severity };
  const alert: AlertInstance = { id: fingerprint(all), rule, severity, labels: all, annotations: { summary: `${rule} on ${labels['instance'] ?? '-'}` }, state, value: 1, activeAt, firedAt: state === 'firing' ? activeAt : null, lastActiveAt: activeAt };
  const byId = engine.live.get(rule) ?? new Map<string, AlertInstance>();
  byId.set(alert.id, alert);
  engine.live.set(rule, byId);
  return alert;
}

const WINDOW: MaintenanceInfo = {
  id: 'mw-views-0001',
  schedule: '0 3 * * *',
  durationMs: 2 * HOUR,
  rule: null,
  timezone: 'UTC',
  comment: 'backups',
  createdBy: 'carol',
  createdAt: iso(T0),
  nextStart: null,
};
const START = T0 + 3 * HOUR;

describe('alertViews', () => {
  test('each live alert as people see it', async () => {
    const { engine, mutes } = await world();
    const alert = inject(engine, 'DiskFull', 'critical', { instance: 'db1' }, T0);
    const pending = inject(engine, 'DiskSlow', 'critical', { instance: 'db1' }, T0 + MINUTE, 'pending');
    assert.deepEqual(alertViews(engine, mutes, [], DEFAULT_INHIBITION, T0 + 2 * MINUTE), [
      {
        id: alert.id,
        rule: 'DiskFull',
        severity: 'critical',
        state: 'firing',
        muted: null,
        mutedBy: null,
        labels: { instance: 'db1', alertname: 'DiskFull', severity: 'critical' },
        annotations: { summary: 'DiskFull on db1' },
        value: 1,
        activeAt: iso(T0),
        firedAt: iso(T0),
      },
      {
        id: pending.id,
        rule: 'DiskSlow',
        severity: 'critical',
        state: 'pending',
        muted: null,
        mutedBy: null,
        labels: { instance: 'db1', alertname: 'DiskSlow', severity: 'critical' },
        annotations: { summary: 'DiskSlow on db1' },
        value: 1,
        activeAt: iso(T0 + MINUTE),
        firedAt: null,
      },
    ]);
  });

  test('muting: acked before silenced before maintenance before inhibited', async () => {
    const { engine, mutes, clock } = await world();
    clock.set(START);
    // Two alerts under one alertname and instance, as two rules of different severity would give.
    const warning = inject(engine, 'DiskFull', 'warning', { instance: 'db1' }, T0);
    const critical = inject(engine, 'DiskFullCritical', 'critical', { alertname: 'DiskFull', instance: 'db1' }, T0 + MINUTE);
    await mutes.ack(warning.id, 'on it', 10 * MINUTE, 'alice', (id) => id);
    const silence = await mutes.addSilence(['instance=db1'], 20 * MINUTE, 'disk swap', 'bob');
    const muting = () => alertViews(engine, mutes, [WINDOW], DEFAULT_INHIBITION, clock.now()).map((v) => [v.id, v.muted, v.mutedBy]);

    assert.deepEqual(muting(), [
      [critical.id, 'silenced', `silence ${silence.id}`],
      [warning.id, 'acked', 'alice: on it'],
    ]);
    clock.advance(10 * MINUTE); // the ack has expired
    assert.deepEqual(muting(), [
      [critical.id, 'silenced', `silence ${silence.id}`],
      [warning.id, 'silenced', `silence ${silence.id}`],
    ]);
    clock.advance(10 * MINUTE); // the silence has ended
    assert.deepEqual(muting(), [
      [critical.id, 'maintenance', 'maintenance mw-views-0001'],
      [warning.id, 'maintenance', 'maintenance mw-views-0001'],
    ]);
    clock.set(START + 2 * HOUR); // the window has closed
    assert.deepEqual(muting(), [
      [critical.id, null, null],
      [warning.id, 'inhibited', critical.id],
    ]);
    assert.deepEqual(
      alertViews(engine, mutes, [WINDOW], { enabled: false, equal: ['instance'] }, clock.now()).map((v) => v.muted),
      [null, null],
    );
  });

  test(
    'an acknowledgement ends when its alert resolves, so the alert is not muted when it fires again',
    async () => {
      const source = new MemorySeriesSource({ 'x{instance="db1"}': '95 10 95' }, { startMs: T0 });
      const { engine, mutes, clock } = await world(source);
      await engine.addRule({ name: 'Flappy', expr: 'x > 90' }, 'alice');
      const [fired] = await engine.evaluate();
      const id = fired?.alert.id ?? '';
      await mutes.ack(id, 'on it', undefined, 'alice', (given) => (given === id ? id : null));
      clock.advance(MINUTE);
      assert.deepEqual((await engine.evaluate()).map((t) => t.kind), ['resolved']);
      clock.advance(MINUTE);
      assert.deepEqual((await engine.evaluate()).map((t) => [t.kind, t.alert.id]), [['firing', id]]);
      assert.deepEqual(alertViews(engine, mutes, [], DEFAULT_INHIBITION, clock.now()).map((v) => v.muted), [null]);
    },
  );

  test('a pending alert inhibits nothing', async () => {
    const { engine, mutes } = await world();
    inject(engine, 'DiskFull', 'warning', { instance: 'db1' }, T0);
    inject(engine, 'DiskFullCritical', 'critical', { alertname: 'DiskFull', instance: 'db1' }, T0, 'pending');
    assert.deepEqual(alertViews(engine, mutes, [], DEFAULT_INHIBITION, T0).map((v) => v.muted), [null, null]);
  });

  test('a maintenance window for another rule does not mute', async () => {
    const { engine, mutes } = await world();
    inject(engine, 'DiskFull', 'warning', { instance: 'db1' }, T0);
    const other = { ...WINDOW, id: 'mw-views-0002', rule: 'HighCPU' };
    const mine = { ...WINDOW, id: 'mw-views-0003', rule: 'DiskFull' };
    assert.deepEqual(alertViews(engine, mutes, [other], DEFAULT_INHIBITION, START).map((v) => v.muted), [null]);
    assert.deepEqual(alertViews(engine, mutes, [other, mine], DEFAULT_INHIBITION, START).map((v) => v.mutedBy), ['maintenance mw-views-0003']);
  });

  test('most severe first, then oldest first', async () => {
    const { engine, mutes } = await world();
    inject(engine, 'I', 'info', { instance: 'x' }, T0);
    inject(engine, 'W2', 'warning', { instance: 'x' }, T0 + 2 * MINUTE);
    inject(engine, 'W1', 'warning', { instance: 'x' }, T0 + MINUTE);
    inject(engine, 'C', 'critical', { instance: 'x' }, T0 + 3 * MINUTE);
    inject(engine, 'E', 'emergency', { instance: 'x' }, T0 + 4 * MINUTE);
    assert.deepEqual(alertViews(engine, mutes, [], DEFAULT_INHIBITION, T0 + HOUR).map((v) => v.rule), ['E', 'C', 'W1', 'W2', 'I']);
  });

  test(
    'rules of different severity can share an alert name, so the critical one inhibits the warning one',
    async () => {
      const source = new MemorySeriesSource({ 'disk{instance="db1"}': '95x5' }, { startMs: T0 });
      const { engine, mutes } = await world(source);
      const rules = parseRulesFile(
        [
          'groups:',
          '  - name: disk',
          '    rules:',
          '      - alert: DiskFull',
          '        expr: disk > 80',
          '        labels: { severity: warning }',
          '      - alert: DiskFull',
          '        expr: disk > 90',
          '        labels: { severity: critical }',
        ].join('\n'),
      );
      await engine.loadRules(rules, 'alice');
      await engine.evaluate();
      assert.deepEqual(alertViews(engine, mutes, [], DEFAULT_INHIBITION, T0).map((v) => [v.severity, v.muted]), [
        ['critical', null],
        ['warning', 'inhibited'],
      ]);
    },
  );
});

describe('explainRule', () => {
  const cpu = () => new MemorySeriesSource({ 'cpu{host="a"}': '50 90 90 90 10', 'cpu{host="b"}': '95 95 95 95 95' }, { startMs: T0 });

  test('inactive (goes pending), pending (holding) and firing rows, without changing state', async () => {
    const { engine, clock, source } = await world(cpu());
    await engine.addRule({ name: 'HighCPU', expr: 'cpu > 80', forMs: 2 * MINUTE }, 'alice');
    assert.deepEqual(explainRule(engine, 'HighCPU', source, T0), {
      rows: [{ labels: { host: 'b' }, value: 95, state: 'inactive', reason: 'the expression holds: it goes pending at the next evaluation, firing after 2m' }],
      error: null,
    });
    for (let minute = 0; minute <= 2; minute++) {
      clock.set(T0 + minute * MINUTE);
      await engine.evaluate();
    }
    const before = engine.alerts();
    assert.deepEqual(explainRule(engine, 'HighCPU', source, T0 + 2 * MINUTE + 30_000), {
      rows: [
        { labels: { host: 'a' }, value: 90, state: 'pending', reason: "holding for 1m30s of the 2m 'for'" },
        { labels: { host: 'b' }, value: 95, state: 'firing', reason: `firing since ${iso(T0 + 2 * MINUTE)}` },
      ],
      error: null,
    });
    assert.deepEqual(engine.alerts(), before);
  });

  test('with no for, an inactive row fires at the next evaluation', async () => {
    const { engine, source } = await world(cpu());
    await engine.addRule({ name: 'Now', expr: 'cpu{host="b"} > 80' }, 'alice');
    assert.deepEqual(explainRule(engine, 'Now', source, T0).rows, [{ labels: { host: 'b' }, value: 95, state: 'inactive', reason: 'the expression holds: it fires at the next evaluation' }]);
  });

  test('alerts whose expression no longer holds: held by keep_firing_for, or dropped next', async () => {
    const { engine, clock, source } = await world(cpu());
    await engine.addRule({ name: 'Kept', expr: 'cpu{host="a"} > 80', keepFiringForMs: 5 * MINUTE }, 'alice');
    for (let minute = 1; minute <= 4; minute++) {
      clock.set(T0 + minute * MINUTE);
      await engine.evaluate();
    }
    // At minute 4 cpu{a} is 10, the first evaluation without the condition: held 5m from then.
    assert.deepEqual(explainRule(engine, 'Kept', source, T0 + 4 * MINUTE).rows, [
      {
        labels: { host: 'a', alertname: 'Kept', severity: 'warning' },
        value: null,
        state: 'firing',
        reason: `the expression no longer holds; keep_firing_for holds it until ${iso(T0 + 9 * MINUTE)}`,
      },
    ]);
    // A pending alert whose expression stops holding.
    const slow = await world(cpu());
    await slow.engine.addRule({ name: 'Slow', expr: 'cpu{host="a"} > 80', forMs: 10 * MINUTE }, 'alice');
    slow.clock.set(T0 + 3 * MINUTE);
    await slow.engine.evaluate();
    assert.deepEqual(explainRule(slow.engine, 'Slow', slow.source, T0 + 4 * MINUTE).rows, [
      { labels: { host: 'a', alertname: 'Slow', severity: 'warning' }, value: null, state: 'pending', reason: 'the expression no longer holds: it is dropped at the next evaluation' },
    ]);
  });

  test('an expression that returns nothing gives one row saying so', async () => {
    const { engine, source } = await world(cpu());
    await engine.addRule({ name: 'Missing', expr: 'nothing_here > 1' }, 'alice');
    assert.deepEqual(explainRule(engine, 'Missing', source, T0), {
      rows: [{ labels: {}, value: null, state: 'inactive', reason: 'the expression returns no series now, so nothing alerts' }],
      error: null,
    });
  });

  test('an evaluation error is returned, with no rows', async () => {
    const { engine, source } = await world(cpu());
    await engine.addRule({ name: 'Ambiguous', expr: 'cpu * on() cpu{host="a"}' }, 'alice');
    assert.deepEqual(explainRule(engine, 'Ambiguous', source, T0), {
      rows: [],
      error: 'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
    });
  });

  test('an unknown rule is NOT_FOUND', async () => {
    const { engine, source } = await world(cpu());
    assert.throws(
      () => explainRule(engine, 'Nope', source, T0),
      (error: Error & { code?: string }) => error.code === 'NOT_FOUND' && error.message === "no rule named 'Nope'",
    );
  });
});
