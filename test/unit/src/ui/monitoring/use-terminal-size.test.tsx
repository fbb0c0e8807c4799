import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { useTerminalSize } from '../../../../../src/ui/monitoring/use-terminal-size.js';
import { settle } from './settle.js';

function Probe() {
  const { columns, rows } = useTerminalSize();
  return <Text>{`${columns}x${rows}`}</Text>;
}

test('reads the size from stdout (24 rows when unknown) and follows resize events', async () => {
  const { lastFrame, stdout, unmount } = render(<Probe />);
  assert.equal(lastFrame(), '100x24');
  Object.defineProperty(stdout, 'columns', { get: () => 132, configurable: true });
  Object.defineProperty(stdout, 'rows', { get: () => 43, configurable: true });
  stdout.emit('resize');
  await settle();
  assert.equal(lastFrame(), '132x43');
  unmount();
  assert.equal(stdout.listenerCount('resize'), 0, 'the listener goes with the component');
});
