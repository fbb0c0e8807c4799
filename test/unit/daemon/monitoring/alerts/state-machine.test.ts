import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fingerprint } from '../../../../../daemon/monitoring/alerts/fingerprint.js';
import { alertLabels, stepRule, type AlertInstance, type RuleShape } from '../../../../../daemon/monitoring/alerts/state-machine.js';
import { compileTemplate } from '../../../../../daemon/monitoring/alerts/template.js';
import { MINUTE, T0 } from './alerting-fixtures.js';

function rule(overrides: Partial<RuleShape> = {}): RuleShape {
  return {
    name: 'HighCPU',
    severity: 'critical',
    forMs: 2 * MINUTE,
    keepFiringForMs: 0,
    labels: { team: 'infra' },
    annotations: { summary: compileTemplate('{{ $labels.host }} at {{ $value }}%', 'annotations.summary') },
    ...overrides,
  };
}

const HOST_A = { host: 'a' };
const LABELS_A = { host: 'a', team: 'infra', alertname: 'HighCPU', severity: 'critical' };
const ID_A = fingerprint(LABELS_A);

/** Runs the rule over successive evaluations, one minute apart from T0; each entry is the active samples. */
function run(shape: RuleShape, steps: Array<Array<{ labels: Record<string, string>; value: number }>>) {
  let alerts: ReadonlyMap<string, AlertInstance> = new Map();
  const out: Array<ReturnType<typeof stepRule>> = [];
  steps.forEach((active, i) => {
    const step = stepRule(shape, alerts, active, T0 + i * MINUTE);
    out.push(step);
    alerts = step.alerts;
  });
  return out;
}

const kinds = (step: ReturnType<typeof stepRule>): string[] => step.transitions.map((t) => `${t.kind}@${(t.at - T0) / MINUTE}`);

describe('alertLabels', () => {
  test('series labels, then rule labels, then alertname and severity (each overriding the one before)', () => {
    const shape = rule({ labels: { team: 'infra', host: 'overridden' } });
    assert.deepEqual(alertLabels(shape, { host: 'a', alertname: 'x', severity: 'info', job: 'node' }), {
      host: 'overridden',
      alertname: 'HighCPU',
      severity: 'critical',
      job: 'node',
      team: 'infra',
    });
  });
});

describe('stepRule', () => {
  test('inactive → pending → firing after `for`, with the alert fields at each step', () => {
    const steps = run(rule(), [[{ labels: HOST_A, value: 91 }], [{ labels: HOST_A, value: 92 }], [{ labels: HOST_A, value: 93 }]]);
    assert.deepEqual(kinds(steps[0] as ReturnType<typeof stepRule>), ['pending@0']);
    assert.deepEqual([...(steps[0]?.alerts.values() ?? [])], [
      {
        id: ID_A,
        rule: 'HighCPU',
        severity: 'critical',
        labels: LABELS_A,
        annotations: { summary: 'a at 91%' },
        state: 'pending',
        value: 91,
        activeAt: T0,
        firedAt: null,
        lastActiveAt: T0,
      },
    ]);
    assert.deepEqual(steps[1]?.transitions, []);
    assert.equal(steps[1]?.alerts.get(ID_A)?.state, 'pending');
    assert.equal(steps[1]?.alerts.get(ID_A)?.lastActiveAt, T0 + MINUTE);
    assert.deepEqual(kinds(steps[2] as ReturnType<typeof stepRule>), ['firing@2']);
    assert.deepEqual(steps[2]?.alerts.get(ID_A), {
      id: ID_A,
      rule: 'HighCPU',
      severity: 'critical',
      labels: LABELS_A,
      annotations: { summary: 'a at 93%' },
      state: 'firing',
      value: 93,
      activeAt: T0,
      firedAt: T0 + 2 * MINUTE,
      lastActiveAt: T0 + 2 * MINUTE,
    });
    assert.equal(steps[2]?.transitions[0]?.alert, steps[2]?.alerts.get(ID_A));
  });

  test('for = 0 fires at the first evaluation, with no pending step', () => {
    const [first] = run(rule({ forMs: 0 }), [[{ labels: HOST_A, value: 95 }]]);
    assert.deepEqual(first && kinds(first), ['firing@0']);
    assert.deepEqual(first?.alerts.get(ID_A)?.state, 'firing');
    assert.deepEqual(first?.alerts.get(ID_A)?.firedAt, T0);
  });

  test('a pending alert that clears is dropped, and starts over when it comes back', () => {
    const steps = run(rule(), [[{ labels: HOST_A, value: 91 }], [], [{ labels: HOST_A, value: 92 }]]);
    assert.deepEqual(steps.map(kinds), [['pending@0'], ['dropped@1'], ['pending@2']]);
    assert.equal(steps[1]?.alerts.size, 0);
    assert.equal(steps[1]?.transitions[0]?.alert.state, 'pending');
    assert.equal(steps[2]?.alerts.get(ID_A)?.activeAt, T0 + 2 * MINUTE);
  });

  test('a firing alert that clears is resolved, carrying its last state', () => {
    const steps = run(rule({ forMs: 0 }), [[{ labels: HOST_A, value: 95 }], [{ labels: HOST_A, value: 96 }], []]);
    assert.deepEqual(steps.map(kinds), [['firing@0'], [], ['resolved@2']]);
    assert.equal(steps[2]?.alerts.size, 0);
    const resolved = steps[2]?.transitions[0]?.alert;
    assert.equal(resolved?.state, 'firing');
    assert.equal(resolved?.value, 96);
    assert.equal(resolved?.lastActiveAt, T0 + MINUTE);
  });

  test('keep_firing_for holds a cleared alert firing, then resolves it', () => {
    const shape = rule({ forMs: 0, keepFiringForMs: 3 * MINUTE });
    const steps = run(shape, [[{ labels: HOST_A, value: 95 }], [], [], [], []]);
    assert.deepEqual(steps.map(kinds), [['firing@0'], [], [], [], ['resolved@4']]);
    // Held while less than keep_firing_for has passed since the first evaluation without the
    // condition (minute 1), which it remembers as keepFiringSince.
    assert.deepEqual(steps[1]?.alerts.get(ID_A), { ...steps[0]?.alerts.get(ID_A), keepFiringSince: T0 + MINUTE });
    assert.deepEqual(steps[3]?.alerts.get(ID_A), steps[1]?.alerts.get(ID_A));
    assert.equal(steps[4]?.alerts.size, 0);
    assert.equal(steps[4]?.transitions[0]?.alert.lastActiveAt, T0);
  });

  test('keep_firing_for counts, as in Prometheus, from the first evaluation without the condition, the end excluded', () => {
    const shape = rule({ forMs: 0, keepFiringForMs: 2 * MINUTE });
    const steps = run(shape, [[{ labels: HOST_A, value: 95 }], [{ labels: HOST_A, value: 95 }], [], [], []]);
    // Cleared first at 2; held at 2 and 3; resolved at 4, exactly 2 min later.
    assert.deepEqual(steps.map(kinds), [['firing@0'], [], [], [], ['resolved@4']]);
  });

  test('a hold ends when the condition holds again, and a later clearing starts a new one', () => {
    const shape = rule({ forMs: 0, keepFiringForMs: 2 * MINUTE });
    const steps = run(shape, [[{ labels: HOST_A, value: 95 }], [], [{ labels: HOST_A, value: 95 }], [], [], []]);
    assert.equal(steps[2]?.alerts.get(ID_A)?.keepFiringSince, undefined);
    assert.deepEqual(steps.map(kinds), [['firing@0'], [], [], [], [], ['resolved@5']]);
  });

  test('keep_firing_for does not hold a pending alert', () => {
    const steps = run(rule({ keepFiringForMs: 10 * MINUTE }), [[{ labels: HOST_A, value: 91 }], []]);
    assert.deepEqual(steps.map(kinds), [['pending@0'], ['dropped@1']]);
  });

  test('annotations are re-rendered with the latest value at each evaluation', () => {
    const steps = run(rule({ forMs: 0 }), [[{ labels: HOST_A, value: 91 }], [{ labels: HOST_A, value: 97.5 }]]);
    assert.deepEqual(steps[0]?.alerts.get(ID_A)?.annotations, { summary: 'a at 91%' });
    assert.deepEqual(steps[1]?.alerts.get(ID_A)?.annotations, { summary: 'a at 97.5%' });
    assert.equal(steps[1]?.alerts.get(ID_A)?.value, 97.5);
  });

  test('each label set is its own alert', () => {
    const steps = run(rule({ forMs: 0 }), [
      [
        { labels: { host: 'a' }, value: 91 },
        { labels: { host: 'b' }, value: 92 },
      ],
      [{ labels: { host: 'b' }, value: 93 }],
    ]);
    const idB = fingerprint({ host: 'b', team: 'infra', alertname: 'HighCPU', severity: 'critical' });
    assert.deepEqual(steps[0]?.transitions.map((t) => [t.kind, t.alert.id]), [
      ['firing', ID_A],
      ['firing', idB],
    ]);
    assert.deepEqual(steps[1]?.transitions.map((t) => [t.kind, t.alert.id]), [['resolved', ID_A]]);
    assert.deepEqual([...(steps[1]?.alerts.keys() ?? [])], [idB]);
  });

  test('two series that differ only in labels the rule overrides make one alert (the first wins)', () => {
    const shape = rule({ forMs: 0, labels: { host: 'fixed' } });
    const [step] = run(shape, [
      [
        { labels: { host: 'a' }, value: 1 },
        { labels: { host: 'b' }, value: 2 },
      ],
    ]);
    assert.equal(step?.alerts.size, 1);
    assert.deepEqual(step?.transitions.map((t) => t.alert.value), [1]);
  });

  test('the previous map is not modified', () => {
    const [first] = run(rule(), [[{ labels: HOST_A, value: 91 }]]);
    const previous = first?.alerts as Map<string, AlertInstance>;
    const before = structuredClone([...previous.values()]);
    stepRule(rule(), previous, [], T0 + MINUTE);
    stepRule(rule(), previous, [{ labels: HOST_A, value: 99 }], T0 + 5 * MINUTE);
    assert.deepEqual([...previous.values()], before);
  });
});
