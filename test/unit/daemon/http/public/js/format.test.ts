import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './load.js';

const f = await load<{
  formatDuration(ms: number): string;
  formatAge(at: string | number | null, now: number): string;
  formatTimeLeft(at: string | number | null, now: number): string;
  toMs(at: unknown): number | null;
  formatValue(v: number | null | undefined): string;
  formatLatency(ms: number | null | undefined): string;
  formatPercent(v: number | null | undefined, isPercent?: boolean): string;
  formatLabels(labels: Record<string, string> | null | undefined): string;
  matchersFor(labels: Record<string, string>): string[];
}>('format.js');

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

test('durations show the two largest units', () => {
  assert.equal(f.formatDuration(0), '0s');
  assert.equal(f.formatDuration(45_900), '45s');
  assert.equal(f.formatDuration(192_000), '3m 12s');
  assert.equal(f.formatDuration(7_500_000), '2h 5m');
  assert.equal(f.formatDuration(3 * 86_400_000 + 3_600_000 * 4 + 60_000), '3d 4h');
  assert.equal(f.formatDuration(3_600_000), '1h 0m');
  assert.equal(f.formatDuration(-90_000), '-1m 30s');
  assert.equal(f.formatDuration(NaN), '—');
});

test('ages and time left, from ISO text or epoch ms', () => {
  assert.equal(f.formatAge(new Date(NOW - 192_000).toISOString(), NOW), '3m 12s ago');
  assert.equal(f.formatAge(NOW - 500, NOW), 'just now');
  assert.equal(f.formatAge(null, NOW), '—');
  assert.equal(f.formatAge('not a time', NOW), '—');
  assert.equal(f.formatTimeLeft(NOW + 7_500_000, NOW), '2h 5m left');
  assert.equal(f.formatTimeLeft(NOW - 1, NOW), 'expired');
  assert.equal(f.formatTimeLeft(null, NOW), 'permanent');
  assert.equal(f.toMs('2026-01-01T12:00:00.000Z'), NOW);
  assert.equal(f.toMs(undefined), null);
});

test('values keep 4 significant digits, with k/M/G for large ones', () => {
  assert.equal(f.formatValue(42), '42');
  assert.equal(f.formatValue(3.14159), '3.142');
  assert.equal(f.formatValue(9999), '9999');
  assert.equal(f.formatValue(12_345), '12.35k');
  assert.equal(f.formatValue(-2_500_000), '-2.5M');
  assert.equal(f.formatValue(7.2e9), '7.2G');
  assert.equal(f.formatValue(null), '—');
  assert.equal(f.formatValue(NaN), 'NaN');
  assert.equal(f.formatValue(-Infinity), '-Inf');
});

test('latency, percent and labels', () => {
  assert.equal(f.formatLatency(12.345), '12.35 ms');
  assert.equal(f.formatLatency(1250), '1.25 s');
  assert.equal(f.formatLatency(null), '—');
  assert.equal(f.formatPercent(0.998), '99.8%');
  assert.equal(f.formatPercent(1), '100%');
  assert.equal(f.formatPercent(0.99999), '99.99%');
  assert.equal(f.formatPercent(42, true), '42%');
  assert.equal(f.formatPercent(null), '—');
  assert.equal(f.formatLabels({ b: '2', a: '1' }), '{a="1", b="2"}');
  assert.equal(f.formatLabels({}), '{}');
  assert.equal(f.formatLabels(null), '{}');
});

test('silence matchers quote and escape each label value', () => {
  assert.deepEqual(
    f.matchersFor({ severity: 'critical', alertname: 'Disk "full"', path: 'C:\\x' }),
    ['alertname="Disk \\"full\\""', 'path="C:\\\\x"', 'severity="critical"'],
  );
  assert.deepEqual(f.matchersFor({}), []);
});
