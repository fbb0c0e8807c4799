import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  alertRows,
  checkRows,
  computeLayout,
  fit,
  matchesFilter,
  metricRows,
  moveSelection,
  nextPanel,
  visibleWindow,
} from '../../../../../src/ui/monitoring/dashboard-model.js';
import { alert, check, metric } from './fixtures.js';

test('nextPanel wraps both ways in Tab order health → alerts → metrics', () => {
  assert.equal(nextPanel('health', 1), 'alerts');
  assert.equal(nextPanel('metrics', 1), 'health');
  assert.equal(nextPanel('health', -1), 'metrics');
  assert.equal(nextPanel('alerts', -4), 'health');
});

test('moveSelection clamps to the rows, and is 0 with none', () => {
  assert.equal(moveSelection(0, -1, 5), 0);
  assert.equal(moveSelection(3, 10, 5), 4);
  assert.equal(moveSelection(2, 1, 5), 3);
  assert.equal(moveSelection(7, 1, 0), 0);
});

test('visibleWindow keeps the selection on screen and never runs past the end', () => {
  assert.deepEqual(visibleWindow(3, 2, 10), { start: 0, end: 3 });
  assert.deepEqual(visibleWindow(100, 0, 10), { start: 0, end: 10 });
  assert.deepEqual(visibleWindow(100, 9, 10), { start: 0, end: 10 });
  assert.deepEqual(visibleWindow(100, 10, 10), { start: 1, end: 11 });
  assert.deepEqual(visibleWindow(100, 99, 10), { start: 90, end: 100 });
  assert.deepEqual(visibleWindow(100, 500, 10), { start: 90, end: 100 });
  assert.deepEqual(visibleWindow(100, -3, 10), { start: 0, end: 10 });
  assert.deepEqual(visibleWindow(100, 5, 0), { start: 0, end: 0 });
  assert.deepEqual(visibleWindow(0, 0, 10), { start: 0, end: 0 });
});

test('matchesFilter needs every word, ignoring case; an empty filter matches all', () => {
  assert.equal(matchesFilter('HighCPU warning web1', ''), true);
  assert.equal(matchesFilter('HighCPU warning web1', '  '), true);
  assert.equal(matchesFilter('HighCPU warning web1', 'cpu WEB1'), true);
  assert.equal(matchesFilter('HighCPU warning web1', 'cpu db1'), false);
});

test('alertRows: unmuted first, then severity, firing before pending, then age', () => {
  const rows = alertRows(
    [
      alert('muted', { severity: 'emergency', muted: 'acked' }),
      alert('warn-old', { activeAt: '2026-01-01T10:00:00.000Z' }),
      alert('warn-new', { activeAt: '2026-01-01T11:00:00.000Z' }),
      alert('warn-pending', { state: 'pending', activeAt: '2026-01-01T09:00:00.000Z' }),
      alert('crit', { severity: 'critical' }),
      alert('info', { severity: 'info' }),
    ],
    '',
  );
  assert.deepEqual(
    rows.map((a) => a.id),
    ['crit', 'warn-old', 'warn-new', 'warn-pending', 'info', 'muted'],
  );
  assert.deepEqual(
    alertRows([alert('a', { labels: { host: 'db1' } }), alert('b')], 'db1').map((a) => a.id),
    ['a'],
  );
});

test('checkRows: down, unknown, up, by name; filtered on name, type and target', () => {
  const rows = checkRows(
    [check('b'), check('a'), check('z', { state: 'down' }), check('c', { state: 'unknown' })],
    '',
  );
  assert.deepEqual(
    rows.map((c) => c.name),
    ['z', 'c', 'a', 'b'],
  );
  assert.deepEqual(
    checkRows([check('a', { type: 'tcp', target: null }), check('b')], 'tcp').map((c) => c.name),
    ['a'],
  );
  assert.deepEqual(
    checkRows([check('a'), check('b')], 'b.example').map((c) => c.name),
    ['b'],
  );
});

test('metricRows: by name, filtered on the name', () => {
  assert.deepEqual(
    metricRows([metric('b_total'), metric('a_total'), metric('cpu')], 'total').map((m) => m.name),
    ['a_total', 'b_total'],
  );
});

test('computeLayout stacks the panels under 120 columns and fills 24 lines exactly', () => {
  const l = computeLayout(80, 24);
  assert.equal(l.wide, false);
  assert.deepEqual(l.widths, { health: 80, alerts: 80, metrics: 80 });
  assert.deepEqual(l.rows, { health: 4, alerts: 5, metrics: 4 });
  assert.equal(l.rows.health + l.rows.alerts + l.rows.metrics + 3 * 3 + 2, 24);
});

test('computeLayout puts metrics on the right from 120 columns', () => {
  const l = computeLayout(160, 50);
  assert.equal(l.wide, true);
  assert.deepEqual(l.widths, { health: 80, alerts: 80, metrics: 80 });
  assert.deepEqual(l.rows, { health: 21, alerts: 21, metrics: 45 });
  const odd = computeLayout(121, 25);
  assert.deepEqual(odd.widths, { health: 60, alerts: 60, metrics: 61 });
  assert.deepEqual(odd.rows, { health: 8, alerts: 9, metrics: 20 });
});

test('computeLayout treats a terminal under 80×24 as 80×24', () => {
  assert.deepEqual(computeLayout(40, 10), computeLayout(80, 24));
  assert.deepEqual(computeLayout(Number.NaN, Number.NaN), computeLayout(80, 24));
});

test('fit cuts with an ellipsis', () => {
  assert.equal(fit('abcdef', 10), 'abcdef');
  assert.equal(fit('abcdef', 4), 'abc…');
  assert.equal(fit('abcdef', 0), '');
});
