import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import type { Core } from '../../../../daemon/core.js';
import { MonitoringLoops } from '../../../../daemon/monitoring/loops.js';

/** Lets the promise chains started by a timer run to their end (setImmediate is not mocked). */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** A core that records what the loops call; each step can be made to fail. */
function fakeCore() {
  const calls: string[] = [];
  const fail = new Set<string>();
  const step = (name: string) => async () => {
    calls.push(name);
    if (fail.has(name)) throw new Error(`${name} broke`);
  };
  const core = {
    health: { run: step('health') },
    monitoring: {
      scrape: step('scrape'),
      alerts: { evaluate: step('evaluate') },
      checks: { start: () => calls.push('checks.start'), stop: () => calls.push('checks.stop') },
    },
    clock: { now: () => 1_700_000_000_000 },
    history: {
      compact: (now: number) => {
        assert.equal(now, 1_700_000_000_000, 'compaction reads the core clock');
        calls.push('compact');
        if (fail.has('compact')) throw new Error('compact broke');
      },
    },
    saveHistory: step('snapshot'),
  };
  return { core: core as unknown as Core, calls, fail };
}

function loops(t: TestContext, intervals: { scrape: number[]; evaluation: number[] }) {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  const { core, calls, fail } = fakeCore();
  const errors: Array<[string, string]> = [];
  const scrape = [...intervals.scrape];
  const evaluation = [...intervals.evaluation];
  const next = (list: number[]) => (): number => (list.length > 1 ? (list.shift() as number) : (list[0] as number));
  const l = new MonitoringLoops(core, {
    scrapeMs: next(scrape),
    evaluationMs: next(evaluation),
    onError: (what, error) => errors.push([what, (error as Error).message]),
    compactMs: 60_000,
    snapshotMs: 300_000,
  });
  t.after(() => l.stop());
  const tick = async (ms: number): Promise<void> => {
    t.mock.timers.tick(ms);
    await settle();
  };
  return { l, calls, fail, errors, tick };
}

describe('MonitoringLoops', () => {
  test('start: built-in checks then a scrape at once, the user checks started, evaluation after its interval', async (t) => {
    const { l, calls, tick } = loops(t, { scrape: [10_000], evaluation: [15_000] });
    l.start();
    assert.deepEqual(calls, ['checks.start']);
    await tick(0);
    assert.deepEqual(calls, ['checks.start', 'health', 'scrape']);
    await tick(9_999);
    assert.deepEqual(calls.slice(3), []);
    await tick(1);
    assert.deepEqual(calls.slice(3), ['health', 'scrape']);
    await tick(5_000);
    assert.deepEqual(calls.slice(5), ['evaluate']);
  });

  test('each loop re-reads its interval after every run', async (t) => {
    const { l, calls, tick } = loops(t, { scrape: [10_000, 2_000], evaluation: [50_000, 1_000, 3_000] });
    l.start();
    await tick(0);
    const count = (name: string): number => calls.filter((c) => c === name).length;
    await tick(10_000); // second scrape; the next comes 2 s later
    assert.equal(count('scrape'), 2);
    await tick(2_000);
    assert.equal(count('scrape'), 3);
    await tick(38_000); // t = 50 s: first evaluation (the interval read at start)
    assert.equal(count('evaluate'), 1);
    await tick(1_000);
    assert.equal(count('evaluate'), 2);
    await tick(3_000);
    assert.equal(count('evaluate'), 3);
  });

  test('compaction every minute and a snapshot every five', async (t) => {
    const { l, calls, tick } = loops(t, { scrape: [3_600_000], evaluation: [3_600_000] });
    l.start();
    await tick(0);
    await tick(300_000);
    assert.equal(calls.filter((c) => c === 'compact').length, 5);
    assert.equal(calls.filter((c) => c === 'snapshot').length, 1);
  });

  test('a failure is reported with what failed, and the loop goes on', async (t) => {
    const { l, calls, fail, errors, tick } = loops(t, { scrape: [10_000], evaluation: [10_000] });
    fail.add('health').add('evaluate');
    l.start();
    await tick(0);
    assert.deepEqual(calls.slice(1), ['health'], 'no scrape after a failed health run');
    await tick(10_000);
    assert.deepEqual([...errors].sort(), [
      ['rule evaluation', 'evaluate broke'],
      ['scrape', 'health broke'],
      ['scrape', 'health broke'],
    ]);
    fail.clear();
    await tick(10_000);
    assert.equal(calls.filter((c) => c === 'scrape').length, 1);
    assert.equal(calls.filter((c) => c === 'evaluate').length, 2);
    fail.add('compact').add('snapshot');
    await tick(280_000);
    assert.deepEqual(
      errors.filter(([what]) => what.startsWith('history')).slice(0, 2).map(([what, message]) => [what, message]),
      [
        ['history compaction', 'compact broke'],
        ['history compaction', 'compact broke'],
      ],
    );
    assert.ok(errors.some(([what, message]) => what === 'history snapshot' && message === 'snapshot broke'));
  });

  test('stop ends every loop and stops the user checks; start again is possible, and start twice is one start', async (t) => {
    const { l, calls, tick } = loops(t, { scrape: [10_000], evaluation: [10_000] });
    l.start();
    l.start();
    await tick(0);
    assert.deepEqual(calls, ['checks.start', 'health', 'scrape']);
    l.stop();
    await tick(600_000);
    assert.deepEqual(calls, ['checks.start', 'health', 'scrape', 'checks.stop']);
    l.start();
    await tick(0);
    assert.deepEqual(calls.slice(4), ['checks.start', 'health', 'scrape']);
  });

  test('a schedule asked for after stop does nothing', async (t) => {
    const { l, calls, tick } = loops(t, { scrape: [10_000], evaluation: [10_000] });
    l.scheduleScrape(0);
    l.scheduleEvaluation(0);
    await tick(60_000);
    assert.deepEqual(calls, []);
  });
});
