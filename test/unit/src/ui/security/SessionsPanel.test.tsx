import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { SessionsPanel } from '../../../../../src/ui/security/SessionsPanel.js';
import { NOW, sampleData, session } from './fixtures.js';

describe('SessionsPanel', () => {
  it('draws each session: user, IP, id, idle time and time left', () => {
    const sessions = [
      ...(sampleData().sessions ?? []),
      session('s-dave-01', 'dave', { ip: null, idleExpiresAt: NOW + 30_000 }),
    ];
    const { lastFrame } = render(
      <SessionsPanel
        sessions={sessions}
        note={null}
        focused
        selected={1}
        color={false}
        now={NOW}
      />,
    );
    assert.equal(
      lastFrame(),
      [
        '▶ Sessions (3)',
        '    alice        10.0.0.5         s-alice-  idle 1m       expires in 29m',
        '  › carol        127.0.0.1        s-carol-  idle 1m       expires in 29m',
        '    dave         -                s-dave-0  idle 1m       expires in 30s',
        '',
      ].join('\n'),
    );
  });

  it('shows the note when sessions may not be listed, else "no active sessions"', () => {
    const refused = render(
      <SessionsPanel
        sessions={null}
        note="log in to see sessions"
        focused={false}
        selected={-1}
        color={false}
        now={NOW}
      />,
    );
    assert.equal(refused.lastFrame(), '  Sessions (0)\n    log in to see sessions\n');
    const none = render(
      <SessionsPanel
        sessions={[]}
        note={null}
        focused={false}
        selected={-1}
        color={false}
        now={NOW}
      />,
    );
    assert.equal(none.lastFrame(), '  Sessions (0)\n    no active sessions\n');
  });
});
