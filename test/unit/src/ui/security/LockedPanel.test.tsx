import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { LockedPanel } from '../../../../../src/ui/security/LockedPanel.js';
import { NOW, user } from './fixtures.js';

describe('LockedPanel', () => {
  it('draws each locked account with its failures and time left', () => {
    const users = [
      user('bob', { status: 'locked', lockedUntil: NOW + 900_000, failedLogins: 5 }),
      user('eve', { status: 'locked', lockedUntil: null, failedLogins: 12 }),
      user('zed', { status: 'locked', lockedUntil: NOW - 1, failedLogins: 5 }),
    ];
    const { lastFrame } = render(
      <LockedPanel users={users} focused selected={0} color={false} now={NOW} />,
    );
    assert.equal(
      lastFrame(),
      [
        '▶ Locked accounts (3)',
        '  › bob          5 failed   unlocks in 15m',
        '    eve          12 failed  unlocks in never (unlock by hand)',
        '    zed          5 failed   unlocks in expired',
        '',
      ].join('\n'),
    );
  });

  it('says when none are locked', () => {
    const { lastFrame } = render(
      <LockedPanel users={[]} focused selected={-1} color={false} now={NOW} />,
    );
    assert.equal(lastFrame(), '▶ Locked accounts (0)\n    no locked accounts\n');
  });
});
