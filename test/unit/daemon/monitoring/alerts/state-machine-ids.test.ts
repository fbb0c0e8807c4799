// stepRule remembers alert ids per rule and series label set (for frozen label sets, as the
// history store hands out); these tests check that the ids and labels are always what they
// would be computed afresh, whatever changes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fingerprint } from '../../../../../daemon/monitoring/alerts/fingerprint.js';
import { alertLabels, stepRule, type AlertInstance, type RuleShape } from '../../../../../daemon/monitoring/alerts/state-machine.js';
import { MINUTE, T0 } from './alerting-fixtures.js';

function rule(overrides: Partial<RuleShape> = {}): RuleShape {
  return { name: 'High', severity: 'warning', forMs: MINUTE, keepFiringForMs: 0, labels: {}, annotations: {}, ...overrides };
}

const frozen = (labels: Record<string, string>): Readonly<Record<string, string>> => Object.freeze({ ...labels });

function expectIds(shape: RuleShape, alerts: ReadonlyMap<string, AlertInstance>, series: ReadonlyArray<Readonly<Record<string, string>>>): void {
  const expected = series.map((labels) => fingerprint(alertLabels(shape, labels)));
  assert.deepEqual([...alerts.keys()], expected);
  for (const [id, alert] of alerts) {
    assert.equal(alert.id, id);
    assert.equal(fingerprint(alert.labels), id);
  }
}

describe('stepRule: alert ids', () => {
  test('are the fingerprint of the alert labels, for frozen and unfrozen label sets, tick after tick', () => {
    const shape = rule({ labels: { team: 'x' } });
    const series = [frozen({ host: 'a' }), { host: 'b' }, frozen({ host: 'c', team: 'y' })];
    let alerts: ReadonlyMap<string, AlertInstance> = new Map();
    for (let i = 0; i < 4; i++) {
      const step = stepRule(shape, alerts, series.map((labels, k) => ({ labels, value: k + i })), T0 + i * MINUTE);
      expectIds(shape, step.alerts, series);
      alerts = step.alerts;
    }
    assert.deepEqual([...alerts.values()].map((a) => a.state), ['firing', 'firing', 'firing']);
    assert.deepEqual([...alerts.values()].map((a) => a.activeAt), [T0, T0, T0]);
  });

  test('follow a rule changed in place (name, severity, labels)', () => {
    const shape = rule();
    const series = [frozen({ host: 'a' })];
    const ids = (): string[] => [...stepRule(shape, new Map(), [{ labels: series[0] as Record<string, string>, value: 1 }], T0).alerts.keys()];
    const check = (): void => assert.deepEqual(ids(), [fingerprint(alertLabels(shape, series[0] as Record<string, string>))]);
    check();
    shape.severity = 'critical';
    check();
    shape.name = 'Other';
    check();
    shape.labels = { team: 'y' };
    check();
    (shape.labels as Record<string, string>).team = 'z';
    check();
    (shape.labels as Record<string, string>).host = 'fixed';
    check();
  });

  test('the same label set in different rules gets each rule its own id', () => {
    const labels = frozen({ host: 'a' });
    const a = rule({ name: 'A' });
    const b = rule({ name: 'B' });
    const idA = [...stepRule(a, new Map(), [{ labels, value: 1 }], T0).alerts.keys()];
    const idB = [...stepRule(b, new Map(), [{ labels, value: 1 }], T0).alerts.keys()];
    assert.deepEqual(idA, [fingerprint(alertLabels(a, labels))]);
    assert.deepEqual(idB, [fingerprint(alertLabels(b, labels))]);
    assert.notDeepEqual(idA, idB);
  });
});

describe('stepRule: labels and annotations of a continuing alert', () => {
  test('keep their objects while unchanged, and are replaced when they change', () => {
    const shape = rule({ labels: { team: 'x' } });
    const series = frozen({ host: 'a' });
    const first = stepRule(shape, new Map(), [{ labels: series, value: 1 }], T0).alerts;
    const before = [...first.values()][0] as AlertInstance;
    const second = stepRule(shape, first, [{ labels: series, value: 2 }], T0 + MINUTE).alerts;
    const after = [...second.values()][0] as AlertInstance;
    assert.notEqual(after, before);
    assert.equal(after.labels, before.labels);
    assert.equal(after.annotations, before.annotations);
    assert.equal(after.value, 2);
    assert.equal(before.value, 1);
    // Labels in a different order are a different object, in the new order.
    const reordered: AlertInstance = { ...before, labels: { team: 'x', host: 'a', alertname: 'High', severity: 'warning' } };
    const third = stepRule(shape, new Map([[before.id, reordered]]), [{ labels: series, value: 3 }], T0 + 2 * MINUTE).alerts;
    const labels = ([...third.values()][0] as AlertInstance).labels;
    assert.notEqual(labels, reordered.labels);
    assert.deepEqual(Object.keys(labels), Object.keys(alertLabels(shape, series)));
  });
});
