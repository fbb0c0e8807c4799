import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { useTick } from '../../../../../src/ui/monitoring/use-tick.js';

function Probe({ interval, clock }: { interval: number; clock: { now(): number } }) {
  useTick(interval);
  return <Text>{String(clock.now())}</Text>;
}

test('redraws on each tick, reading the clock anew', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  let time = 1;
  const { lastFrame, unmount } = render(<Probe interval={1000} clock={{ now: () => time }} />);
  assert.equal(lastFrame(), '1');
  time = 2;
  t.mock.timers.tick(1000);
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.equal(lastFrame(), '2');
  unmount();
});

test('0 never ticks', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  let time = 1;
  const { lastFrame, unmount } = render(<Probe interval={0} clock={{ now: () => time }} />);
  time = 2;
  t.mock.timers.tick(10_000);
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.equal(lastFrame(), '1');
  unmount();
});
