import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDetail } from '../../../../../daemon/http/api/check-detail.js';
import { fakeMonitoring, run, T } from './fake-monitoring.js';

describe('checkDetail', () => {
  const results = [
    run('web', 0, true, 12),
    run('web', 30_000, false, 10_000),
    run('web', 60_000, true, 15),
  ];
  const source = fakeMonitoring([
    {
      name: 'web',
      state: 'up',
      results,
      uptime: { '24h': 0.5, '7d': 0.75, '30d': null },
      public: true,
    },
    { name: 'code', defined: false },
  ]);

  test('the check as listed, its schedule, recent runs newest first, latency columns and uptime', () => {
    const detail = checkDetail(source, 'web', 2);
    assert.deepEqual(detail.check, source.checkInfo('web'));
    assert.deepEqual(detail.definition, {
      type: 'http',
      target: 'https://10.0.0.5/health',
      intervalMs: 30_000,
      timeoutMs: 10_000,
      failureThreshold: 3,
      successThreshold: 1,
      public: true,
    });
    assert.equal(detail.consecutiveFailures, 0);
    assert.equal(detail.consecutiveSuccesses, 2);
    assert.deepEqual(detail.history, [
      { time: new Date(T + 60_000).toISOString(), ok: true, latencyMs: 15, detail: '200 OK' },
      {
        time: new Date(T + 30_000).toISOString(),
        ok: false,
        latencyMs: 10_000,
        detail: 'connect ECONNREFUSED 10.0.0.5:443',
      },
    ]);
    assert.equal(detail.kept, 3);
    assert.deepEqual(detail.latency, {
      timestamps: [T / 1000, T / 1000 + 30, T / 1000 + 60],
      values: [12, 10_000, 15],
      ok: [true, false, true],
    });
    assert.deepEqual(detail.uptime, { '24h': 0.5, '7d': 0.75, '30d': null });
  });

  test('a warning travels with its run', () => {
    const warned = fakeMonitoring([
      {
        name: 'tls',
        results: [{ ...run('tls', 0, true), warning: 'certificate expires in 5 days' }],
      },
    ]);
    assert.deepEqual(
      checkDetail(warned, 'tls', 10).history[0]?.warning,
      'certificate expires in 5 days',
    );
  });

  test('a check built in code has no thresholds to show; no runs gives empty lists', () => {
    const detail = checkDetail(source, 'code', 100);
    assert.equal(detail.definition.failureThreshold, null);
    assert.equal(detail.definition.successThreshold, null);
    assert.equal(detail.definition.target, null);
    assert.deepEqual(detail.history, []);
    assert.deepEqual(detail.latency, { timestamps: [], values: [], ok: [] });
    assert.equal(detail.kept, 0);
  });

  test('an unknown check is NOT_FOUND', () => {
    assert.throws(() => checkDetail(source, 'nope', 10), {
      code: 'NOT_FOUND',
      message: "no check named 'nope'",
    });
  });
});
