import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { stripVTControlCharacters as plain } from 'node:util';
import { StatusLine } from '../../../../../src/ui/security/StatusLine.js';
import { status } from './fixtures.js';

function frame(props: Partial<Parameters<typeof StatusLine>[0]>): string {
  const all = {
    status: status(),
    loaded: true,
    error: null,
    message: null,
    color: false,
    ...props,
  };
  return plain(render(<StatusLine {...all} />).lastFrame() ?? '');
}

describe('StatusLine', () => {
  it('shows the counts and the key help', () => {
    assert.equal(
      frame({}),
      ' 2 sessions · 1 locked · 2 bans (1 auto) · 1 threats/24h · 5 failed logins/24h  ? help · q quit',
    );
  });

  it('says loading before the first answer, and no status when there is none', () => {
    assert.equal(frame({ loaded: false, status: null }), ' loading…  ? help · q quit');
    assert.equal(frame({ status: null }), ' no status  ? help · q quit');
  });

  it('shows a refresh error and the last message above the counts', () => {
    assert.equal(
      frame({ error: 'the daemon closed the connection', message: 'unlocked bob', status: null }),
      'error: the daemon closed the connection\nunlocked bob\n no status  ? help · q quit',
    );
  });
});
