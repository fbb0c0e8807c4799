import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { threats } from '../../../../../src/ui/security/panels.js';
import { ThreatsPanel } from '../../../../../src/ui/security/ThreatsPanel.js';
import { sampleData } from './fixtures.js';

describe('ThreatsPanel', () => {
  it('draws the threat events under its own title', () => {
    const { lastFrame } = render(
      <ThreatsPanel events={threats(sampleData())} focused selected={2} color={false} />,
    );
    assert.equal(
      lastFrame(),
      [
        '▶ Threats (3)',
        '    11:58:21 login.failure      failure  bob        198.51.100.20    bob',
        '    11:58:23 threat.detected    refused  system     198.51.100.9',
        '  › 11:58:24 ip.banned          info     system     198.51.100.9     198.51.100.9',
        '',
      ].join('\n'),
    );
  });

  it('says when there are none', () => {
    const { lastFrame } = render(
      <ThreatsPanel events={[]} focused={false} selected={-1} color={false} />,
    );
    assert.equal(lastFrame(), '  Threats (0)\n    no threats seen\n');
  });
});
