import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { AlertsPanel, alertSummary } from '../../../../../src/ui/monitoring/AlertsPanel.js';
import { NOW, alert } from './fixtures.js';

test('each alert shows its severity, state or mute, age, rule and summary; only unmuted firing ones count as firing', () => {
  const alerts = [
    alert('a1', { severity: 'emergency' }),
    alert('a2', { state: 'pending', activeAt: new Date(NOW - 30_000).toISOString() }),
    alert('a3', { muted: 'acked', severity: 'critical' }),
    alert('a4', { muted: 'silenced', severity: 'info', annotations: {}, labels: { host: 'x' } }),
  ];
  const { lastFrame } = render(
    <AlertsPanel
      alerts={alerts}
      selected={0}
      focused
      color={false}
      width={60}
      rows={4}
      now={NOW}
    />,
  );
  const lines = (lastFrame() ?? '')
    .split('\n')
    .map((l) => l.replace(/ *│$/u, '').replace(/^│/u, ''));
  assert.deepEqual(lines.slice(1, 6), [
    '▶ Alerts 1 firing · 4 active',
    '›emergency firing        5m HighCPU CPU above 90%',
    ' warning   pending      30s HighCPU CPU above 90%',
    ' critical  acked         5m HighCPU CPU above 90%',
    ' info      silenced      5m HighCPU {host="x"}',
  ]);
});

test('a long line is cut at the panel edge rather than wrapped', () => {
  const long = alert('a', { annotations: { summary: 'x'.repeat(200) } });
  const { lastFrame } = render(
    <AlertsPanel
      alerts={[long]}
      selected={0}
      focused={false}
      color={false}
      width={50}
      rows={1}
      now={NOW}
    />,
  );
  const lines = (lastFrame() ?? '').split('\n');
  assert.equal(lines.length, 4);
  assert.equal(lines[2]?.length, 50);
  assert.match(lines[2] ?? '', /x…│$/u);
});

test('no alerts', () => {
  const { lastFrame } = render(
    <AlertsPanel
      alerts={[]}
      selected={0}
      focused={false}
      color={false}
      width={40}
      rows={2}
      now={NOW}
    />,
  );
  assert.match(lastFrame() ?? '', /Alerts 0 firing · 0 active/);
  assert.match(lastFrame() ?? '', /│no active alerts +│/u);
});

test('alertSummary: the summary, else the description, else the labels', () => {
  assert.equal(alertSummary(alert('a', { annotations: { summary: 's', description: 'd' } })), 's');
  assert.equal(alertSummary(alert('a', { annotations: { description: 'd' } })), 'd');
  assert.equal(
    alertSummary(alert('a', { annotations: {}, labels: { b: '1', a: '2' } })),
    '{a="2",b="1"}',
  );
});
