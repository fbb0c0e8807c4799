import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  MAX_PASSWORD_UNITS,
  bcryptInput,
  exceedsBcryptLimit,
  normalisePassword,
  prehash,
  unhashableReason,
} from '../../../../../daemon/security/passwords/bcrypt-input.js';

describe('unhashableReason', () => {
  test('empty, NUL anywhere, and over the unit limit', () => {
    assert.equal(unhashableReason(''), 'empty');
    assert.equal(unhashableReason('\0'), 'nul');
    assert.equal(unhashableReason('ab\0ab'), 'nul');
    assert.equal(unhashableReason('x'.repeat(MAX_PASSWORD_UNITS + 1)), 'too-long');
  });

  test('null for anything else, up to the limit', () => {
    assert.equal(unhashableReason('x'), null);
    assert.equal(unhashableReason(' '), null);
    assert.equal(unhashableReason('x'.repeat(MAX_PASSWORD_UNITS)), null);
    assert.equal(MAX_PASSWORD_UNITS, 4096);
  });
});

describe('normalisePassword', () => {
  test('NFKC: decomposed accents compose, full-width and ligatures fold', () => {
    assert.equal(normalisePassword('cafe\u0301'), 'caf\u00e9');
    assert.equal(normalisePassword('ｆｕｌｌ'), 'full');
    assert.equal(normalisePassword('\ufb01sh'), 'fish');
    assert.equal(normalisePassword('plain ascii'), 'plain ascii');
  });
});

describe('prehash', () => {
  test('is base64 of HMAC-SHA-384 keyed with the fixed label: 64 characters', () => {
    const expected = createHmac('sha384', 'clickup-brain bcrypt pre-hash v1')
      .update('x'.repeat(73), 'utf8')
      .digest('base64');
    assert.equal(prehash('x'.repeat(73)), expected);
    assert.equal(expected.length, 64);
    assert.match(expected, /^[A-Za-z0-9+/]{64}$/);
  });

  test('is not the bare SHA-384 of the password', () => {
    const bare = createHmac('sha384', '').update('x'.repeat(73)).digest('base64');
    assert.notEqual(prehash('x'.repeat(73)), bare);
  });
});

describe('exceedsBcryptLimit and bcryptInput', () => {
  test('72 UTF-8 bytes go as they are; 73 are pre-hashed', () => {
    assert.equal(exceedsBcryptLimit('x'.repeat(72)), false);
    assert.equal(exceedsBcryptLimit('x'.repeat(73)), true);
    assert.deepEqual(bcryptInput('x'.repeat(72)), { input: 'x'.repeat(72), form: 'plain' });
    assert.deepEqual(bcryptInput('x'.repeat(73)), {
      input: prehash('x'.repeat(73)),
      form: 'prehashed',
    });
  });

  test('bytes are counted, not characters', () => {
    assert.equal(exceedsBcryptLimit('é'.repeat(36)), false); // 72 bytes, 36 characters
    assert.equal(exceedsBcryptLimit('é'.repeat(36) + 'a'), true); // 73 bytes, 37 characters
    assert.equal(exceedsBcryptLimit('😀'.repeat(18)), false); // 72 bytes
    assert.equal(exceedsBcryptLimit('😀'.repeat(19)), true); // 76 bytes, 19 characters
    assert.equal(bcryptInput('😀'.repeat(19)).form, 'prehashed');
  });
});
