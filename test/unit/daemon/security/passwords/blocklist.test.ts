import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { blocklistReason } from '../../../../../daemon/security/passwords/blocklist.js';
import { loadStrengthData } from '../../../../../daemon/security/passwords/strength-data.js';

const LIST: ReadonlySet<string> = new Set(['password', 'dragon', 'hunter2', 'iloveyou', 'kat']);

describe('blocklistReason with a small list', () => {
  test('a listed password, in any case', () => {
    assert.equal(blocklistReason('password', LIST), 'common');
    assert.equal(blocklistReason('PassWord', LIST), 'common');
  });

  test('a listed word with digits, symbols or spaces before or after it', () => {
    for (const password of [
      'password123456789',
      '123456789password',
      '!!dragon2026!!',
      '  iloveyou  ',
      '2026-dragon-2026',
    ]) {
      assert.equal(blocklistReason(password, LIST), 'common', password);
    }
  });

  test('common substitutions, including 1 read as i or l', () => {
    assert.equal(blocklistReason('P@ssw0rd!', LIST), 'common');
    assert.equal(blocklistReason('dr4g0n1234', LIST), 'common');
    assert.equal(blocklistReason('1l0v3y0u', LIST), 'common');
  });

  test('a listed word repeated, with or without affixes and substitutions', () => {
    assert.equal(blocklistReason('dragondragondragon', LIST), 'common');
    assert.equal(blocklistReason('hunter2hunter2hunter2', LIST), 'common');
    assert.equal(blocklistReason('P@ssw0rd!P@ssw0rd!', LIST), 'common');
  });

  test('a stripped word under 4 characters does not count', () => {
    assert.equal(blocklistReason('7291-kat-38472019', LIST), null);
    assert.equal(blocklistReason('kat', LIST), 'common'); // the password itself is listed
  });

  test('the service name', () => {
    assert.equal(blocklistReason('clickup-brain-2026', LIST), 'service-name');
    assert.equal(blocklistReason('ClickUp2026!!!!!', LIST), 'service-name');
    assert.equal(blocklistReason('Cl1ckup Br41n', LIST), 'service-name');
  });

  test('repeated and sequential runs', () => {
    for (const password of [
      'aaaaaaaaaaaaaaaa',
      'abababababababab',
      'abcdabcdabcdabcd',
      'abcdefghijklmnop',
      'ZYXWVUTSRQPONMLK',
      '123456789012345678',
      '987654321098765',
      '😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀',
    ]) {
      assert.equal(blocklistReason(password, LIST), 'pattern', password);
    }
  });

  test('other passwords, including ones with listed words inside them', () => {
    for (const password of [
      'correct horse battery staple',
      'my password is long enough',
      'dragon slayer of the north',
      'zq8-Tv!w#kP2%xLm9',
      'abcdeabcdeabcde1',
      '12345678901234567890x',
    ]) {
      assert.equal(blocklistReason(password, LIST), null, password);
    }
  });
});

describe('blocklistReason with the zxcvbn-ts list', () => {
  const { commonPasswords } = loadStrengthData();

  test('common and breached passwords and their variants', () => {
    assert.equal(blocklistReason('123456', commonPasswords), 'pattern'); // found as a run first
    for (const password of [
      'qwerty',
      'letmein',
      'baseball',
      'passwordpassword',
      '1qaz2wsx3edc4rfv',
      '123456789987654321',
      'Monkey12345678!',
      'Sup3rm@n2026!!!!',
    ]) {
      assert.equal(blocklistReason(password, commonPasswords), 'common', password);
    }
  });

  test('random passphrases are not listed', () => {
    for (const password of [
      'correct horse battery staple',
      'sunny otter violin lamp',
      'abacus-ablaze-abide-able',
      'the quick brown fox jumps',
    ]) {
      assert.equal(blocklistReason(password, commonPasswords), null, password);
    }
  });
});
