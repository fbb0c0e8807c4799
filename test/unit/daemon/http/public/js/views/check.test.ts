import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../load.js';

const c = await load<{ readCheckDetail(r: unknown): Record<string, unknown> }>('views/check.js');

const check = { name: 'web', type: 'http', state: 'up' };

test('reads the check detail reply: runs newest first, latency columns, uptime', () => {
  const d = c.readCheckDetail({
    check,
    definition: { type: 'http', target: null, intervalMs: 30_000, timeoutMs: 10_000, public: true },
    consecutiveFailures: 2,
    history: [
      {
        time: '2026-01-01T12:00:30.000Z',
        ok: false,
        latencyMs: 20,
        detail: '500',
        warning: 'slow',
      },
      { time: '2026-01-01T12:00:00.000Z', ok: true, latencyMs: 10, detail: '200 OK' },
      { time: 'broken', ok: true, latencyMs: 1, detail: '' },
    ],
    latency: { timestamps: [1, 2, 3], values: [10, null, 'x'], ok: [true, true, false] },
    uptime: { '24h': 0.5, '7d': 0.9, '30d': null },
  });
  assert.deepEqual(d, {
    check,
    runs: [
      {
        time: Date.UTC(2026, 0, 1, 12, 0, 30),
        ok: false,
        latencyMs: 20,
        detail: '500',
        warning: 'slow',
      },
      {
        time: Date.UTC(2026, 0, 1, 12, 0, 0),
        ok: true,
        latencyMs: 10,
        detail: '200 OK',
        warning: undefined,
      },
    ],
    latency: { xs: [1, 2, 3], ys: [[10, null, null]], names: ['latency'] },
    uptime: { '24h': 0.5, '7d': 0.9, '30d': null },
    consecutiveFailures: 2,
    timeoutMs: 10_000,
    isPublic: true,
  });
});

test('missing parts read as empty', () => {
  const d = c.readCheckDetail({ check });
  assert.deepEqual(d['runs'], []);
  assert.deepEqual(d['latency'], { xs: [], ys: [[]], names: ['latency'] });
  assert.deepEqual(d['uptime'], { '24h': null, '7d': null, '30d': null });
  assert.equal(d['isPublic'], false);
});
