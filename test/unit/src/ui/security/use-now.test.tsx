import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { useNow, type NowSource } from '../../../../../src/ui/security/use-now.js';
import { NOW } from './fixtures.js';

function Show({ clock, tickMs }: { clock: NowSource; tickMs: number }) {
  return <Text>{useNow(clock, tickMs)}</Text>;
}

describe('useNow', () => {
  it("reads the clock's time once when ticking is off", () => {
    let reads = 0;
    const clock = { now: () => (reads++, NOW) };
    const { lastFrame, rerender } = render(<Show clock={clock} tickMs={0} />);
    rerender(<Show clock={clock} tickMs={0} />);
    assert.equal(lastFrame(), String(NOW));
    assert.equal(reads, 1);
  });

  it('re-reads the clock on each tick and stops when unmounted', async () => {
    let time = NOW;
    const clock = { now: () => time };
    const { lastFrame, unmount } = render(<Show clock={clock} tickMs={5} />);
    time = NOW + 1000;
    // Waits for the tick without asserting how long it took.
    for (let i = 0; i < 200 && lastFrame() !== String(NOW + 1000); i++)
      await new Promise((r) => setTimeout(r, 5));
    assert.equal(lastFrame(), String(NOW + 1000));
    unmount();
  });
});
