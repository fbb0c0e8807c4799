import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileRule } from '../../../../../daemon/monitoring/alerts/rule-compiler.js';
import { iso, MINUTE, refuses, T0 } from './alerting-fixtures.js';

describe('compileRule: a valid rule', () => {
  test('gives the record to store, the parsed expression and compiled templates', () => {
    const rule = compileRule(
      {
        name: 'HighCPU',
        expr: 'cpu_usage > 80',
        severity: 'critical',
        forMs: 5 * MINUTE,
        keepFiringForMs: MINUTE,
        labels: { team: 'infra' },
        annotations: { summary: '{{ $labels.host }} CPU at {{ $value }}%' },
        description: 'CPU is high',
      },
      T0,
    );
    assert.deepEqual(rule.record, {
      name: 'HighCPU',
      expr: 'cpu_usage > 80',
      severity: 'critical',
      forMs: 5 * MINUTE,
      keepFiringForMs: MINUTE,
      labels: { team: 'infra' },
      annotations: { summary: '{{ $labels.host }} CPU at {{ $value }}%' },
      description: 'CPU is high',
      createdAt: iso(T0),
      updatedAt: iso(T0),
    });
    assert.equal(rule.name, 'HighCPU');
    assert.equal(rule.severity, 'critical');
    assert.equal(rule.forMs, 5 * MINUTE);
    assert.equal(rule.keepFiringForMs, MINUTE);
    assert.deepEqual(rule.labels, { team: 'infra' });
    assert.equal(rule.expr.type, 'vector');
    assert.deepEqual(Object.keys(rule.annotations), ['summary']);
    assert.equal(rule.annotations['summary']?.({ value: 93, labels: { host: 'db1' } }), 'db1 CPU at 93%');
  });

  test('defaults: warning, no for, no keep_firing_for, no labels, annotations or description', () => {
    const rule = compileRule({ name: 'Up', expr: 'up == 0' }, T0);
    assert.deepEqual(rule.record, {
      name: 'Up',
      expr: 'up == 0',
      severity: 'warning',
      forMs: 0,
      keepFiringForMs: 0,
      labels: {},
      annotations: {},
      description: '',
      createdAt: iso(T0),
      updatedAt: iso(T0),
    });
  });

  test('replacing a rule keeps its creation time and, unless given, its severity', () => {
    const first = compileRule({ name: 'Up', expr: 'up == 0', severity: 'critical' }, T0);
    const second = compileRule({ name: 'Up', expr: 'up < 1' }, T0 + MINUTE, first.record);
    assert.equal(second.record.createdAt, iso(T0));
    assert.equal(second.record.updatedAt, iso(T0 + MINUTE));
    assert.equal(second.severity, 'critical');
    const third = compileRule({ name: 'Up', expr: 'up < 1', severity: 'info' }, T0 + 2 * MINUTE, second.record);
    assert.equal(third.severity, 'info');
  });

  test('names of 1 to 128 characters are accepted, and annotations may be called severity', () => {
    assert.equal(compileRule({ name: `_${'a'.repeat(127)}`, expr: 'up' }, T0).name.length, 128);
    assert.equal(compileRule({ name: 'R', expr: 'up', annotations: { severity: 'x' } }, T0).record.annotations['severity'], 'x');
  });
});

describe('compileRule: refusals', () => {
  test('a bad rule name', () => {
    for (const name of ['1abc', 'a-b', '', `a${'b'.repeat(128)}`]) {
      refuses(() => compileRule({ name, expr: 'up' }, T0), 'INVALID_INPUT', `rule name '${name}' must be letters, digits and _ (up to 128), not starting with a digit`, 'name');
    }
  });

  test('a bad severity', () => {
    refuses(() => compileRule({ name: 'R', expr: 'up', severity: 'high' }, T0), 'INVALID_INPUT', "severity 'high' must be one of info, warning, critical, emergency", 'severity');
  });

  test('bad label and annotation names', () => {
    const why = 'is not a valid name (letters, digits and _, not starting with a digit or __)';
    refuses(() => compileRule({ name: 'R', expr: 'up', labels: { 'bad-name': 'x' } }, T0), 'INVALID_INPUT', `labels: 'bad-name' ${why}`, 'labels');
    refuses(() => compileRule({ name: 'R', expr: 'up', labels: { __reserved: 'x' } }, T0), 'INVALID_INPUT', `labels: '__reserved' ${why}`, 'labels');
    refuses(() => compileRule({ name: 'R', expr: 'up', labels: { '9x': 'x' } }, T0), 'INVALID_INPUT', `labels: '9x' ${why}`, 'labels');
    refuses(() => compileRule({ name: 'R', expr: 'up', annotations: { 'run book': 'x' } }, T0), 'INVALID_INPUT', `annotations: 'run book' ${why}`, 'annotations');
  });

  test('severity cannot be set as a label; alertname can (it names the alert family)', () => {
    refuses(() => compileRule({ name: 'R', expr: 'up', labels: { severity: 'critical' } }, T0), 'INVALID_INPUT', "labels: 'severity' is set by the rule's severity", 'labels');
    assert.equal(compileRule({ name: 'R', expr: 'up', labels: { alertname: 'DiskFull' } }, T0).record.labels['alertname'], 'DiskFull');
  });

  test('an expression that does not parse, prefixed with expr:', () => {
    refuses(() => compileRule({ name: 'R', expr: 'cpu >' }, T0), 'INVALID_INPUT', 'expr: unexpected end of input at column 6', 'expr');
  });

  test('a range vector or a scalar expression', () => {
    refuses(() => compileRule({ name: 'R', expr: 'cpu[5m]' }, T0), 'INVALID_INPUT', 'expr: a rule expression must be an instant vector or a scalar, not a range vector at column 1', 'expr');
    refuses(() => compileRule({ name: 'R', expr: '1 + 1' }, T0), 'INVALID_INPUT', 'expr: an alert rule must give an instant vector, not a scalar', 'expr');
    refuses(() => compileRule({ name: 'R', expr: 'scalar(up)' }, T0), 'INVALID_INPUT', 'expr: an alert rule must give an instant vector, not a scalar', 'expr');
  });

  test('an annotation template that does not compile', () => {
    refuses(
      () => compileRule({ name: 'R', expr: 'up', annotations: { summary: 'at {{ $valu }}' } }, T0),
      'INVALID_INPUT',
      "annotations.summary: unknown template value '$valu' at column 4; use $value or $labels.<name>",
      'annotations.summary',
    );
  });
});
