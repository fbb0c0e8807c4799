import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ciphertextVersion,
  formatCiphertext,
  parseCiphertext,
} from '../../../../../daemon/security/crypto/ciphertext-format.js';
import { CryptoInputError } from '../../../../../daemon/security/crypto/errors.js';

const malformed = (error: unknown): boolean =>
  error instanceof CryptoInputError &&
  error.code === 'INVALID_INPUT' &&
  error.details['reason'] === 'malformed' &&
  error.details['field'] === 'ciphertext';

describe('ciphertext format', () => {
  test('formats and parses back the same parts', () => {
    const parts = { version: 7, nonce: Buffer.alloc(12, 1), ciphertext: Buffer.from('abc'), tag: Buffer.alloc(16, 2) };
    const text = formatCiphertext(parts);
    assert.match(text, /^cbv7:[A-Za-z0-9_-]+$/);
    assert.deepEqual(parseCiphertext(text), parts);
    assert.equal(ciphertextVersion(text), 7);
  });

  test('an empty plaintext still has nonce and tag', () => {
    const text = formatCiphertext({ version: 1, nonce: Buffer.alloc(12), ciphertext: Buffer.alloc(0), tag: Buffer.alloc(16) });
    assert.equal(parseCiphertext(text).ciphertext.length, 0);
  });

  const good = formatCiphertext({ version: 1, nonce: Buffer.alloc(12), ciphertext: Buffer.from('x'), tag: Buffer.alloc(16) });
  const body = good.slice('cbv1:'.length);
  const bad: [string, unknown][] = [
    ['not a string', 42],
    ['empty', ''],
    ['no prefix', body],
    ['vault prefix', `vault:v1:${body}`],
    ['version 0', `cbv0:${body}`],
    ['leading zero', `cbv01:${body}`],
    ['negative version', `cbv-1:${body}`],
    ['huge version', `cbv1234567890:${body}`],
    ['no colon', `cbv1${body}`],
    ['standard base64 chars', `cbv1:${body}+/`],
    ['padding', `cbv1:${body}==`],
    ['whitespace', `cbv1:${body} `],
    ['too short', `cbv1:${Buffer.alloc(27).toString('base64url')}`],
    ['non-canonical base64url', `cbv1:${Buffer.alloc(28).toString('base64url').slice(0, -1)}B`],
    ['a dangling character', `cbv1:${Buffer.alloc(30).toString('base64url')}A`],
  ];
  for (const [name, input] of bad) {
    test(`refuses ${name} as malformed`, () => {
      assert.throws(() => parseCiphertext(input), malformed);
    });
  }
});
