import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  hashesEqual,
  hashSecret,
  isRefreshToken,
  isSessionSecret,
  newRefreshToken,
  newSessionId,
  newSessionSecret,
} from '../../../../../daemon/security/tokens/session-secrets.js';

describe('session secrets', () => {
  test('shapes: prefixed base64url of 32 random bytes; ids of 12', () => {
    const refresh = newRefreshToken();
    const secret = newSessionSecret();
    const id = newSessionId();
    assert.match(refresh, /^cbr_[A-Za-z0-9_-]{43}$/);
    assert.match(secret, /^cbs_[A-Za-z0-9_-]{43}$/);
    assert.match(id, /^s_[A-Za-z0-9_-]{16}$/);
    assert.equal(Buffer.from(refresh.slice(4), 'base64url').length, 32);
    assert.equal(Buffer.from(id.slice(2), 'base64url').length, 12);
    const many = new Set(Array.from({ length: 200 }, () => newRefreshToken()));
    assert.equal(many.size, 200);
  });

  test('recognisers accept only the exact shape', () => {
    const refresh = newRefreshToken();
    const secret = newSessionSecret();
    assert.equal(isRefreshToken(refresh), true);
    assert.equal(isSessionSecret(secret), true);
    for (const bad of [
      secret,
      refresh.slice(0, -1),
      `${refresh}A`,
      ` ${refresh}`,
      `${refresh}\n`,
      `cbr_${'!'.repeat(43)}`,
      'cbr_',
      '',
      42,
      null,
      undefined,
      [refresh],
    ]) {
      assert.equal(isRefreshToken(bad), false);
    }
    assert.equal(isSessionSecret(refresh), false);
    assert.equal(isSessionSecret(`CBS_${secret.slice(4)}`), false);
  });

  test('hashes are SHA-256 hex of the whole token; comparison is exact', () => {
    const token = newRefreshToken();
    const hash = hashSecret(token);
    assert.equal(hash, createHash('sha256').update(token).digest('hex'));
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(hashesEqual(hash, hashSecret(token)), true);
    assert.equal(hashesEqual(hash, hashSecret(newRefreshToken())), false);
    assert.equal(hashesEqual(hash, hash.slice(0, 62)), false);
    assert.equal(hashesEqual('', ''), false);
    assert.equal(hashesEqual(hash, 'not hex'), false);
  });
});
