import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { HealthPanel, ago } from '../../../../../src/ui/monitoring/HealthPanel.js';
import { NOW, check } from './fixtures.js';

const report = { status: 'unhealthy' as const, checks: [], checkedAt: new Date(NOW).toISOString() };

test('each check shows its state, latency, last run and a latency sparkline', () => {
  const checks = [
    check('db', { state: 'down', latencyMs: null, lastRun: null, recentLatencyMs: [] }),
    check('api'),
  ];
  const { lastFrame } = render(
    <HealthPanel
      report={report}
      checks={checks}
      selected={1}
      focused={false}
      color={false}
      width={70}
      rows={3}
      now={NOW}
    />,
  );
  assert.equal(
    lastFrame(),
    [
      `┌${'─'.repeat(68)}┐`,
      `│${'  Health unhealthy · 2 checks'.padEnd(68)}│`,
      `│${' db                   down          -      never'.padEnd(68)}│`,
      `│${'›api                  up         42ms    20s ago ▁▁█▁'.padEnd(68)}│`,
      `│${' '.repeat(68)}│`,
      `└${'─'.repeat(68)}┘`,
    ].join('\n'),
  );
});

test('more checks than rows: only the window around the selection is drawn, with its position', () => {
  const checks = Array.from({ length: 50 }, (_, i) => check(`c${String(i).padStart(2, '0')}`));
  const { lastFrame } = render(
    <HealthPanel
      report={null}
      checks={checks}
      selected={30}
      focused
      color={false}
      width={60}
      rows={4}
      now={NOW}
    />,
  );
  const lines = (lastFrame() ?? '').split('\n');
  assert.equal(lines.length, 7);
  assert.match(lines[1] ?? '', /^│▶ Health unknown · 50 checks \(28-31\) +│$/u);
  assert.deepEqual(
    lines.slice(2, 6).map((l) => l.slice(1, 5)),
    [' c27', ' c28', ' c29', '›c30'],
  );
});

test('no checks', () => {
  const { lastFrame } = render(
    <HealthPanel
      report={null}
      checks={[]}
      selected={0}
      focused={false}
      color={false}
      width={40}
      rows={2}
      now={NOW}
    />,
  );
  assert.match(lastFrame() ?? '', /│no checks +│/u);
});

test('ago: a duration before now, never for null, - for a bad time, 0s for the future', () => {
  assert.equal(ago(new Date(NOW - 90_000).toISOString(), NOW), '1m30s ago');
  assert.equal(ago(null, NOW), 'never');
  assert.equal(ago('not a time', NOW), '-');
  assert.equal(ago(new Date(NOW + 5_000).toISOString(), NOW), '0s ago');
});
