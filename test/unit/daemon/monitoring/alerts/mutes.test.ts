import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_ACK_MS, Mutes } from '../../../../../daemon/monitoring/alerts/mutes.js';
import { auditOf, HOUR, iso, MINUTE, rejects, setup, T0 } from './alerting-fixtures.js';

async function mutes() {
  const s = await setup();
  return { ...s, mutes: new Mutes(s.store, s.clock, s.audit) };
}

/** Resolves ids the way the engine does: a live alert id or its prefix. */
const live =
  (...ids: string[]) =>
  (id: string): string | null =>
    ids.find((a) => a === id || a.startsWith(id)) ?? null;

describe('Mutes: silences', () => {
  test('addSilence stores the silence from now for the duration, audits and lists it', async () => {
    const { mutes: m, store, events } = await mutes();
    const s = await m.addSilence(['alertname=HighCPU', 'host=~"db.*"'], 2 * HOUR, 'upgrade', 'alice');
    assert.match(s.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(s, { id: s.id, matchers: ['alertname=HighCPU', 'host=~"db.*"'], startsAt: iso(T0), endsAt: iso(T0 + 2 * HOUR), comment: 'upgrade', createdBy: 'alice' });
    assert.deepEqual(m.silences(), [s]);
    assert.deepEqual(store.data.silences, [s]);
    assert.deepEqual(events.map(auditOf), [
      { type: 'silence.added', actor: 'alice', subject: s.id, outcome: 'success', details: { matchers: ['alertname=HighCPU', 'host=~"db.*"'], endsAt: iso(T0 + 2 * HOUR), comment: 'upgrade' } },
    ]);
  });

  test('addSilence refuses a bad matcher and stores nothing', async () => {
    const { mutes: m, store, events } = await mutes();
    await rejects(m.addSilence(['alertname=HighCPU', 'nope'], HOUR, 'c', 'alice'), 'INVALID_INPUT', "'nope' is not a label matcher; write name=value, name!=value, name=~regex or name!~regex", 'matchers');
    assert.deepEqual(store.data.silences, []);
    assert.deepEqual(events, []);
  });

  test('silences() leaves out ended silences; adding a silence drops them from the store', async () => {
    const { mutes: m, store, clock } = await mutes();
    const short = await m.addSilence(['a=b'], MINUTE, 'short', 'alice');
    const long = await m.addSilence(['a=c'], HOUR, 'long', 'alice');
    clock.advance(MINUTE);
    assert.deepEqual(m.silences(), [long]);
    assert.deepEqual(store.data.silences, [short, long]);
    const next = await m.addSilence(['a=d'], HOUR, 'next', 'alice');
    assert.deepEqual(store.data.silences, [long, next]);
  });

  test('removeSilence takes the id or its first characters', async () => {
    const { mutes: m, store, events } = await mutes();
    const a = await m.addSilence(['a=b'], HOUR, 'a', 'alice');
    const b = await m.addSilence(['a=c'], HOUR, 'b', 'alice');
    assert.deepEqual(await m.removeSilence(a.id.slice(0, 8), 'bob'), a);
    assert.deepEqual(store.data.silences, [b]);
    assert.deepEqual(await m.removeSilence(b.id, 'bob'), b);
    assert.deepEqual(store.data.silences, []);
    assert.deepEqual(events.slice(2).map(auditOf), [
      { type: 'silence.removed', actor: 'bob', subject: a.id, outcome: 'success', details: {} },
      { type: 'silence.removed', actor: 'bob', subject: b.id, outcome: 'success', details: {} },
    ]);
  });

  test('removeSilence of an unknown id is NOT_FOUND', async () => {
    const { mutes: m } = await mutes();
    await rejects(m.removeSilence('abc', 'bob'), 'NOT_FOUND', "no silence with id 'abc'");
  });
});

describe('Mutes: acknowledgements', () => {
  test('ack needs a live alert (by id or prefix), lasts 24 h by default and is audited', async () => {
    const { mutes: m, store, events } = await mutes();
    assert.equal(DEFAULT_ACK_MS, 24 * HOUR);
    const ack = await m.ack('abcd', 'looking into it', undefined, 'alice', live('abcdef0123456789'));
    assert.deepEqual(ack, { alertId: 'abcdef0123456789', comment: 'looking into it', createdBy: 'alice', createdAt: iso(T0), expiresAt: iso(T0 + 24 * HOUR) });
    assert.deepEqual(store.data.acks, [ack]);
    assert.deepEqual(m.ackOf('abcdef0123456789'), ack);
    assert.equal(m.ackOf('abcd'), null, 'ackOf takes the full id');
    assert.deepEqual(events.map(auditOf), [
      { type: 'alert.acknowledged', actor: 'alice', subject: 'abcdef0123456789', outcome: 'success', details: { comment: 'looking into it', expiresAt: iso(T0 + 24 * HOUR) } },
    ]);
  });

  test('ack of an id that names no live alert is NOT_FOUND', async () => {
    const { mutes: m, store } = await mutes();
    await rejects(m.ack('zzz', 'c', undefined, 'alice', live('abcdef')), 'NOT_FOUND', "no active alert with id 'zzz'");
    assert.deepEqual(store.data.acks, []);
  });

  test('ack without a comment is refused', async () => {
    const { mutes: m, store } = await mutes();
    await rejects(m.ack('abcdef', '   ', undefined, 'alice', live('abcdef')), 'INVALID_INPUT', 'an acknowledgement needs a comment', 'comment');
    assert.deepEqual(store.data.acks, []);
  });

  test('a duration given sets the expiry; ackOf is null from the expiry on', async () => {
    const { mutes: m, clock } = await mutes();
    const ack = await m.ack('a1', 'c', 30 * MINUTE, 'alice', live('a1'));
    assert.equal(ack.expiresAt, iso(T0 + 30 * MINUTE));
    clock.advance(30 * MINUTE - 1);
    assert.deepEqual(m.ackOf('a1'), ack);
    clock.advance(1);
    assert.equal(m.ackOf('a1'), null);
  });

  test('a new ack of the same alert replaces the previous one; expired acks are dropped', async () => {
    const { mutes: m, clock, store } = await mutes();
    const resolve = live('a1', 'b2', 'c3');
    const first = await m.ack('a1', 'first', HOUR, 'alice', resolve);
    const other = await m.ack('b2', 'other', 2 * HOUR, 'alice', resolve);
    const gone = await m.ack('c3', 'gone', MINUTE, 'alice', resolve);
    assert.deepEqual(store.data.acks, [first, other, gone]);
    clock.advance(MINUTE);
    const second = await m.ack('a1', 'second', HOUR, 'bob', resolve);
    assert.deepEqual(store.data.acks, [other, second]);
    assert.deepEqual(m.ackOf('a1'), second);
    assert.equal(m.ackOf('c3'), null);
  });
});
