import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { Memory } from 'lowdb';
import { ManualClock } from '../../../../daemon/clock.js';
import type { BuiltinCheck, CheckOutcome } from '../../../../daemon/monitoring/checks/check.js';
import { MonitoringEngine } from '../../../../daemon/monitoring/engine.js';
import { fullHealth } from '../../../../daemon/monitoring/full-health.js';
import { HealthEngine } from '../../../../daemon/monitoring/health.js';
import { HistoryStore } from '../../../../daemon/monitoring/history/history-store.js';
import { AuditLog } from '../../../../daemon/security/audit-log.js';
import type { StoreData } from '../../../../daemon/store/schema.js';
import { Store } from '../../../../daemon/store/store.js';
import type { HealthStatus } from '../../../../src/protocol/schemas.js';

const T0 = Date.UTC(2026, 0, 5);
const iso = (ms: number): string => new Date(ms).toISOString();

/** A built-in check whose status the test sets, counting its runs. */
function builtin(name: string, status: HealthStatus): BuiltinCheck & { runs: number; status: HealthStatus } {
  const check = {
    name,
    runs: 0,
    status,
    async run(): Promise<CheckOutcome> {
      check.runs++;
      return { status: check.status, detail: `${name} ${check.status}` };
    },
  };
  return check;
}

async function world(t: TestContext, status: HealthStatus = 'healthy') {
  const clock = new ManualClock(T0);
  const store = await Store.open({ adapter: new Memory<StoreData>(), label: 'memory' });
  const { log: audit } = await AuditLog.open({ file: null, clock });
  const monitoring = new MonitoringEngine({ store, audit, clock, history: new HistoryStore({ intervalMs: 10_000 }), dataDir: null });
  t.after(() => monitoring.dispose());
  const storeCheck = builtin('store', status);
  const health = new HealthEngine({ checks: [storeCheck], clock, timer: () => 0 });
  return { clock, monitoring, health, store: storeCheck };
}

describe('fullHealth', () => {
  test('built-in checks alone', async (t) => {
    const { health, monitoring } = await world(t);
    assert.deepEqual(await fullHealth(health, monitoring), {
      status: 'healthy',
      checks: [{ name: 'store', status: 'healthy', detail: 'store healthy', latencyMs: 0, lastRun: iso(T0) }],
      checkedAt: iso(T0),
    });
  });

  test('user checks: up is healthy, not run yet is degraded, down is unhealthy; the worst wins', async (t) => {
    const { health, monitoring, clock } = await world(t);
    await monitoring.addCheck({ name: 'beat', type: 'heartbeat', intervalMs: 60_000 }, 'alice');
    await monitoring.heartbeat('beat');
    assert.equal((await fullHealth(health, monitoring)).status, 'healthy');

    await monitoring.addCheck({ name: 'idle', type: 'heartbeat', intervalMs: 60_000 }, 'alice');
    assert.equal((await fullHealth(health, monitoring)).status, 'degraded');

    await monitoring.addCheck({ name: 'late', type: 'heartbeat', intervalMs: 1000, graceMs: 0, failureThreshold: 1 }, 'alice');
    clock.advance(5000);
    await monitoring.checks.runNow('late');
    const report = await fullHealth(health, monitoring);
    assert.deepEqual(report, {
      status: 'unhealthy',
      checks: [
        { name: 'store', status: 'healthy', detail: 'store healthy', latencyMs: 0, lastRun: iso(T0) },
        { name: 'beat', status: 'healthy', detail: 'last push just now', latencyMs: 0, lastRun: iso(T0) },
        // Not run yet: no latency, and the report time stands in for the last run.
        { name: 'idle', status: 'degraded', detail: 'not run yet', latencyMs: 0, lastRun: iso(T0 + 5000) },
        { name: 'late', status: 'unhealthy', detail: 'no push received in 5s (expected every 1s)', latencyMs: 0, lastRun: iso(T0 + 5000) },
      ],
      checkedAt: iso(T0 + 5000),
    });
  });

  test('a degraded built-in check with healthy user checks is degraded', async (t) => {
    const { health, monitoring } = await world(t, 'degraded');
    await monitoring.addCheck({ name: 'beat', type: 'heartbeat', intervalMs: 60_000 }, 'alice');
    await monitoring.heartbeat('beat');
    assert.deepEqual((await fullHealth(health, monitoring)).checks.map((c) => [c.name, c.status]), [
      ['store', 'degraded'],
      ['beat', 'healthy'],
    ]);
    assert.equal((await fullHealth(health, monitoring)).status, 'degraded');
  });

  test('the latest built-in results are reused unless fresh is asked for', async (t) => {
    const { health, monitoring, store, clock } = await world(t);
    await fullHealth(health, monitoring);
    assert.equal(store.runs, 1);
    store.status = 'unhealthy';
    clock.advance(1000);
    const latest = await fullHealth(health, monitoring);
    assert.equal(store.runs, 1);
    assert.deepEqual([latest.status, latest.checks[0]?.lastRun], ['healthy', iso(T0)]);
    const fresh = await fullHealth(health, monitoring, true);
    assert.equal(store.runs, 2);
    assert.deepEqual([fresh.status, fresh.checks[0]?.lastRun, fresh.checkedAt], ['unhealthy', iso(T0 + 1000), iso(T0 + 1000)]);
  });
});
