import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../../../../src/protocol/errors.js';
import type { SessionRecord } from '../../../../../daemon/security/tokens/session-record.js';
import { MemorySessionRepository } from '../../../../../daemon/security/tokens/session-repository.js';

const hash = (c: string) => c.repeat(64);
const make = (id: string, secret: string, refresh: string): SessionRecord => ({
  id: `s_${id.repeat(16)}`,
  username: 'alice',
  createdAt: 1,
  lastSeenAt: 1,
  idleExpiresAt: 2,
  absoluteExpiresAt: 3,
  secretHash: hash(secret),
  refreshHash: hash(refresh),
  usedRefreshHashes: [],
  ip: null,
  userAgent: null,
  revokedAt: null,
  revokedReason: null,
});
const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;

describe('MemorySessionRepository', () => {
  test('insert, get, list and the two hash indexes', async () => {
    const a = make('A', '1', '2');
    const repo = new MemorySessionRepository([a]);
    const b = make('B', '3', '4');
    await repo.insert(b);
    assert.deepEqual(
      repo.list().map((r) => r.id),
      [a.id, b.id],
    );
    assert.deepEqual(repo.get(b.id), b);
    assert.equal(repo.get('s_nope'), undefined);
    assert.equal(repo.findBySecretHash(hash('3'))?.id, b.id);
    assert.equal(repo.findByRefreshHash(hash('2'))?.id, a.id);
    assert.equal(repo.findBySecretHash(hash('2')), undefined);
    assert.equal(repo.findByRefreshHash(hash('9')), undefined);
    await assert.rejects(repo.insert(a), (e: unknown) => {
      assert.ok(code('CONFLICT')(e));
      assert.equal((e as Error).message, `session ${a.id} already exists`);
      return true;
    });
  });

  test('update re-indexes current and used refresh hashes; records are frozen copies', async () => {
    const a = make('A', '1', '2');
    const repo = new MemorySessionRepository();
    await repo.insert(a);
    await repo.update(a.id, { refreshHash: hash('5'), usedRefreshHashes: [hash('2')] });
    assert.equal(repo.findByRefreshHash(hash('5'))?.id, a.id);
    assert.equal(repo.findByRefreshHash(hash('2'))?.id, a.id);
    // A hash dropped from the used list is forgotten.
    await repo.update(a.id, { refreshHash: hash('6'), usedRefreshHashes: [hash('5')] });
    assert.equal(repo.findByRefreshHash(hash('2')), undefined);
    assert.equal(repo.findByRefreshHash(hash('6'))?.id, a.id);
    await repo.update(a.id, { secretHash: hash('7'), id: 's_other' } as Partial<SessionRecord>);
    assert.equal(repo.findBySecretHash(hash('1')), undefined);
    assert.equal(repo.findBySecretHash(hash('7'))?.id, a.id);
    const stored = repo.get(a.id);
    assert.ok(
      stored !== undefined && Object.isFrozen(stored) && Object.isFrozen(stored.usedRefreshHashes),
    );
    a.username = 'mallory';
    assert.equal(repo.get(a.id)?.username, 'alice');
    await assert.rejects(repo.update('s_BBBBBBBBBBBBBBBB', { username: 'x' }), (e: unknown) => {
      assert.ok(code('NOT_FOUND')(e));
      assert.equal((e as Error).message, 'no session s_BBBBBBBBBBBBBBBB');
      return true;
    });
  });

  test('an invalid record changes nothing', async () => {
    const a = make('A', '1', '2');
    const repo = new MemorySessionRepository([a]);
    await assert.rejects(repo.update(a.id, { refreshHash: 'plain-token' }));
    assert.equal(repo.get(a.id)?.refreshHash, hash('2'));
    assert.equal(repo.findByRefreshHash(hash('2'))?.id, a.id);
    await assert.rejects(repo.insert({ ...make('C', '8', '9'), username: '' }));
    assert.equal(repo.list().length, 1);
  });

  test('remove drops records and their indexes; unknown ids are ignored', async () => {
    const a = make('A', '1', '2');
    const b = make('B', '3', '4');
    const repo = new MemorySessionRepository([a, b]);
    await repo.remove([a.id, 's_unknown']);
    assert.deepEqual(
      repo.list().map((r) => r.id),
      [b.id],
    );
    assert.equal(repo.findBySecretHash(hash('1')), undefined);
    assert.equal(repo.findByRefreshHash(hash('2')), undefined);
    await repo.remove([]);
    assert.equal(repo.list().length, 1);
  });
});
