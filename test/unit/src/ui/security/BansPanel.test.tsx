import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { BansPanel } from '../../../../../src/ui/security/BansPanel.js';
import { NOW, sampleData } from './fixtures.js';

describe('BansPanel', () => {
  it('draws manual and automatic bans with time left', () => {
    const { lastFrame } = render(
      <BansPanel bans={sampleData().bans} focused selected={1} color={false} now={NOW} />,
    );
    assert.equal(
      lastFrame(),
      [
        '▶ Bans (3)',
        '    203.0.113.7        manual 50m        abuse',
        '  › 198.51.100.9       auto   1m30s      threat sqli',
        '    192.0.2.0/24       manual permanent  abuse',
        '',
      ].join('\n'),
    );
  });

  it('counts down as now moves and says expired at the end', () => {
    const bans = sampleData().bans.slice(1, 2);
    const { lastFrame, rerender } = render(
      <BansPanel bans={bans} focused={false} selected={-1} color={false} now={NOW + 60_000} />,
    );
    assert.match(lastFrame() ?? '', /auto {3}30s /);
    rerender(
      <BansPanel bans={bans} focused={false} selected={-1} color={false} now={NOW + 90_000} />,
    );
    assert.match(lastFrame() ?? '', /auto {3}expired /);
  });

  it('says when there are none', () => {
    const { lastFrame } = render(
      <BansPanel bans={[]} focused={false} selected={-1} color={false} now={NOW} />,
    );
    assert.equal(lastFrame(), '  Bans (0)\n    no bans\n');
  });
});
