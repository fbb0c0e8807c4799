import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import type { SecuritySource } from '../../../../../src/ui/security/source.js';
import { useSecurityData } from '../../../../../src/ui/security/use-security-data.js';
import { FakeSource, sampleData, settle } from './fixtures.js';

function Show({ source }: { source: SecuritySource }) {
  const data = useSecurityData(source);
  return (
    <Text>
      {data.loaded ? `${data.bans.length} bans, ${data.events.length} events` : 'loading'}
    </Text>
  );
}

describe('useSecurityData', () => {
  it('starts empty, follows the source and unsubscribes on unmount', async () => {
    const source = new FakeSource();
    const { lastFrame, frames, unmount } = render(<Show source={source} />);
    await settle();
    assert.equal(frames[0], 'loading');
    assert.equal(lastFrame(), '3 bans, 4 events');
    source.set({ ...sampleData(), bans: [] });
    await settle();
    assert.equal(lastFrame(), '0 bans, 4 events');
    unmount();
    assert.equal(source.subscribers, 0);
  });
});
