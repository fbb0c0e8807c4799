import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { HealthReport, HealthStatus } from '../../../../src/protocol/schemas.js';
import { ManualClock } from '../../../../daemon/clock.js';
import type { BuiltinCheck, CheckOutcome } from '../../../../daemon/monitoring/checks/check.js';
import { HealthEngine, worstStatus } from '../../../../daemon/monitoring/health.js';

const T0 = Date.UTC(2026, 0, 1, 12);

/** A check whose outcome the test sets, counting its runs. */
function fixed(
  name: string,
  status: HealthStatus,
  detail = `${name} ${status}`,
): BuiltinCheck & { runs: number; status: HealthStatus } {
  const check = {
    name,
    runs: 0,
    status,
    async run(): Promise<CheckOutcome> {
      check.runs++;
      return { status: check.status, detail };
    },
  };
  return check;
}

/** A timer that returns the given readings in turn. */
function timer(...readings: number[]): () => number {
  return () => readings.shift() ?? 0;
}

describe('worstStatus', () => {
  test('is healthy for none, and the worst otherwise', () => {
    assert.equal(worstStatus([]), 'healthy');
    assert.equal(worstStatus(['healthy', 'healthy']), 'healthy');
    assert.equal(worstStatus(['healthy', 'degraded', 'healthy']), 'degraded');
    assert.equal(worstStatus(['degraded', 'unhealthy', 'healthy']), 'unhealthy');
    assert.equal(worstStatus(new Set<HealthStatus>(['unhealthy', 'degraded'])), 'unhealthy');
  });
});

describe('HealthEngine.run', () => {
  test('reports each check with status, detail, latency and last run, and the worst status', async () => {
    const clock = new ManualClock(T0);
    const engine = new HealthEngine({
      checks: [fixed('a', 'healthy'), fixed('b', 'degraded')],
      clock,
      // Readings: a starts, b starts (both before either finishes), a ends, b ends.
      timer: timer(10, 11, 12.5, 14.25),
    });
    const report = await engine.run();
    assert.deepEqual(report, {
      status: 'degraded',
      checks: [
        {
          name: 'a',
          status: 'healthy',
          detail: 'a healthy',
          latencyMs: 2.5,
          lastRun: '2026-01-01T12:00:00.000Z',
        },
        {
          name: 'b',
          status: 'degraded',
          detail: 'b degraded',
          latencyMs: 3.25,
          lastRun: '2026-01-01T12:00:00.000Z',
        },
      ],
      checkedAt: '2026-01-01T12:00:00.000Z',
    });
  });

  test('no checks: healthy with an empty list', async () => {
    const engine = new HealthEngine({ checks: [], clock: new ManualClock(T0) });
    assert.deepEqual(await engine.run(), {
      status: 'healthy',
      checks: [],
      checkedAt: '2026-01-01T12:00:00.000Z',
    });
  });

  test('one unhealthy check makes the whole report unhealthy', async () => {
    const engine = new HealthEngine({
      checks: [fixed('a', 'degraded'), fixed('b', 'unhealthy'), fixed('c', 'healthy')],
      clock: new ManualClock(),
    });
    assert.equal((await engine.run()).status, 'unhealthy');
  });

  test('a check that hangs is cut off by the timeout, unhealthy, and its signal is aborted', async () => {
    let seen: AbortSignal | undefined;
    const hanging: BuiltinCheck = {
      name: 'hang',
      run: (signal) => {
        seen = signal;
        return new Promise<never>(() => undefined);
      },
    };
    const engine = new HealthEngine({
      checks: [hanging, fixed('ok', 'healthy')],
      clock: new ManualClock(T0),
      timeoutMs: 50,
      timer: () => 0,
    });
    const report = await engine.run();
    assert.equal(report.status, 'unhealthy');
    assert.deepEqual(report.checks[0], {
      name: 'hang',
      status: 'unhealthy',
      detail: 'check failed: timed out after 50 ms',
      latencyMs: 0,
      lastRun: '2026-01-01T12:00:00.000Z',
    });
    assert.equal(report.checks[1]?.status, 'healthy');
    assert.equal(seen?.aborted, true);
  });

  test('a check that throws (async or at once) is unhealthy with the message', async () => {
    const rejecting: BuiltinCheck = {
      name: 'rejects',
      run: async () => {
        throw new Error('statfs failed');
      },
    };
    const throwing: BuiltinCheck = {
      name: 'throws',
      run: () => {
        throw new Error('boom');
      },
    };
    const engine = new HealthEngine({
      checks: [rejecting, throwing],
      clock: new ManualClock(),
      timer: () => 0,
    });
    const report = await engine.run();
    assert.equal(report.status, 'unhealthy');
    assert.deepEqual(
      report.checks.map((c) => [c.name, c.status, c.detail]),
      [
        ['rejects', 'unhealthy', 'check failed: statfs failed'],
        ['throws', 'unhealthy', 'check failed: boom'],
      ],
    );
  });

  test('concurrent run() calls share one run', async () => {
    const check = fixed('a', 'healthy');
    const engine = new HealthEngine({ checks: [check], clock: new ManualClock() });
    const first = engine.run();
    const second = engine.run();
    assert.equal(first, second);
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a, b);
    assert.equal(check.runs, 1);
    // A run asked for after the previous one finished runs the checks again.
    await engine.run();
    assert.equal(check.runs, 2);
  });

  test("'change' is emitted only when a check's status changes", async () => {
    const a = fixed('a', 'healthy');
    const b = fixed('b', 'healthy');
    const engine = new HealthEngine({ checks: [a, b], clock: new ManualClock() });
    const changes: HealthReport[] = [];
    engine.on('change', (report: HealthReport) => changes.push(report));

    const first = await engine.run();
    assert.deepEqual(changes, [first], 'the first run sets every status');
    await engine.run();
    assert.equal(changes.length, 1, 'same statuses: no change');

    b.status = 'degraded';
    const third = await engine.run();
    assert.equal(changes.length, 2);
    assert.equal(changes[1], third);
    assert.equal(third.status, 'degraded');

    await engine.run();
    assert.equal(changes.length, 2);
    b.status = 'healthy';
    await engine.run();
    assert.equal(changes.length, 3);
    assert.equal(changes[2]?.status, 'healthy');
  });
});

describe("HealthEngine 'results'", () => {
  test('is emitted with every result after every run, changed or not', async () => {
    const a = fixed('a', 'healthy');
    const b = fixed('b', 'unhealthy');
    const engine = new HealthEngine({ checks: [a, b], clock: new ManualClock(T0), timer: timer(0, 0, 3, 5, 10, 10, 12, 12) });
    const runs: Array<Array<{ name: string; status: HealthStatus; latencyMs: number }>> = [];
    engine.on('results', (results: Array<{ name: string; status: HealthStatus; latencyMs: number }>) =>
      runs.push(results.map(({ name, status, latencyMs }) => ({ name, status, latencyMs }))),
    );
    await engine.run();
    await engine.run();
    assert.deepEqual(runs, [
      [{ name: 'a', status: 'healthy', latencyMs: 3 }, { name: 'b', status: 'unhealthy', latencyMs: 5 }],
      [{ name: 'a', status: 'healthy', latencyMs: 2 }, { name: 'b', status: 'unhealthy', latencyMs: 2 }],
    ]);
  });
});

describe('HealthEngine.latest', () => {
  test('runs the checks the first time, then returns the last results without running them', async () => {
    const check = fixed('a', 'healthy');
    const clock = new ManualClock(T0);
    const engine = new HealthEngine({ checks: [check], clock });
    const first = await engine.latest();
    assert.equal(check.runs, 1);
    check.status = 'unhealthy';
    clock.advance(5000);
    const again = await engine.latest();
    assert.equal(check.runs, 1);
    assert.deepEqual(again.checks, first.checks);
    assert.equal(again.status, 'healthy');
    assert.equal(again.checkedAt, '2026-01-01T12:00:05.000Z');
  });
});
