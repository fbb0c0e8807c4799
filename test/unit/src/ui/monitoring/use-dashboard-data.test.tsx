import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import type { DashboardSource } from '../../../../../src/ui/monitoring/source.js';
import { useDashboardData } from '../../../../../src/ui/monitoring/use-dashboard-data.js';
import { fakeSource } from './fake-source.js';
import { sampleData } from './fixtures.js';
import { settle } from './settle.js';

function Probe({ source }: { source: DashboardSource }) {
  const data = useDashboardData(source);
  return <Text>{`${data.connection} ${data.alerts.length}`}</Text>;
}

test('subscribes on mount, redraws on each change, unsubscribes on unmount', async () => {
  const source = fakeSource(sampleData());
  const { lastFrame, unmount } = render(<Probe source={source} />);
  await settle();
  assert.equal(lastFrame(), 'live 2');
  assert.equal(source.subscribers(), 1);
  source.push(sampleData({ connection: 'reconnecting', alerts: [] }));
  await settle();
  assert.equal(lastFrame(), 'reconnecting 0');
  unmount();
  assert.equal(source.subscribers(), 0);
});

test('empty and connecting until the source first calls back', async () => {
  const source = { ...fakeSource(sampleData()), subscribe: () => () => {} };
  const { lastFrame, unmount } = render(<Probe source={source} />);
  await settle();
  assert.equal(lastFrame(), 'connecting 0');
  unmount();
});
