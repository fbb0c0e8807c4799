import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { failingSince, publicStatus } from '../../../../../daemon/http/api/status-data.js';
import type { AlertView } from '../../../../../src/protocol/schemas.js';
import { fakeMonitoring, run, T } from './fake-monitoring.js';

const iso = (ms: number) => new Date(ms).toISOString();

function alert(
  rule: string,
  labels: Record<string, string>,
  state: 'pending' | 'firing' = 'firing',
): AlertView {
  return {
    id: `${rule}-1`,
    rule,
    severity: 'critical',
    state,
    muted: null,
    mutedBy: null,
    labels,
    annotations: { summary: 'db-01.internal.example:5432 refuses connections' },
    value: 0,
    activeAt: iso(T - 120_000),
    firedAt: state === 'firing' ? iso(T - 60_000) : null,
  };
}

describe('failingSince', () => {
  test('the first failure of the latest run of failures', () => {
    assert.equal(failingSince([run('w', 0, true), run('w', 1, false), run('w', 2, false)]), T + 1);
    assert.equal(failingSince([run('w', 0, false), run('w', 1, true), run('w', 2, false)]), T + 2);
  });

  test('passes at the end (down, on the way back up) are skipped', () => {
    assert.equal(failingSince([run('w', 0, false), run('w', 1, false), run('w', 2, true)]), T);
  });

  test('no failure kept is null', () => {
    assert.equal(failingSince([]), null);
    assert.equal(failingSince([run('w', 0, true)]), null);
  });
});

describe('publicStatus', () => {
  const source = fakeMonitoring([
    {
      name: 'website',
      public: true,
      state: 'up',
      results: [run('website', -30_000, true)],
      uptime: { '24h': 1, '7d': 0.99, '30d': 0.98 },
    },
    {
      name: 'api',
      public: true,
      state: 'down',
      type: 'tcp',
      results: [run('api', -90_000, true), run('api', -60_000, false), run('api', -30_000, false)],
      uptime: { '24h': 0.5, '7d': 0.9, '30d': null },
    },
    {
      name: 'internal-db',
      public: false,
      state: 'down',
      results: [run('internal-db', -30_000, false)],
    },
    { name: 'new', public: true },
  ]);

  test('only public checks, with state, last run and uptime; no detail or target', () => {
    const status = publicStatus(source, [], T);
    assert.equal(status.generatedAt, iso(T));
    assert.deepEqual(status.checks, [
      {
        name: 'website',
        type: 'http',
        state: 'up',
        lastRun: iso(T - 30_000),
        uptime: { '24h': 1, '7d': 0.99, '30d': 0.98 },
      },
      {
        name: 'api',
        type: 'tcp',
        state: 'down',
        lastRun: iso(T - 30_000),
        uptime: { '24h': 0.5, '7d': 0.9, '30d': null },
      },
      {
        name: 'new',
        type: 'http',
        state: 'unknown',
        lastRun: null,
        uptime: { '24h': null, '7d': null, '30d': null },
      },
    ]);
    const text = JSON.stringify(status);
    for (const secret of ['10.0.0.5', 'ECONNREFUSED', 'internal-db', 'health'])
      assert.ok(!text.includes(secret), secret);
  });

  test('incidents: failing public checks and firing alerts naming a public check, newest first (a check before its alert at the same time)', () => {
    const alerts = [
      alert('ApiDown', { check: 'api' }),
      alert('DbDown', { check: 'internal-db' }),
      alert('Pending', { check: 'website' }, 'pending'),
      alert('NoCheck', { instance: 'x' }),
    ];
    const status = publicStatus(source, alerts, T);
    assert.deepEqual(status.incidents, [
      { kind: 'check', check: 'api', since: iso(T - 60_000), summary: 'api is down' },
      {
        kind: 'alert',
        check: 'api',
        since: iso(T - 60_000),
        summary: 'ApiDown (critical) is firing',
        severity: 'critical',
      },
    ]);
    const text = JSON.stringify(status);
    assert.ok(!text.includes('db-01.internal'), 'alert annotations stay out');
    assert.ok(!text.includes('DbDown'), 'alerts of private checks stay out');
  });
});
