import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './load.js';

type Status = {
  checks: Array<{ name: string; state: string; uptime: Record<string, number | null> }>;
  incidents: Array<{ name: string; since: number | null; detail: string }>;
  updatedAt: number | null;
};
const s = await load<{
  readStatus(r: unknown): Status;
  overall(s: Status): { kind: string; text: string };
}>('status-data.js');

const reply = {
  generatedAt: '2026-01-01T12:00:00.000Z',
  checks: [
    {
      name: 'website',
      type: 'http',
      state: 'up',
      lastRun: null,
      uptime: { '24h': 1, '7d': 0.999, '30d': null },
    },
    {
      name: 'api',
      type: 'http',
      state: 'down',
      lastRun: '2026-01-01T11:59:00.000Z',
      uptime: { '24h': 0.5, '7d': 0.9, '30d': 0.95 },
    },
  ],
  incidents: [
    { kind: 'check', check: 'api', since: '2026-01-01T11:00:00.000Z', summary: 'api is down' },
  ],
};

test('reads the public status reply', () => {
  const r = s.readStatus(reply);
  assert.equal(r.updatedAt, Date.UTC(2026, 0, 1, 12));
  assert.deepEqual(
    r.checks.map((c) => [c.name, c.state, c.uptime]),
    [
      ['website', 'up', { '24h': 1, '7d': 0.999, '30d': null }],
      ['api', 'down', { '24h': 0.5, '7d': 0.9, '30d': 0.95 }],
    ],
  );
  assert.deepEqual(r.incidents, [
    { name: 'api', since: Date.UTC(2026, 0, 1, 11), detail: 'api is down' },
  ]);
});

test('a malformed reply reads as empty, unknown states as unknown', () => {
  assert.deepEqual(s.readStatus(null), { checks: [], incidents: [], updatedAt: null });
  assert.equal(
    s.readStatus({ checks: [{ name: 'x', state: 'weird' }] }).checks[0]?.state,
    'unknown',
  );
});

test('the overall verdict', () => {
  assert.deepEqual(s.overall(s.readStatus(reply)), { kind: 'degraded', text: '1 service is down' });
  assert.deepEqual(s.overall(s.readStatus({ checks: [reply.checks[0]] })), {
    kind: 'up',
    text: 'All systems operational',
  });
  assert.deepEqual(s.overall(s.readStatus({ checks: [reply.checks[1]] })), {
    kind: 'down',
    text: 'Major outage',
  });
  assert.deepEqual(s.overall(s.readStatus({})), { kind: 'unknown', text: 'No public services.' });
  assert.deepEqual(
    s.overall(s.readStatus({ checks: [reply.checks[0]], incidents: reply.incidents })),
    {
      kind: 'degraded',
      text: '1 incident in progress',
    },
  );
});
