import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type SessionRecord,
  sessionEndedAt,
  sessionRecordSchema,
  sessionState,
  toSessionView,
} from '../../../../../daemon/security/tokens/session-record.js';

const H = 'a'.repeat(64);
const record: SessionRecord = {
  id: 's_AAAAAAAAAAAAAAAA',
  username: 'alice',
  createdAt: 1000,
  lastSeenAt: 1000,
  idleExpiresAt: 5000,
  absoluteExpiresAt: 9000,
  secretHash: H,
  refreshHash: 'b'.repeat(64),
  usedRefreshHashes: ['c'.repeat(64)],
  ip: '127.0.0.1',
  userAgent: null,
  revokedAt: null,
  revokedReason: null,
};

describe('session record', () => {
  test('the schema accepts a record and refuses bad fields', () => {
    assert.deepEqual(sessionRecordSchema.parse(record), record);
    for (const [field, value] of [
      ['id', 'sess-1'],
      ['username', ''],
      ['createdAt', -1],
      ['idleExpiresAt', 1.5],
      ['secretHash', 'A'.repeat(64)],
      ['refreshHash', 'short'],
      ['usedRefreshHashes', ['x']],
      ['ip', undefined],
      ['revokedAt', 'yesterday'],
    ] as const) {
      assert.equal(
        sessionRecordSchema.safeParse({ ...record, [field]: value }).success,
        false,
        field,
      );
    }
  });

  test('state at a time: active, idle-expired, expired; revoked wins', () => {
    assert.equal(sessionState(record, 4999), 'active');
    assert.equal(sessionState(record, 5000), 'idle-expired');
    assert.equal(sessionState(record, 9000), 'expired');
    assert.equal(sessionState({ ...record, idleExpiresAt: 9000 }, 9000), 'expired');
    assert.equal(
      sessionState({ ...record, revokedAt: 2000, revokedReason: 'logout' }, 1500),
      'revoked',
    );
    assert.equal(sessionEndedAt(record, 4999), null);
    assert.equal(sessionEndedAt(record, 7000), 5000);
    assert.equal(sessionEndedAt({ ...record, idleExpiresAt: 9000 }, 9500), 9000);
    assert.equal(sessionEndedAt({ ...record, revokedAt: 2000 }, 2000), 2000);
  });

  test('the view holds no hash and names the state', () => {
    const view = toSessionView(record, 2000);
    assert.deepEqual(view, {
      id: 's_AAAAAAAAAAAAAAAA',
      username: 'alice',
      createdAt: 1000,
      lastSeenAt: 1000,
      idleExpiresAt: 5000,
      absoluteExpiresAt: 9000,
      ip: '127.0.0.1',
      userAgent: null,
      revokedAt: null,
      revokedReason: null,
      state: 'active',
    });
    assert.ok(!JSON.stringify(view).includes('aaaa'));
  });
});
