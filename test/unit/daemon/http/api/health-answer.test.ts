/**
 * GET /api/v1/health's answer is serialised once per change: the same bytes until the built-in
 * checks run, a user check reports, the store commits or a second passes — and always the JSON of
 * what fullHealth reports at the time it is made. A real in-memory core with a hand-moved clock.
 */
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import { openCore, type Core } from '../../../../../daemon/core.js';
import {
  HEALTH_ANSWER_MAX_AGE_MS,
  HealthAnswer,
  healthAnswerOf,
} from '../../../../../daemon/http/api/health-answer.js';
import { fullHealth } from '../../../../../daemon/monitoring/full-health.js';

const T0 = Date.UTC(2026, 0, 1, 12);

async function core(t: TestContext): Promise<{ core: Core; clock: ManualClock }> {
  const clock = new ManualClock(T0);
  const opened = await openCore({ dataDir: null, clock, minBcryptCost: 4 });
  t.after(() => opened.close());
  await opened.health.run();
  return { core: opened, clock };
}

/** The names of the checks in the answer's report. */
async function checkNames(answer: HealthAnswer): Promise<string[]> {
  const report = JSON.parse((await answer.json()).text) as { checks: Array<{ name: string }> };
  return report.checks.map((x) => x.name);
}

describe('HealthAnswer', () => {
  test('the JSON of fullHealth with a final newline, kept while nothing changes', async (t) => {
    const { core: c, clock } = await core(t);
    const answer = new HealthAnswer(c);
    t.after(() => answer.close());
    const first = await answer.json();
    assert.equal(first.text, `${JSON.stringify(await fullHealth(c.health, c.monitoring))}\n`);
    clock.advance(HEALTH_ANSWER_MAX_AGE_MS - 1);
    // Kept: answered at once, not through a promise.
    assert.equal(answer.json(), first, 'the same answer within the second');
  });

  test('a second later the report is made again (checkedAt is never older than that)', async (t) => {
    const { core: c, clock } = await core(t);
    const answer = new HealthAnswer(c);
    t.after(() => answer.close());
    const first = await answer.json();
    clock.advance(HEALTH_ANSWER_MAX_AGE_MS);
    const next = await answer.json();
    assert.notEqual(next, first);
    assert.equal(
      (JSON.parse(next.text) as { checkedAt: string }).checkedAt,
      new Date(T0 + HEALTH_ANSWER_MAX_AGE_MS).toISOString(),
    );
  });

  test('a run of the built-in checks drops the kept answer', async (t) => {
    const { core: c } = await core(t);
    const answer = new HealthAnswer(c);
    t.after(() => answer.close());
    const first = await answer.json();
    await c.health.run();
    assert.notEqual(await answer.json(), first);
  });

  test('a check added (a store commit) is in the very next answer', async (t) => {
    const { core: c } = await core(t);
    const answer = new HealthAnswer(c);
    t.after(() => answer.close());
    assert.ok(!(await checkNames(answer)).includes('web'));
    await c.monitoring.addCheck(
      { name: 'web', type: 'tcp', target: '127.0.0.1:9', intervalMs: 3_600_000 },
      'test',
    );
    assert.ok((await checkNames(answer)).includes('web'));
    await c.monitoring.removeCheck('web', 'test');
    assert.ok(!(await checkNames(answer)).includes('web'));
  });

  test('a user check reporting drops the kept answer; after close() the engines are not heard', async (t) => {
    const { core: c } = await core(t);
    const answer = new HealthAnswer(c);
    const first = await answer.json();
    c.monitoring.emit('check', { name: 'web' });
    assert.notEqual(await answer.json(), first);
    answer.close();
    const afterClose = await answer.json();
    c.monitoring.emit('check', { name: 'web' });
    await c.health.run();
    assert.equal(await answer.json(), afterClose);
  });

  test('a report being made when a check reports is answered but not kept', async (t) => {
    const { core: c } = await core(t);
    const answer = new HealthAnswer(c);
    t.after(() => answer.close());
    const pending = answer.json();
    c.monitoring.emit('check', { name: 'web' });
    const made = await pending;
    assert.notEqual(await answer.json(), made);
  });

  test('a check added or removed without the store (a function check) is in the next answer', async (t) => {
    const { core: c } = await core(t);
    const answer = new HealthAnswer(c);
    t.after(() => answer.close());
    const before = c.store.commitCount;
    c.monitoring.checks.add({
      name: 'fn',
      type: 'tcp',
      target: '127.0.0.1:9',
      intervalMs: 3_600_000,
    } as never);
    assert.ok((await checkNames(answer)).includes('fn'));
    c.monitoring.checks.remove('fn');
    assert.ok(!(await checkNames(answer)).includes('fn'));
    assert.equal(c.store.commitCount, before, 'no store write was involved');
  });

  test('healthAnswerOf keeps one answer per core', async (t) => {
    const { core: c } = await core(t);
    assert.equal(healthAnswerOf(c), healthAnswerOf(c));
    healthAnswerOf(c).close();
  });
});
