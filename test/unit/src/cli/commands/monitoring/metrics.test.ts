import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderMetric, renderMetricList } from '../../../../../../src/cli/commands/monitoring/metrics.js';
import { now } from './fixtures.js';

describe('renderMetricList', () => {
  test('one row per metric with a sparkline of the recent values', () => {
    assert.equal(
      renderMetricList([
        { name: 'queue_depth', type: 'gauge', help: 'h', labelNames: ['queue'], series: 2, lastValue: 42, recent: [1, 5, 9, 42] },
        { name: 'requests_total', type: 'counter', help: '', labelNames: [], series: 1, lastValue: null, recent: [] },
      ]),
      [
        'NAME            TYPE     SERIES  LAST  RECENT',
        'queue_depth     gauge    2       42    ▁▂▂█',
        'requests_total  counter  1       -',
      ].join('\n'),
    );
    assert.equal(renderMetricList([]), 'No metrics yet.');
  });
});

describe('renderMetric', () => {
  test('a heading, then each series with its figures and chart', () => {
    const result = {
      name: 'queue_depth',
      type: 'gauge' as const,
      help: 'Jobs waiting',
      series: [
        { name: 'queue_depth', labels: { queue: 'emails' }, times: [now - 120_000, now - 60_000, now], values: [1, 3, 2] },
        { name: 'queue_depth', labels: { queue: 'sms' }, times: [], values: [] },
      ],
    };
    assert.equal(
      renderMetric(result, 40, 3_600_000),
      [
        'queue_depth (gauge): 2 series over the last 1h',
        'Jobs waiting',
        '',
        '{queue="emails"}  last 2  min 1  max 3  3 samples',
        '3 ┤                 ⣠⠞⠓⠦⣄⡀',
        '  │               ⣠⠞⠁    ⠉⠓⢦⣀',
        '  │             ⢀⡞⠁         ⠈⠙⠲⢤⣀',
        '  │           ⢀⡴⠋               ⠈⠙⠦⣄⡀',
        '  │         ⢀⡴⠋                     ⠉⠓⠦⣄',
        '  │       ⢀⡴⠋                          ⠈',
        '  │     ⢀⡴⠋',
        '  │    ⣠⠏',
        '  │  ⣠⠞⠁',
        '1 ┤⣠⠞⠁',
        '  └─────────────────────────────────────',
        '   2026-01-01T11:58:00Z to 2026-01-01T12:00:00Z (2m)',
        '',
        '{queue="sms"}',
        'no samples over the last 1h',
      ].join('\n'),
    );
  });

  test('an untyped metric without help or range', () => {
    assert.equal(
      renderMetric({ name: 'm', type: null, help: '', series: [{ name: 'm', labels: {}, times: [now], values: [1] }] }, 20, undefined),
      ['m (untyped): 1 series', '', '{}  last 1  min 1  max 1  1 sample', '1 ┤', '  │', '  │', '  │', '  │', '  │⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉', '  │', '  │', '  │', '1 ┤', '  └─────────────────', '   2026-01-01T12:00:00Z'].join('\n'),
    );
  });
});
