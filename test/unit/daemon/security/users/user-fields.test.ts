import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidInputError } from '../../../../../src/protocol/errors.js';
import {
  normaliseUsername,
  validateEmail,
} from '../../../../../daemon/security/users/user-fields.js';

const invalid = (field: string, message: string) => (error: unknown) => {
  assert.ok(error instanceof InvalidInputError, `expected InvalidInputError, got ${String(error)}`);
  assert.equal(error.code, 'INVALID_INPUT');
  assert.equal(error.message, message);
  assert.deepEqual(error.details, { field });
  return true;
};

describe('normaliseUsername', () => {
  test('lower-cases to the canonical key', () => {
    assert.equal(normaliseUsername('Alice'), 'alice');
    assert.equal(normaliseUsername('ALICE.Smith-2_x'), 'alice.smith-2_x');
    assert.equal(normaliseUsername('007'), '007');
    assert.equal(normaliseUsername('abc'), 'abc');
    assert.equal(normaliseUsername('a'.repeat(64)), 'a'.repeat(64));
  });

  test('3 to 64 characters', () => {
    const message = 'username must be 3 to 64 characters long';
    for (const value of ['', 'ab', 'a'.repeat(65)]) {
      assert.throws(() => normaliseUsername(value), invalid('username', message), value);
    }
  });

  test('only ASCII letters, digits and . _ -', () => {
    const message = 'username may contain only letters a-z, digits, ".", "_" and "-"';
    for (const value of [
      'alice smith',
      'alice@home',
      'bob/../x',
      'ålice',
      'аlice',
      'alice\n',
      'a\0b',
      'al:ce',
    ]) {
      assert.throws(() => normaliseUsername(value), invalid('username', message), value);
    }
  });

  test('starting with a letter or a digit', () => {
    const message = 'username must start with a letter or a digit';
    for (const value of ['.alice', '_alice', '-alice', '...']) {
      assert.throws(() => normaliseUsername(value), invalid('username', message), value);
    }
  });

  test('not a string', () => {
    for (const value of [undefined, null, 42, ['alice'], { name: 'alice' }]) {
      assert.throws(
        () => normaliseUsername(value),
        invalid('username', 'username must be a string'),
      );
    }
  });
});

describe('validateEmail', () => {
  test('accepts ordinary addresses and lower-cases the domain only', () => {
    assert.equal(validateEmail('alice@example.com'), 'alice@example.com');
    assert.equal(validateEmail('Alice.Smith+ops@Example.COM'), 'Alice.Smith+ops@example.com');
    assert.equal(validateEmail('a@sub.example.org'), 'a@sub.example.org');
  });

  test('refuses what is not an address', () => {
    for (const value of [
      '',
      'alice',
      'alice@',
      '@example.com',
      'alice@localhost',
      'alice smith@example.com',
      'alice@example.com\n',
      ' alice@example.com',
      'a..b@example.com',
      '"quoted"@example.com',
      'alice@[127.0.0.1]',
      'alice@@example.com',
    ]) {
      assert.throws(
        () => validateEmail(value),
        invalid('email', 'email is not a valid address'),
        value,
      );
    }
  });

  test('at most 254 characters', () => {
    const local = 'a'.repeat(60);
    const domain = `${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.com`; // 186
    const ok = `${local}@${domain}`; // 247
    assert.equal(validateEmail(ok), ok);
    const longest = `${local}@${'e'.repeat(6)}.${domain}`;
    assert.equal(longest.length, 254);
    assert.equal(validateEmail(longest), longest);
    const tooLong = `${local}@${'e'.repeat(7)}.${domain}`; // 255
    assert.equal(tooLong.length, 255);
    assert.throws(
      () => validateEmail(tooLong),
      invalid('email', 'email must be at most 254 characters long'),
    );
  });

  test('not a string', () => {
    for (const value of [undefined, null, 1, {}]) {
      assert.throws(() => validateEmail(value), invalid('email', 'email must be a string'));
    }
  });
});
