import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StoreSessionRepository } from '../../../../../daemon/security/engine/store-session-repository.js';
import type { SessionRecord } from '../../../../../daemon/security/tokens/session-record.js';
import { failingStore } from './engine-fixtures.js';

const hash = (c: string): string => c.repeat(64);
const make = (id: string, secret: string, refresh: string, used: string[] = []): SessionRecord => ({
  id: `s_${id.repeat(16)}`,
  username: 'alice',
  createdAt: 1,
  lastSeenAt: 1,
  idleExpiresAt: 2,
  absoluteExpiresAt: 3,
  secretHash: hash(secret),
  refreshHash: hash(refresh),
  usedRefreshHashes: used.map(hash),
  ip: null,
  userAgent: null,
  revokedAt: null,
  revokedReason: null,
});

const WRITE_FAILED = {
  code: 'STORE_WRITE_FAILED',
  message: 'could not write the store fake: disk full',
};

describe('StoreSessionRepository', () => {
  test('indexes the sessions already in the store', async () => {
    const a = make('A', '1', '2', ['3']);
    const { store } = await failingStore({ sessions: [a] });
    const repo = new StoreSessionRepository(store);
    assert.deepEqual(repo.list(), [a]);
    assert.equal(repo.get(a.id), store.data.sessions[0]);
    assert.equal(repo.findBySecretHash(hash('1'))?.id, a.id);
    assert.equal(repo.findByRefreshHash(hash('2'))?.id, a.id);
    assert.equal(repo.findByRefreshHash(hash('3'))?.id, a.id, 'used hashes are found too');
    assert.equal(repo.findBySecretHash(hash('2')), undefined);
    assert.equal(repo.get('s_unknown'), undefined);
  });

  test('insert is durable, indexed, and refuses a taken id or a bad record', async () => {
    const { store, adapter } = await failingStore();
    const repo = new StoreSessionRepository(store);
    const a = make('A', '1', '2');
    await repo.insert(a);
    assert.deepEqual(adapter.data?.sessions, [a]);
    assert.equal(repo.findBySecretHash(hash('1'))?.id, a.id);
    assert.equal(repo.findByRefreshHash(hash('2'))?.id, a.id);
    await assert.rejects(repo.insert(make('A', '5', '6')), {
      code: 'CONFLICT',
      message: `session ${a.id} already exists`,
    });
    await assert.rejects(repo.insert({ ...make('B', '5', '6'), secretHash: 'short' }), {
      name: 'ZodError',
    });
    assert.equal(repo.list().length, 1);
    assert.equal(repo.findBySecretHash(hash('5')), undefined);
  });

  test('update replaces the record and re-indexes its hashes', async () => {
    const { store, adapter } = await failingStore();
    const repo = new StoreSessionRepository(store);
    const a = make('A', '1', '2');
    await repo.insert(a);
    await repo.update(a.id, {
      refreshHash: hash('4'),
      usedRefreshHashes: [hash('2')],
      lastSeenAt: 2,
    });
    assert.equal(repo.get(a.id)?.lastSeenAt, 2);
    assert.equal(adapter.data?.sessions[0]?.lastSeenAt, 2);
    assert.equal(repo.findByRefreshHash(hash('4'))?.refreshHash, hash('4'), 'finds the new record');
    assert.equal(repo.findByRefreshHash(hash('2'))?.refreshHash, hash('4'));
    await repo.update(a.id, { refreshHash: hash('5'), usedRefreshHashes: [hash('4')] });
    assert.equal(repo.findByRefreshHash(hash('2')), undefined, 'a dropped used hash is forgotten');
    await repo.update(a.id, { secretHash: hash('6'), id: 's_other' } as Partial<SessionRecord>);
    assert.equal(repo.get(a.id)?.secretHash, hash('6'), 'the id never changes');
    assert.equal(repo.findBySecretHash(hash('1')), undefined);
    await assert.rejects(repo.update('s_nope', { lastSeenAt: 9 }), {
      code: 'NOT_FOUND',
      message: 'no session s_nope',
    });
    await assert.rejects(repo.update(a.id, { refreshHash: 'bad' }), { name: 'ZodError' });
    assert.equal(repo.get(a.id)?.refreshHash, hash('5'));
  });

  test('remove deletes the records and their index entries; unknown ids are ignored', async () => {
    const { store, adapter } = await failingStore();
    const repo = new StoreSessionRepository(store);
    const a = make('A', '1', '2');
    const b = make('B', '3', '4', ['5']);
    const c = make('C', '6', '7');
    for (const r of [a, b, c]) await repo.insert(r);
    const writes = adapter.writes;
    await repo.remove(['s_unknown']);
    assert.equal(adapter.writes, writes, 'nothing to remove writes nothing');
    await repo.remove([b.id, c.id, 's_unknown']);
    assert.deepEqual(
      repo.list().map((r) => r.id),
      [a.id],
    );
    assert.deepEqual(adapter.data?.sessions, [a]);
    for (const h of ['4', '5', '7']) assert.equal(repo.findByRefreshHash(hash(h)), undefined);
    assert.equal(repo.findBySecretHash(hash('3')), undefined);
    assert.equal(repo.findBySecretHash(hash('1'))?.id, a.id);
  });

  test('a failed write undoes each change, indexes included', async () => {
    const { store, adapter } = await failingStore();
    const repo = new StoreSessionRepository(store);
    const a = make('A', '1', '2');
    const b = make('B', '3', '4');
    await repo.insert(a);
    await repo.insert(b);
    adapter.failWith = new Error('disk full');

    await assert.rejects(repo.insert(make('C', '5', '6')), WRITE_FAILED);
    assert.equal(repo.get(`s_${'C'.repeat(16)}`), undefined);
    assert.equal(repo.findBySecretHash(hash('5')), undefined);
    assert.equal(repo.findByRefreshHash(hash('6')), undefined);

    await assert.rejects(
      repo.update(a.id, { refreshHash: hash('8'), usedRefreshHashes: [hash('2')] }),
      WRITE_FAILED,
    );
    assert.deepEqual(repo.get(a.id), a);
    assert.equal(repo.findByRefreshHash(hash('8')), undefined);
    assert.deepEqual(repo.findByRefreshHash(hash('2')), a);

    await assert.rejects(repo.remove([a.id, b.id]), WRITE_FAILED);
    assert.deepEqual(repo.list(), [a, b]);
    assert.deepEqual(repo.findBySecretHash(hash('3')), b);
    assert.deepEqual(repo.findByRefreshHash(hash('2')), a);

    // Changes that share one failed write are undone in reverse order.
    const results = await Promise.allSettled([
      repo.update(a.id, { refreshHash: hash('8'), usedRefreshHashes: [hash('2')] }),
      repo.update(a.id, { refreshHash: hash('9'), usedRefreshHashes: [hash('2'), hash('8')] }),
      repo.insert(make('C', '5', '6')),
      repo.remove([b.id]),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected', 'rejected', 'rejected'],
    );
    assert.deepEqual(repo.list(), [a, b]);
    for (const h of ['6', '8', '9']) assert.equal(repo.findByRefreshHash(hash(h)), undefined);
    assert.deepEqual(repo.findByRefreshHash(hash('2')), a);
    assert.deepEqual(repo.findByRefreshHash(hash('4')), b);

    adapter.failWith = null;
    await repo.remove([a.id]);
    assert.deepEqual(adapter.data?.sessions, [b]);
  });
});
