import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { stripVTControlCharacters as plain } from 'node:util';
import { DetailView } from '../../../../../src/ui/security/DetailView.js';
import { NOW, sampleData, session, user } from './fixtures.js';

function lines(node: React.ReactElement): string[] {
  return plain(render(node).lastFrame() ?? '').split('\n');
}

describe('DetailView', () => {
  it("shows an event's full record, details as JSON", () => {
    const event = sampleData().events[2];
    assert.ok(event !== undefined);
    assert.deepEqual(
      lines(<DetailView record={{ kind: 'event', value: event }} color={false} now={NOW} />),
      [
        'Event: threat.detected #3 at 11:58:23',
        '  id      ev3',
        '  seq     3',
        '  time    2026-01-01T11:58:23.000Z',
        '  type    threat.detected',
        '  actor   system',
        '  subject -',
        '  ip      198.51.100.9',
        '  outcome refused',
        '  details {"type":"sqli","field":"q"}',
        '  prev    p',
        '  hash    h',
        'Esc back',
        '',
      ],
    );
  });

  it('shows a locked account with ms times as ISO and the time left', () => {
    const bob = user('bob', { status: 'locked', lockedUntil: NOW + 900_000 });
    const out = lines(<DetailView record={{ kind: 'user', value: bob }} color={false} now={NOW} />);
    assert.equal(out[0], 'Account: bob');
    assert.ok(out.includes('  lockedUntil       2026-01-01T12:15:00.000Z'));
    assert.ok(out.includes('  lastLoginAt       -'));
    assert.ok(out.includes('  roles             ["viewer"]'));
    assert.ok(out.includes('  time left         15m'));
  });

  it('heads a session with its user and short id', () => {
    const out = lines(
      <DetailView
        record={{ kind: 'session', value: session('abcdef123456', 'alice') }}
        color={false}
        now={NOW}
      />,
    );
    assert.equal(out[0], 'Session: alice abcdef12');
    assert.ok(out.includes('  idleExpiresAt     2026-01-01T12:29:00.000Z'));
  });
});
