import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRulesFile } from '../../../../../daemon/monitoring/alerts/rules-file.js';
import { HOUR, MINUTE, refuses } from './alerting-fixtures.js';

const FILE = `
groups:
  - name: host
    rules:
      - alert: HighCPU
        expr: cpu_usage > 80
        for: 5m
        keep_firing_for: 2m
        labels:
          severity: critical
          team: infra
        annotations:
          summary: "CPU is {{ $value }}%"
          description: CPU has been high for a while
      - alert: LowDisk
        expr: disk_usage{mount="/"} > 90
  - name: jobs
    rules:
      - alert: BackupLate
        expr: time() - backup_last_success > 86400
        for: 1h30m
        labels:
          priority: 2
`;

describe('parseRulesFile', () => {
  test('reads every rule of every group, in order', () => {
    assert.deepEqual(parseRulesFile(FILE), [
      {
        name: 'HighCPU',
        expr: 'cpu_usage > 80',
        severity: 'critical',
        forMs: 5 * MINUTE,
        keepFiringForMs: 2 * MINUTE,
        labels: { team: 'infra' },
        annotations: { summary: 'CPU is {{ $value }}%', description: 'CPU has been high for a while' },
        description: 'CPU has been high for a while',
      },
      {
        name: 'LowDisk',
        expr: 'disk_usage{mount="/"} > 90',
        severity: 'warning',
        forMs: 0,
        keepFiringForMs: 0,
        labels: {},
        annotations: {},
        description: '',
      },
      {
        name: 'BackupLate',
        expr: 'time() - backup_last_success > 86400',
        severity: 'warning',
        forMs: HOUR + 30 * MINUTE,
        keepFiringForMs: 0,
        labels: { priority: '2' },
        annotations: {},
        description: '',
      },
    ]);
  });

  test('a file with no rules in its groups gives none', () => {
    assert.deepEqual(parseRulesFile('groups: []'), []);
    assert.deepEqual(parseRulesFile('groups:\n  - name: empty\n    rules: []'), []);
  });
});

describe('parseRulesFile: refusals', () => {
  const rule = (body: string, group = 'g'): string => `groups:\n  - name: ${group}\n    rules:\n      - ${body.split('\n').join('\n        ')}`;

  test('text that is not YAML, with the first line of the reason', () => {
    refuses(
      () => parseRulesFile('groups: [\n  a: b'),
      'INVALID_INPUT',
      'the rules file is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 7:',
      'rules',
    );
  });

  test('no top-level groups list', () => {
    const message = "the rules file needs a top-level 'groups' list";
    refuses(() => parseRulesFile(''), 'INVALID_INPUT', message, 'rules');
    refuses(() => parseRulesFile('rules: []'), 'INVALID_INPUT', message, 'rules');
    refuses(() => parseRulesFile('groups: {}'), 'INVALID_INPUT', message, 'rules');
    refuses(() => parseRulesFile('- 1'), 'INVALID_INPUT', message, 'rules');
  });

  test('a group without a rules list, and a rule that is not a map', () => {
    refuses(() => parseRulesFile('groups:\n  - name: a\n    rules: []\n  - name: b'), 'INVALID_INPUT', "groups[1] needs a 'rules' list", 'rules');
    refuses(() => parseRulesFile('groups:\n  - rules:\n      - just text'), 'INVALID_INPUT', "group '#0', rule 1 is not a map", 'rules');
  });

  test('a recording rule', () => {
    refuses(
      () => parseRulesFile(rule('record: job:up:sum\nexpr: sum(up)')),
      'INVALID_INPUT',
      "group 'g', rule 1: recording rules are not supported; only alerting rules (alert:)",
      'rules',
    );
  });

  test('a rule missing alert or expr (the rule counted from 1)', () => {
    refuses(() => parseRulesFile('groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n      - expr: up'), 'INVALID_INPUT', "group 'g', rule 2 needs 'alert' and 'expr' strings", 'rules');
    refuses(() => parseRulesFile(rule('alert: A')), 'INVALID_INPUT', "group 'g', rule 1 needs 'alert' and 'expr' strings", 'rules');
    refuses(() => parseRulesFile(rule('alert: A\nexpr: 5')), 'INVALID_INPUT', "group 'g', rule 1 needs 'alert' and 'expr' strings", 'rules');
  });

  test('a bad duration in for or keep_firing_for', () => {
    refuses(
      () => parseRulesFile(rule('alert: A\nexpr: up\nfor: 5x')),
      'INVALID_INPUT',
      "group 'g', rule 1: for: '5x' is not a duration (unexpected '5x'); write it like 500ms, 15s, 5m, 1h or 7d",
      'rules',
    );
    refuses(
      () => parseRulesFile(rule('alert: A\nexpr: up\nfor: 300')),
      'INVALID_INPUT',
      "group 'g', rule 1: for: '300' is not a duration (unexpected '300'); write it like 500ms, 15s, 5m, 1h or 7d",
      'rules',
    );
    refuses(
      () => parseRulesFile(rule('alert: A\nexpr: up\nkeep_firing_for: 1m5h')),
      'INVALID_INPUT',
      "group 'g', rule 1: keep_firing_for: '1m5h' is not a duration: units must go from largest to smallest",
      'rules',
    );
  });

  test('labels or annotations that are not a map', () => {
    refuses(() => parseRulesFile(rule('alert: A\nexpr: up\nlabels: [a]')), 'INVALID_INPUT', "group 'g', rule 1: labels must be a map of strings", 'rules');
    refuses(() => parseRulesFile(rule('alert: A\nexpr: up\nannotations: text')), 'INVALID_INPUT', "group 'g', rule 1: annotations must be a map of strings", 'rules');
  });

  test('the same alert name and severity twice, even in different groups', () => {
    const text = 'groups:\n  - name: a\n    rules:\n      - alert: Dup\n        expr: up\n  - name: b\n    rules:\n      - alert: Dup\n        expr: up == 0';
    refuses(() => parseRulesFile(text), 'INVALID_INPUT', "rule 'Dup_warning' appears twice in the rules file (same alert and severity)", 'rules');
  });

  test('one alert with a rule per severity: rules <alert>_<severity> sharing the alertname label', () => {
    const text = 'groups:\n  - name: disk\n    rules:\n      - alert: DiskFull\n        expr: disk_usage > 80\n        labels: { severity: warning }\n      - alert: DiskFull\n        expr: disk_usage > 95\n        labels: { severity: critical }';
    const rules = parseRulesFile(text);
    assert.deepEqual(rules.map((r) => [r.name, r.severity, r.labels]), [
      ['DiskFull_warning', 'warning', { alertname: 'DiskFull' }],
      ['DiskFull_critical', 'critical', { alertname: 'DiskFull' }],
    ]);
  });
});
