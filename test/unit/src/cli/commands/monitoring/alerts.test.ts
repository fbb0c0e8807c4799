import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { alertsParams, renderAlerts } from '../../../../../../src/cli/commands/monitoring/alerts.js';
import { AppError } from '../../../../../../src/protocol/errors.js';
import { plainColors } from '../../../../../../src/cli/output.js';
import type { AlertTransition, AlertView } from '../../../../../../src/protocol/schemas.js';
import { ago, now, tags } from './fixtures.js';

const alert = (over: Partial<AlertView>): AlertView => ({
  id: '0123456789abcdef',
  rule: 'HighQueue',
  severity: 'critical',
  state: 'firing',
  muted: null,
  mutedBy: null,
  labels: {},
  annotations: {},
  value: 1,
  activeAt: ago(90),
  firedAt: null,
  ...over,
});

const alerts = [
  alert({ annotations: { summary: 'queue emails holds 120' } }),
  alert({ id: 'fedcba9876543210', rule: 'DiskSoon', severity: 'warning', state: 'pending', muted: 'silenced', annotations: { description: 'disk fills' }, activeAt: ago(2) }),
  alert({ id: 'aaaaaaaabbbbbbbb', rule: 'Info', severity: 'info', muted: 'acked', activeAt: ago(0.5) }),
];

describe('renderAlerts', () => {
  test('active alerts: short id, state with what mutes it, age, summary or description', () => {
    assert.equal(
      renderAlerts({ alerts, history: [] }, now, plainColors, false),
      [
        'ID        RULE       SEVERITY  STATE               AGE    SUMMARY',
        '01234567  HighQueue  critical  firing              1h30m  queue emails holds 120',
        'fedcba98  DiskSoon   warning   pending (silenced)  2m     disk fills',
        'aaaaaaaa  Info       info      firing (acked)      30s    -',
      ].join('\n'),
    );
  });

  test('each row in its severity’s colour; emergency is bold red', () => {
    const text = renderAlerts({ alerts: [alert({ severity: 'emergency' }), alert({ severity: 'info' })], history: [] }, now, tags, false);
    const [, emergency, info] = text.split('\n');
    assert.match(emergency as string, /^<b><r>01234567<\/r><\/b> +<b><r>HighQueue<\/r><\/b> +<b><r>emergency<\/r><\/b>/);
    assert.match(info as string, /^<d>01234567<\/d> +<d>HighQueue<\/d> +<d>info<\/d>/);
  });

  test('with history: the transitions under a HISTORY heading', () => {
    const history: AlertTransition[] = [
      { kind: 'firing', at: '2026-01-01T10:35:00.000Z', id: '0123456789abcdef', rule: 'HighQueue', severity: 'critical', labels: { queue: 'emails' }, value: 120 },
      { kind: 'resolved', at: '2026-01-01T11:00:00.000Z', id: '1', rule: 'Old', severity: 'info', labels: {}, value: 0 },
    ];
    assert.equal(
      renderAlerts({ alerts: [], history }, now, plainColors, true),
      [
        'No active alerts.',
        '',
        'HISTORY',
        'AT                    KIND      RULE       LABELS',
        '2026-01-01T10:35:00Z  firing    HighQueue  {queue="emails"}',
        '2026-01-01T11:00:00Z  resolved  Old        -',
      ].join('\n'),
    );
    assert.equal(renderAlerts({ alerts: [], history: [] }, now, plainColors, true), 'No active alerts.\n\nHISTORY\nNo transitions yet.');
    assert.equal(renderAlerts({ alerts: [], history }, now, plainColors, false), 'No active alerts.');
  });
});

describe('alertsParams', () => {
  const at = Date.UTC(2026, 0, 1, 12);

  test('--all asks for the history; --rule, --since and --limit become the filters', () => {
    assert.deepEqual(alertsParams({ alerts: true }, at), { history: false });
    assert.deepEqual(alertsParams({ alerts: true, rule: 'HighQueue' }, at), { history: false, rule: 'HighQueue' });
    assert.deepEqual(alertsParams({ alerts: true, all: true, rule: 'HighQueue', since: { ago: 3_600_000 }, limit: 1000 }, at), {
      history: true,
      rule: 'HighQueue',
      since: '2026-01-01T11:00:00.000Z',
      limit: 1000,
    });
    assert.deepEqual(alertsParams({ alerts: true, all: true, since: { at: Date.UTC(2025, 11, 31) } }, at), { history: true, since: '2025-12-31T00:00:00.000Z' });
  });

  test('--since and --limit need --all; --limit stops at the 1000 transitions the daemon keeps', () => {
    const refused = (options: Parameters<typeof alertsParams>[0], message: string): void => {
      assert.throws(() => alertsParams(options, at), (error: unknown) => error instanceof AppError && error.code === 'INVALID_INPUT' && error.message === message);
    };
    refused({ alerts: true, since: { ago: 1000 } }, '--since filters the history: clickup-brain monitoring --alerts --all --since <value>');
    refused({ alerts: true, limit: 5 }, '--limit filters the history: clickup-brain monitoring --alerts --all --limit <value>');
    refused({ alerts: true, all: true, limit: 1001 }, '--limit for --alerts must be from 1 to 1000 (the daemon keeps the newest 1000 transitions), got 1001');
  });
});
