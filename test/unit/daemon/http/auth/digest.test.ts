import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { sha256Hex } from '../../../../../daemon/http/auth/digest.js';

describe('sha256Hex', () => {
  it('is the SHA-256 of the UTF-8 text in hex', () => {
    for (const text of ['', 'cbs_secret', 'é€😀', 'x'.repeat(5000)])
      assert.equal(sha256Hex(text), createHash('sha256').update(text, 'utf8').digest('hex'));
    assert.equal(
      sha256Hex('abc'),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('refuses what is not a string', () => {
    assert.throws(() => sha256Hex(1 as unknown as string), {
      name: 'TypeError',
      message: '"text" must be a string',
    });
  });
});
