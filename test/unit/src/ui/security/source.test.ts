import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createSecuritySource,
  SESSIONS_NOTE,
  type SecurityData,
} from '../../../../../src/ui/security/source.js';
import {
  ban,
  event,
  FakeClient,
  ManualTimers,
  refusal,
  sampleAnswers,
  sampleData,
  settle,
} from './fixtures.js';

function setup(answers = sampleAnswers()) {
  const client = new FakeClient(answers);
  const timers = new ManualTimers();
  const source = createSecuritySource(client, { timers });
  const seen: SecurityData[] = [];
  return { client, timers, source, seen, last: () => seen[seen.length - 1] as SecurityData };
}

describe('createSecuritySource', () => {
  it('subscribes to events and blacklist, then loads every list once', async () => {
    const t = setup();
    t.source.subscribe((d) => t.seen.push(d));
    assert.equal(t.seen.length, 1);
    assert.equal(t.seen[0]?.loaded, false);
    await settle();
    assert.deepEqual(t.client.calls[0], {
      method: 'security.subscribe',
      params: { topics: ['events', 'blacklist'] },
    });
    assert.deepEqual(t.client.methods().slice(1).sort(), [
      'security.blacklist.list',
      'security.events',
      'security.sessions.list',
      'security.status',
      'security.users.list',
    ]);
    assert.deepEqual(t.client.calls.find((c) => c.method === 'security.events')?.params, {
      limit: 200,
    });
    assert.deepEqual(t.last(), sampleData());
  });

  it('shows "log in to see sessions" when the sessions list is refused', async () => {
    for (const code of ['UNAUTHORISED', 'FORBIDDEN'] as const) {
      const t = setup({
        ...sampleAnswers(),
        'security.sessions.list': refusal(code, 'log in first'),
      });
      t.source.subscribe((d) => t.seen.push(d));
      await settle();
      assert.equal(t.last().sessions, null);
      assert.equal(t.last().sessionsNote, SESSIONS_NOTE);
      assert.equal(t.last().error, null);
      assert.equal(t.last().users.length, 3);
    }
  });

  it('reports other failures without dropping what it had', async () => {
    const t = setup({
      ...sampleAnswers(),
      'security.status': new Error('the daemon closed the connection'),
    });
    t.source.subscribe((d) => t.seen.push(d));
    await settle();
    assert.equal(t.last().error, 'the daemon closed the connection');
    assert.equal(t.last().loaded, true);
    assert.equal(t.last().status, null);
  });

  it('refreshes once per burst of notifications, after the debounce, adding live events', async () => {
    const t = setup();
    t.source.subscribe((d) => t.seen.push(d));
    await settle();
    const before = t.client.calls.length;
    t.client.notify(
      'security.event',
      event(5, 'login.failure', { ip: '203.0.113.50', outcome: 'failure' }),
    );
    t.client.notify(
      'security.event',
      event(6, 'login.failure', { ip: '203.0.113.50', outcome: 'failure' }),
    );
    t.client.notify('security.blacklist.changed', { action: 'added', entry: ban('203.0.113.50') });
    assert.equal(t.timers.pending.length, 1);
    assert.equal(t.timers.pending[0]?.ms, 200);
    await settle();
    assert.equal(t.client.calls.length, before, 'nothing is asked before the debounce fires');
    t.timers.fire();
    await settle();
    const asked = t.client.methods().slice(before).sort();
    assert.deepEqual(asked, [
      'security.blacklist.list',
      'security.sessions.list',
      'security.status',
      'security.users.list',
    ]);
    assert.deepEqual(
      t.last().events.map((e) => e.seq),
      [1, 2, 3, 4, 5, 6],
    );
  });

  it('keeps the newest eventLimit events, by seq, without duplicates', async () => {
    const client = new FakeClient(sampleAnswers());
    const timers = new ManualTimers();
    const source = createSecuritySource(client, { timers, eventLimit: 3 });
    let last: SecurityData | undefined;
    source.subscribe((d) => (last = d));
    await settle();
    assert.deepEqual(client.calls.find((c) => c.method === 'security.events')?.params, {
      limit: 3,
    });
    client.notify('security.event', event(4, 'ip.banned'));
    client.notify('security.event', event(7, 'login.success'));
    timers.fire();
    await settle();
    assert.deepEqual(
      last?.events.map((e) => e.id),
      ['ev3', 'ev4', 'ev7'],
    );
  });

  it('stops listening when the last subscriber leaves', async () => {
    const t = setup();
    const off1 = t.source.subscribe((d) => t.seen.push(d));
    const other: SecurityData[] = [];
    const off2 = t.source.subscribe((d) => other.push(d));
    await settle();
    assert.equal(other.length >= 2, true);
    assert.equal(t.client.methods().filter((m) => m === 'security.subscribe').length, 1);
    off1();
    assert.equal(t.client.listenerCount('security.event'), 1);
    t.client.notify('security.event', event(9, 'login.success'));
    off2();
    assert.equal(t.client.listenerCount('security.event'), 0);
    assert.equal(t.client.listenerCount('security.blacklist.changed'), 0);
    assert.equal(t.timers.pending.length, 0);
  });

  it('unlock, ban and unban call the daemon and then refresh', async () => {
    const t = setup({
      ...sampleAnswers(),
      'security.users.unlock': { user: {} },
      'security.blacklist.add': { entry: {}, created: true },
      'security.blacklist.remove': { entry: {} },
    });
    t.source.subscribe((d) => t.seen.push(d));
    await settle();
    const before = t.client.calls.length;
    await t.source.unlock('bob');
    await t.source.ban('198.51.100.20', 3_600_000, 'from the security view');
    await t.source.ban('198.51.100.21', null, 'permanent');
    await t.source.unban('203.0.113.7');
    assert.deepEqual(t.client.calls.slice(before), [
      { method: 'security.users.unlock', params: { username: 'bob' } },
      {
        method: 'security.blacklist.add',
        params: { target: '198.51.100.20', ttlMs: 3_600_000, reason: 'from the security view' },
      },
      {
        method: 'security.blacklist.add',
        params: { target: '198.51.100.21', ttlMs: null, reason: 'permanent' },
      },
      { method: 'security.blacklist.remove', params: { target: '203.0.113.7' } },
    ]);
    assert.equal(t.timers.pending.length, 1, 'one debounced refresh for the four actions');
  });

  it('passes a refused action on to the caller', async () => {
    const t = setup({
      ...sampleAnswers(),
      'security.users.unlock': refusal('FORBIDDEN', 'needs security.users.manage'),
    });
    await assert.rejects(t.source.unlock('bob'), {
      code: 'FORBIDDEN',
      message: 'needs security.users.manage',
    });
  });

  it('refuses wrong use with a TypeError naming the argument', () => {
    const t = setup();
    assert.throws(() => t.source.unlock(''), {
      name: 'TypeError',
      message: '"user" must be a non-empty string',
    });
    assert.throws(() => t.source.ban('', 1000, 'x'), {
      name: 'TypeError',
      message: '"ip" must be a non-empty string',
    });
    assert.throws(() => t.source.ban('1.2.3.4', 0, 'x'), {
      name: 'TypeError',
      message: '"durationMs" must be a positive integer or null',
    });
    assert.throws(() => t.source.ban('1.2.3.4', 1.5, 'x'), {
      name: 'TypeError',
      message: '"durationMs" must be a positive integer or null',
    });
    assert.throws(() => t.source.unban(''), {
      name: 'TypeError',
      message: '"ip" must be a non-empty string',
    });
    assert.throws(() => createSecuritySource(t.client, { debounceMs: -1 }), {
      name: 'TypeError',
      message: '"debounceMs" option must be a non-negative integer',
    });
    assert.throws(() => createSecuritySource(t.client, { eventLimit: 0 }), {
      name: 'TypeError',
      message: '"eventLimit" option must be an integer from 1 to 10000',
    });
  });
});
