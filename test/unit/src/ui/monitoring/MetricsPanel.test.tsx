import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { MetricsPanel } from '../../../../../src/ui/monitoring/MetricsPanel.js';
import { metric } from './fixtures.js';

test('each metric shows its name, last value and a sparkline', () => {
  const metrics = [
    metric('cpu', { lastValue: 0.25, recent: [0, 1, 0] }),
    metric('never', { lastValue: null, recent: [] }),
  ];
  const { lastFrame } = render(
    <MetricsPanel metrics={metrics} selected={1} focused color={false} width={72} rows={2} />,
  );
  const lines = (lastFrame() ?? '')
    .split('\n')
    .map((l) => l.replace(/ *│$/u, '').replace(/^│/u, ''));
  assert.deepEqual(lines.slice(1, 4), [
    '▶ Metrics 2',
    ` cpu${' '.repeat(31)}       0.25 ▁█▁`,
    `›never${' '.repeat(29)}          -`,
  ]);
});

test('500 metrics draw only the rows that fit', () => {
  const metrics = Array.from({ length: 500 }, (_, i) => metric(`m${String(i).padStart(3, '0')}`));
  const { lastFrame } = render(
    <MetricsPanel
      metrics={metrics}
      selected={499}
      focused={false}
      color={false}
      width={72}
      rows={5}
    />,
  );
  const lines = (lastFrame() ?? '').split('\n');
  assert.equal(lines.length, 8);
  assert.match(lines[1] ?? '', /Metrics 500 \(496-500\)/);
  assert.match(lines[6] ?? '', /^│›m499 /u);
});

test('no metrics', () => {
  const { lastFrame } = render(
    <MetricsPanel metrics={[]} selected={0} focused={false} color={false} width={40} rows={1} />,
  );
  assert.match(lastFrame() ?? '', /│no metrics +│/u);
});
