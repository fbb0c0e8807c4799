import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { StatusLine, statusParts } from '../../../../../src/ui/monitoring/StatusLine.js';
import { emptyDashboardData } from '../../../../../src/ui/monitoring/source.js';
import { NOW, sampleData } from './fixtures.js';

test('live: connection, last update, version and uptime, key help, socket', () => {
  const { lastFrame } = render(<StatusLine data={sampleData()} color={false} now={NOW} />);
  assert.equal(
    lastFrame(),
    'live · updated 3s ago · clickup-brain 1.2.3 up 2h · ? help q quit · /run/cb.sock',
  );
});

test('each connection state is spelled out', () => {
  const text = (connection: 'connecting' | 'live' | 'reconnecting' | 'lost'): string =>
    (
      render(
        <StatusLine data={sampleData({ connection })} color={false} now={NOW} />,
      ).lastFrame() ?? ''
    ).split(' · ')[0] ?? '';
  assert.deepEqual((['connecting', 'live', 'reconnecting', 'lost'] as const).map(text), [
    'connecting…',
    'live',
    'reconnecting…',
    'connection lost',
  ]);
});

test('an error comes right after the connection state; the socket is cut first on a narrow line', () => {
  const { lastFrame } = render(
    <StatusLine
      data={sampleData({ connection: 'lost', error: 'ECONNREFUSED' })}
      color={false}
      now={NOW}
    />,
  );
  assert.equal(
    lastFrame(),
    'connection lost · ECONNREFUSED · updated 3s ago · clickup-brain 1.2.3 up 2h · ? help q quit · /run/…',
  );
});

test('before anything arrived', () => {
  assert.deepEqual(statusParts(emptyDashboardData(), NOW), [
    'no update yet',
    'clickup-brain up -',
    '? help q quit',
  ]);
  assert.deepEqual(statusParts(emptyDashboardData('/s.sock'), NOW), [
    'no update yet',
    'clickup-brain up -',
    '? help q quit',
    '/s.sock',
  ]);
  const { lastFrame } = render(<StatusLine data={emptyDashboardData()} color={false} now={NOW} />);
  assert.equal(lastFrame(), 'connecting… · no update yet · clickup-brain up - · ? help q quit');
});

test('emptyDashboardData is connecting with nothing loaded', () => {
  assert.deepEqual(emptyDashboardData('/x'), {
    health: null,
    alerts: [],
    metrics: [],
    checks: [],
    daemon: { version: '', startedAt: null, socketPath: '/x' },
    updatedAt: null,
    connection: 'connecting',
    error: null,
  });
});
