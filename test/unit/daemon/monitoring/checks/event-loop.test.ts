import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventLoopCheck } from '../../../../../daemon/monitoring/checks/event-loop.js';

const signal = new AbortController().signal;

test('event_loop check grades the p99 lag against thresholds read at each run', async () => {
  let limits = { warn: 0, crit: 60_000 };
  const check = eventLoopCheck(() => limits);
  try {
    assert.equal(check.name, 'event_loop');
    // Any lag is >= 0, so a warn level of 0 is always reached and a crit level of 0 too.
    const degraded = await check.run(signal);
    assert.equal(degraded.status, 'degraded');
    assert.match(
      degraded.detail,
      /^lag p99 \d+\.\d ms, max \d+\.\d ms \(warn 0 ms, critical 60000 ms\)$/,
    );
    limits = { warn: 0, crit: 0 };
    assert.equal((await check.run(signal)).status, 'unhealthy');
  } finally {
    check.dispose();
  }
});
