import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderExplain, renderRules } from '../../../../../../src/cli/commands/monitoring/rules.js';
import { plainColors } from '../../../../../../src/cli/output.js';
import type { RuleInfo } from '../../../../../../src/protocol/schemas.js';
import { ago, tags } from './fixtures.js';

const rule: RuleInfo = {
  name: 'HighQueue',
  expr: 'queue_depth > 100',
  severity: 'critical',
  forMs: 300_000,
  keepFiringForMs: 0,
  labels: {},
  annotations: {},
  description: '',
  createdAt: ago(100),
  updatedAt: ago(100),
  pending: 1,
  firing: 2,
  lastError: null,
  lastEvaluatedAt: ago(0),
};

describe('renderRules', () => {
  test('state from the alert counts, the last error, or whether it ran', () => {
    const rules = [
      rule,
      { ...rule, name: 'Broken', severity: 'info' as const, forMs: 0, pending: 0, firing: 0, lastError: 'unknown function foo', expr: 'foo(x)' },
      { ...rule, name: 'New', severity: 'warning' as const, pending: 0, firing: 0, lastEvaluatedAt: null },
      { ...rule, name: 'Quiet', pending: 0, firing: 0, expr: `long_metric_name{a="b"}\n  > ${'9'.repeat(60)}` },
    ];
    assert.equal(
      renderRules(rules, plainColors),
      [
        'NAME       SEVERITY  FOR  STATE                EXPR                                                          LAST ERROR',
        'HighQueue  critical  5m   2 firing, 1 pending  queue_depth > 100                                             -',
        'Broken     info      0s   error                foo(x)                                                        unknown function foo',
        'New        warning   5m   not evaluated        queue_depth > 100                                             -',
        `Quiet      critical  5m   ok                   long_metric_name{a="b"} > ${'9'.repeat(33)}…  -`,
      ].join('\n'),
    );
    assert.match(renderRules([rule], tags), /<r>2 firing<\/r>, <y>1 pending<\/y>/);
    assert.equal(renderRules([], plainColors), 'No alert rules. Add one with: clickup-brain monitoring --add-rule <name> --expr <expression>');
  });
});

describe('renderExplain', () => {
  const head = [
    'rule             HighQueue',
    'expr             queue_depth > 100',
    'severity         critical',
    'for              5m',
    'keep firing for  0s',
    'state            2 firing, 1 pending',
    'evaluated        2026-01-01T12:00:00Z',
  ];

  test('the rule, then each label set with value, state and reason', () => {
    const rows = [
      { labels: { queue: 'emails' }, value: 120, state: 'firing' as const, reason: 'above for 6m (needs 5m)' },
      { labels: { queue: 'sms' }, value: null, state: 'inactive' as const, reason: 'no sample' },
    ];
    assert.equal(
      renderExplain({ rule, evaluatedAt: ago(0), rows, error: null }, plainColors),
      [
        ...head,
        '',
        'LABELS            VALUE  STATE     REASON',
        '{queue="emails"}  120    firing    above for 6m (needs 5m)',
        '{queue="sms"}     -      inactive  no sample',
      ].join('\n'),
    );
    assert.equal(renderExplain({ rule, evaluatedAt: ago(0), rows: [], error: null }, plainColors), [...head, '', 'The expression returns no series, so the rule has no alerts.'].join('\n'));
  });

  test('the error when evaluation failed, with the description', () => {
    assert.equal(
      renderExplain({ rule: { ...rule, description: 'Queue backs up' }, evaluatedAt: ago(0), rows: [], error: 'unknown metric' }, plainColors),
      [...head, 'description      Queue backs up', '', 'Evaluation failed: unknown metric'].join('\n'),
    );
  });
});
