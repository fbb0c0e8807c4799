import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../../../../src/protocol/errors.js';
import {
  DEFAULT_PASSWORD_POLICY,
  assertPasswordAcceptable,
  checkPassword,
  passwordStrength,
  validatePasswordPolicy,
  type PasswordContext,
  type PasswordPolicy,
} from '../../../../../daemon/security/passwords/password-policy.js';

const ALICE = { username: 'alice', email: 'alice.smith@example.com' };

function refused(password: string, context: PasswordContext = ALICE, policy?: PasswordPolicy) {
  const check = checkPassword(password, context, policy);
  assert.equal(check.ok, false, `expected ${JSON.stringify(password)} to be refused`);
  if (check.ok) throw new Error('unreachable');
  assert.ok(
    !check.message.toLowerCase().includes(password.toLowerCase()),
    'message holds the password',
  );
  return check;
}

const BLOCKLISTED = {
  ok: false,
  rule: 'blocklisted',
  message:
    'password is blocklisted: it is a common or breached password, or a simple variant of one',
  score: null,
} as const;

describe('DEFAULT_PASSWORD_POLICY', () => {
  test('15 to 128 characters, score 3, frozen', () => {
    assert.deepEqual(DEFAULT_PASSWORD_POLICY, { minLength: 15, maxLength: 128, minScore: 3 });
    assert.ok(Object.isFrozen(DEFAULT_PASSWORD_POLICY));
  });
});

describe('validatePasswordPolicy', () => {
  test('accepts the default and the bounds', () => {
    assert.equal(validatePasswordPolicy(DEFAULT_PASSWORD_POLICY), DEFAULT_PASSWORD_POLICY);
    validatePasswordPolicy({ minLength: 8, maxLength: 64, minScore: 0 });
    validatePasswordPolicy({ minLength: 1024, maxLength: 1024, minScore: 4 });
  });

  test('a TypeError naming the option for each bad number', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ maxLength: 63 }, '"maxLength" must be an integer from 64 to 1024, got 63'],
      [{ maxLength: 1025 }, '"maxLength" must be an integer from 64 to 1024, got 1025'],
      [{ maxLength: '128' }, '"maxLength" must be an integer from 64 to 1024, got 128'],
      [{ minLength: 7 }, '"minLength" must be an integer from 8 to maxLength (128), got 7'],
      [{ minLength: 129 }, '"minLength" must be an integer from 8 to maxLength (128), got 129'],
      [{ minLength: 15.5 }, '"minLength" must be an integer from 8 to maxLength (128), got 15.5'],
      [{ minScore: 5 }, '"minScore" must be an integer from 0 to 4, got 5'],
      [{ minScore: -1 }, '"minScore" must be an integer from 0 to 4, got -1'],
      [{ minScore: undefined }, '"minScore" must be an integer from 0 to 4, got undefined'],
    ];
    for (const [change, message] of cases) {
      const policy = { ...DEFAULT_PASSWORD_POLICY, ...change } as unknown as PasswordPolicy;
      assert.throws(() => validatePasswordPolicy(policy), { name: 'TypeError', message });
      assert.throws(() => checkPassword('correct horse battery staple', ALICE, policy), {
        name: 'TypeError',
        message,
      });
    }
    assert.throws(() => validatePasswordPolicy(null as unknown as PasswordPolicy), {
      name: 'TypeError',
      message: '"policy" must be an object',
    });
  });
});

describe('checkPassword: length', () => {
  test('too short, with the minimum in the message', () => {
    assert.deepEqual(refused('dog cat owl 42'), {
      ok: false,
      rule: 'too-short',
      message: 'password is too short: at least 15 characters are required',
      score: null,
    });
    const policy = { ...DEFAULT_PASSWORD_POLICY, minLength: 20 };
    assert.equal(
      refused('sunny otter violin', ALICE, policy).message,
      'password is too short: at least 20 characters are required',
    );
  });

  test('too long, with the maximum in the message', () => {
    const long = 'correct horse battery staple '.repeat(5); // 145 characters
    assert.deepEqual(refused(long), {
      ok: false,
      rule: 'too-long',
      message: 'password is too long: at most 128 characters are allowed',
      score: null,
    });
    assert.equal(refused('x'.repeat(100_000)).rule, 'too-long');
    const policy = { ...DEFAULT_PASSWORD_POLICY, maxLength: 200 };
    assert.equal(checkPassword(long, ALICE, policy).ok, true);
  });

  test('code points of the NFKC form are counted', () => {
    // 14 decomposed é: 28 code points as typed, 14 after NFKC.
    assert.equal(refused('e\u0301'.repeat(14)).rule, 'too-short');
    // 15 emoji: 30 UTF-16 units, 15 characters.
    assert.deepEqual(checkPassword('😀🐱🌵🎻🦦🍋🚲⛵🎲🔑📚🌙🧭🪁🎈', ALICE), {
      ok: true,
      score: 4,
    });
    // Full-width letters fold to ASCII, then count one each.
    assert.equal(refused('ｄｏｇ ｃａｔ ｏｗｌ 42').rule, 'too-short');
  });
});

describe('checkPassword: context', () => {
  test('containing the username, in any case or width', () => {
    const expected = {
      ok: false,
      rule: 'contains-username',
      message: 'password must not contain the username',
      score: null,
    };
    assert.deepEqual(refused('alice in wonderland forever'), expected);
    assert.deepEqual(refused('MALICE aforethought 1984'), expected);
    assert.deepEqual(refused('ＡＬＩＣＥ in chains forever'), expected);
    assert.deepEqual(refused('alicealicealice!', { username: 'ALICE' }), expected);
  });

  test('containing the email address or its local part', () => {
    const bob = { username: 'bob.b', email: 'Alice.Smith@Example.com' };
    const expected = {
      ok: false,
      rule: 'contains-email',
      message: 'password must not contain the email address',
      score: null,
    };
    assert.deepEqual(refused('write to alice.smith@example.com', bob), expected);
    assert.deepEqual(refused('dear Alice.Smith, hello there', bob), expected);
  });

  test('a local part under 3 characters is not a context word', () => {
    const al = { username: 'bob.b', email: 'al@example.com' };
    assert.deepEqual(checkPassword('al is my good friend forever', al), { ok: true, score: 4 });
  });

  test('bad context is a TypeError', () => {
    assert.throws(() => checkPassword('correct horse battery staple', null as never), {
      name: 'TypeError',
      message: '"context" must be an object',
    });
    assert.throws(() => checkPassword('correct horse battery staple', { username: 7 } as never), {
      name: 'TypeError',
      message: '"context.username" must be a string',
    });
    assert.throws(
      () => checkPassword('correct horse battery staple', { username: 'a', email: 1 } as never),
      { name: 'TypeError', message: '"context.email" must be a string' },
    );
    assert.throws(() => checkPassword(undefined as never, ALICE), {
      name: 'TypeError',
      message: '"password" must be a string',
    });
  });
});

describe('checkPassword: blocklist', () => {
  test('common passwords padded to length, and dictionary entries', () => {
    for (const password of [
      'password123456789',
      'Password123456789',
      '123456789password',
      'iloveyou12345678',
      'P@ssw0rd!P@ssw0rd!',
      'passwordpassword',
      '1qaz2wsx3edc4rfv',
      '123456789987654321',
      'monkeymonkey1234',
    ]) {
      assert.deepEqual(refused(password), BLOCKLISTED, password);
    }
  });

  test('the service name and predictable runs', () => {
    assert.deepEqual(refused('clickup-brain-2026'), {
      ok: false,
      rule: 'blocklisted',
      message: 'password is blocklisted: it is the name of this service, or a simple variant of it',
      score: null,
    });
    for (const password of ['aaaaaaaaaaaaaaaa', 'abcdefghijklmnop', '123456789012345678']) {
      assert.deepEqual(
        refused(password),
        {
          ok: false,
          rule: 'blocklisted',
          message: 'password is blocklisted: it is a repeated or sequential run of characters',
          score: null,
        },
        password,
      );
    }
  });
});

describe('checkPassword: estimated strength', () => {
  test('too weak, with the score and zxcvbn warning', () => {
    assert.deepEqual(refused('qwertyuiopasdfghjkl'), {
      ok: false,
      rule: 'too-weak',
      message:
        'password is too weak: its estimated strength is 1 of 4 and at least 3 is required (This is similar to a commonly used password.)',
      score: 1,
    });
    assert.deepEqual(refused('september october'), {
      ok: false,
      rule: 'too-weak',
      message: 'password is too weak: its estimated strength is 0 of 4 and at least 3 is required',
      score: 0,
    });
  });

  test('minScore is configurable', () => {
    const strict = { ...DEFAULT_PASSWORD_POLICY, minScore: 4 as const };
    assert.equal(refused('Summer2024Summer', ALICE, strict).score, 3);
    assert.deepEqual(checkPassword('Summer2024Summer', ALICE), { ok: true, score: 3 });
    const lax = { ...DEFAULT_PASSWORD_POLICY, minScore: 0 as const };
    assert.deepEqual(checkPassword('september october', ALICE, lax), { ok: true, score: 0 });
  });

  test('long random passphrases are accepted, with no composition rules', () => {
    for (const password of [
      'correct horse battery staple',
      'sunny otter violin lamp',
      'the quick brown fox jumps',
      'abacus-ablaze-abide-able',
      'my cat is called Felix',
      'zq8-Tv!w#kP2%xLm9',
      'pässwörd-ünïcödé-😀 is fine',
    ]) {
      assert.deepEqual(checkPassword(password, ALICE), { ok: true, score: 4 }, password);
    }
  });
});

describe('assertPasswordAcceptable', () => {
  test('returns the score of an accepted password', () => {
    assert.equal(assertPasswordAcceptable('correct horse battery staple', ALICE), 4);
  });

  test('throws WEAK_PASSWORD with the rule in details and no password anywhere', () => {
    const password = 'password123456789';
    assert.throws(
      () => assertPasswordAcceptable(password, ALICE),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'WEAK_PASSWORD');
        assert.equal(error.message, BLOCKLISTED.message);
        assert.deepEqual(error.details, { rule: 'blocklisted' });
        assert.ok(!JSON.stringify(error.toWire()).includes(password));
        return true;
      },
    );
    assert.throws(() => assertPasswordAcceptable('short', ALICE), {
      code: 'WEAK_PASSWORD',
      message: 'password is too short: at least 15 characters are required',
      details: { rule: 'too-short' },
    });
  });
});

describe('passwordStrength', () => {
  test('score, warning and suggestions for display', () => {
    assert.deepEqual(passwordStrength('correct horse battery staple', ALICE), {
      score: 4,
      warning: null,
      suggestions: [],
    });
    assert.deepEqual(passwordStrength('password', ALICE), {
      score: 0,
      warning: 'This is a heavily used password.',
      suggestions: ['Add more words that are less common.'],
    });
  });

  test('the username and email count as guessable', () => {
    const { score, warning } = passwordStrength('alice2026', {
      username: 'alice',
      email: 'a@b.co',
    });
    assert.equal(score, 1);
    assert.equal(warning, 'There should not be any personal or page related data.');
  });

  test('bad arguments are TypeErrors', () => {
    assert.throws(() => passwordStrength(1 as never, ALICE), {
      name: 'TypeError',
      message: '"password" must be a string',
    });
    assert.throws(() => passwordStrength('x', {} as never), {
      name: 'TypeError',
      message: '"context.username" must be a string',
    });
  });
});
