import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { metaPatch, text } from '../../../../../daemon/security/tokens/session-input.js';

describe('session input checks', () => {
  test('text: a non-empty string of at most 256 characters', () => {
    assert.equal(text('alice', 'username'), 'alice');
    for (const bad of ['', 'x'.repeat(257), 42, null, undefined]) {
      assert.throws(
        () => text(bad, 'reason'),
        new TypeError('"reason" must be a non-empty string of at most 256 characters'),
      );
    }
  });

  test('metaPatch: only the fields given; the user agent is bounded, the ip checked', () => {
    assert.deepEqual(metaPatch(undefined), {});
    assert.deepEqual(metaPatch({}), {});
    assert.deepEqual(metaPatch({ ip: '::1', userAgent: 'curl/8' }), {
      ip: '::1',
      userAgent: 'curl/8',
    });
    assert.deepEqual(metaPatch({ ip: null, userAgent: null }), { ip: null, userAgent: null });
    assert.equal(metaPatch({ userAgent: 'u'.repeat(2000) }).userAgent?.length, 512);
    assert.throws(
      () => metaPatch({ ip: 'x'.repeat(65) }),
      new TypeError('"ip" must be a string of at most 64 characters or null'),
    );
    assert.throws(
      () => metaPatch({ ip: 7 as unknown as string }),
      new TypeError('"ip" must be a string of at most 64 characters or null'),
    );
    assert.throws(
      () => metaPatch({ userAgent: {} as string }),
      new TypeError('"userAgent" must be a string or null'),
    );
  });
});
