import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BCRYPT_MAX_BYTES,
  PREHASH_PREFIX,
  bcryptCost,
  isBcryptHash,
  parseStoredHash,
} from '../../../../../daemon/security/passwords/bcrypt-format.js';

/** From `htpasswd -nbB -C 4 alice 'correct horse battery staple'` (Apache 2.4, Debian 12). */
const HTPASSWD_2Y = '$2y$04$OqdFPtEltCl4Z2PqLxanHOz9V8fA8Een8EghjyuoN.Fz62nhl7xky';
/** jBCrypt's TestBCrypt.java vector for "abc". */
const JBCRYPT_2A = '$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i';
const OURS_2B = '$2b$12$lofyYYy68TrjW05LGdx6FuKxzWGs4BwPkR9uKuovoQhA5H29OYj0u';

describe('isBcryptHash', () => {
  test('accepts $2a$, $2b$ and $2y$ strings with costs 04 to 31', () => {
    assert.equal(isBcryptHash(HTPASSWD_2Y), true);
    assert.equal(isBcryptHash(JBCRYPT_2A), true);
    assert.equal(isBcryptHash(OURS_2B), true);
    assert.equal(isBcryptHash(OURS_2B.replace('$12$', '$04$')), true);
    assert.equal(isBcryptHash(OURS_2B.replace('$12$', '$31$')), true);
  });

  test('refuses other tags, costs out of range, wrong lengths and alphabets, and our marker', () => {
    for (const value of [
      OURS_2B.replace('$2b$', '$2x$'),
      OURS_2B.replace('$2b$', '$2$'),
      OURS_2B.replace('$12$', '$03$'),
      OURS_2B.replace('$12$', '$32$'),
      OURS_2B.replace('$12$', '$4$'),
      OURS_2B.slice(0, -1),
      `${OURS_2B}x`,
      `${OURS_2B.slice(0, -1)}!`,
      ` ${OURS_2B}`,
      `${OURS_2B}\n`,
      PREHASH_PREFIX + OURS_2B,
      '$apr1$Dxi4s53R$cC5M6yEgbddwa/W87pGXl0',
      '',
    ]) {
      assert.equal(isBcryptHash(value), false, value);
    }
    assert.equal(isBcryptHash(42 as unknown as string), false);
  });
});

describe('parseStoredHash and bcryptCost', () => {
  test('a plain bcrypt string', () => {
    assert.deepEqual(parseStoredHash(HTPASSWD_2Y), {
      form: 'plain',
      bcrypt: HTPASSWD_2Y,
      variant: '2y',
      cost: 4,
    });
    assert.equal(bcryptCost(HTPASSWD_2Y), 4);
    assert.equal(bcryptCost(JBCRYPT_2A), 6);
  });

  test('our pre-hashed form', () => {
    assert.deepEqual(parseStoredHash(`cbph1$${OURS_2B}`), {
      form: 'prehashed',
      bcrypt: OURS_2B,
      variant: '2b',
      cost: 12,
    });
    assert.equal(bcryptCost(`cbph1$${OURS_2B}`), 12);
  });

  test('the marker is only ours in front of a $2b$ string (the only kind we write)', () => {
    assert.equal(parseStoredHash(`cbph1$${HTPASSWD_2Y}`), null);
    assert.equal(parseStoredHash('cbph1$'), null);
    assert.equal(parseStoredHash(`cbph2$${OURS_2B}`), null);
  });

  test('null for anything else', () => {
    for (const value of ['', 'secret', '{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=', 'RFhNxHMOjnEfA']) {
      assert.equal(parseStoredHash(value), null, value);
      assert.equal(bcryptCost(value), null, value);
    }
    assert.equal(parseStoredHash(null as unknown as string), null);
    assert.equal(bcryptCost(undefined as unknown as string), null);
  });

  test('the limit is 72 bytes', () => {
    assert.equal(BCRYPT_MAX_BYTES, 72);
  });
});
