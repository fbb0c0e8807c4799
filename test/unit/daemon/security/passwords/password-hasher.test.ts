import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidInputError } from '../../../../../src/protocol/errors.js';
import { bcryptCost } from '../../../../../daemon/security/passwords/bcrypt-format.js';
import { PasswordHasher } from '../../../../../daemon/security/passwords/password-hasher.js';

/**
 * Made with Apache's `htpasswd -nbB -C <cost> <user> <password>` (Apache 2.4, Debian 12), which
 * writes `$2y$` (crypt_blowfish) hashes.
 */
const HTPASSWD = {
  /** -C 4 alice 'correct horse battery staple' */
  alice: '$2y$04$OqdFPtEltCl4Z2PqLxanHOz9V8fA8Een8EghjyuoN.Fz62nhl7xky',
  /** -C 10 bob 'Tr0ub4dor&3' */
  bob: '$2y$10$LMxIWr1MYRodV7aJeMIoTO/jIPXN9HiKXYOGhpgYa7V/.x6GX4t3W',
  /** -C 4 carol 'x' * 72 + 'y' (73 bytes: htpasswd hashed the first 72) */
  carol: '$2y$04$wSEjvQgM7P.MP2jQ7D783Oai3uUDF99Hb3VzIPksl6n9ivHrnsMuy',
  /** -C 4 dave 'pässwörd-ünïcödé-😀' (precomposed, as typed) */
  dave: '$2y$04$QOGlyV18oprv7nUf1YJrWeYsFMHB3IJ4FAYkN/vL0PiTWZwqr9UlW',
  /** -C 4 eve 'x' * 72 */
  eve: '$2y$04$L2Si91Yrt5zAmw61T1wcr.A.iBOZprh9o0.Fn.ham93hsxguYVRCe',
  /** -C 4 fay $'cafe\u0301 au lait' (decomposed é: not in NFKC form) */
  fay: '$2y$04$YimVgTGtNLS5UDVSYYPZR.mzV86c6Bw1eK6AWTTjR4DRcW/S9nJE.',
};
/** jBCrypt's TestBCrypt.java vector for "abcdefghijklmnopqrstuvwxyz" (`$2a$`). */
const JBCRYPT_2A = '$2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC';

/** Cost 4 through `minCost` keeps the suite fast; production never lowers it. */
function makeHasher(initialCost = 4): { hasher: PasswordHasher; setCost(cost: number): void } {
  let cost = initialCost;
  const hasher = new PasswordHasher({ cost: () => cost, minCost: 4 });
  return { hasher, setCost: (next) => (cost = next) };
}

const invalid = (message: string) => (error: unknown) => {
  assert.ok(error instanceof InvalidInputError, `expected InvalidInputError, got ${String(error)}`);
  assert.equal(error.code, 'INVALID_INPUT');
  assert.equal(error.message, message);
  assert.deepEqual(error.details, { field: 'password' });
  return true;
};

describe('PasswordHasher options', () => {
  test('"cost" must be a function', () => {
    assert.throws(() => new PasswordHasher({ cost: 12 as unknown as () => number }), {
      name: 'TypeError',
      message: '"cost" option must be a function returning the bcrypt cost',
    });
    assert.throws(() => new PasswordHasher(null as unknown as { cost: () => number }), {
      name: 'TypeError',
      message: '"options" must be an object',
    });
  });

  test('"minCost" must be an integer from 4 to 31', () => {
    for (const minCost of [3, 32, 4.5, Number.NaN, '4' as unknown as number]) {
      assert.throws(() => new PasswordHasher({ cost: () => 12, minCost }), {
        name: 'TypeError',
        message: '"minCost" option must be an integer from 4 to 31',
      });
    }
  });

  test('without minCost, a cost under 10 is refused at construction', () => {
    assert.throws(() => new PasswordHasher({ cost: () => 9 }), {
      name: 'TypeError',
      message: '"cost" option must return an integer from 10 to 31, got 9',
    });
    assert.equal(new PasswordHasher({ cost: () => 10 }).currentCost(), 10);
  });

  test('a cost that becomes unusable later is refused when used', async () => {
    const { hasher, setCost } = makeHasher();
    setCost(32);
    await assert.rejects(hasher.hash('a long enough password'), {
      name: 'TypeError',
      message: '"cost" option must return an integer from 4 to 31, got 32',
    });
    setCost(Number.NaN);
    assert.throws(() => hasher.needsRehash(HTPASSWD.alice), {
      name: 'TypeError',
      message: '"cost" option must return an integer from 4 to 31, got NaN',
    });
  });
});

describe('PasswordHasher.hash and verify', () => {
  test('a short password is stored as a plain $2b$ string at the current cost', async () => {
    const { hasher } = makeHasher();
    const stored = await hasher.hash('correct horse battery staple');
    assert.match(stored, /^\$2b\$04\$[./A-Za-z0-9]{53}$/);
    assert.equal(await hasher.verify('correct horse battery staple', stored), true);
    assert.equal(await hasher.verify('correct horse battery stapl', stored), false);
    assert.equal(await hasher.verify('Correct horse battery staple', stored), false);
  });

  test('each hash has its own salt', async () => {
    const { hasher } = makeHasher();
    assert.notEqual(await hasher.hash('same password'), await hasher.hash('same password'));
  });

  test('at the production minimum cost (10)', async () => {
    const hasher = new PasswordHasher({ cost: () => 10 });
    const stored = await hasher.hash('Tr0ub4dor&3');
    assert.equal(bcryptCost(stored), 10);
    assert.equal(await hasher.verify('Tr0ub4dor&3', stored), true);
    assert.equal(await hasher.verify('Tr0ub4dor&3', HTPASSWD.bob), true);
  });

  test('refuses empty passwords, NUL characters and huge inputs; a non-string is a TypeError', async () => {
    const { hasher } = makeHasher();
    await assert.rejects(hasher.hash(''), invalid('password must not be empty'));
    await assert.rejects(
      hasher.hash('ab\0ab'),
      invalid('password must not contain the NUL character'),
    );
    await assert.rejects(
      hasher.hash('x'.repeat(4097)),
      invalid('password is too long: at most 4096 characters are accepted'),
    );
    await assert.rejects(hasher.hash(42 as unknown as string), {
      name: 'TypeError',
      message: '"password" must be a string',
    });
  });

  test('verify resolves false for passwords that cannot match, TypeError for non-strings', async () => {
    const { hasher } = makeHasher();
    const stored = await hasher.hash('ab');
    // Raw bcrypt would accept this one: "ab\0ab" repeats to the same key as "ab".
    assert.equal(await hasher.verify('ab\0ab', stored), false);
    assert.equal(await hasher.verify('', stored), false);
    assert.equal(await hasher.verify('x'.repeat(4097), stored), false);
    await assert.rejects(hasher.verify(null as unknown as string, stored), {
      name: 'TypeError',
      message: '"password" must be a string',
    });
    await assert.rejects(hasher.verify('ab', undefined as unknown as string), {
      name: 'TypeError',
      message: '"stored" must be a string',
    });
  });

  test('verify resolves false for a stored value that is no hash we know', async () => {
    const { hasher } = makeHasher();
    for (const stored of [
      '',
      'ab',
      '$apr1$Dxi4s53R$cC5M6yEgbddwa/W87pGXl0',
      HTPASSWD.alice.replace('$2y$', '$2x$'),
    ]) {
      assert.equal(await hasher.verify('correct horse battery staple', stored), false, stored);
    }
  });
});

describe('the 72-byte limit', () => {
  const base = 'x'.repeat(72);

  test('73-byte passwords differing only after byte 72 do not verify against each other', async () => {
    const { hasher } = makeHasher();
    const stored = await hasher.hash(`${base}a`);
    assert.match(stored, /^cbph1\$\$2b\$04\$[./A-Za-z0-9]{53}$/);
    assert.equal(await hasher.verify(`${base}a`, stored), true);
    assert.equal(await hasher.verify(`${base}b`, stored), false);
    assert.equal(await hasher.verify(base, stored), false);
  });

  test('a password of exactly 72 bytes is plain; a longer one never verifies against it', async () => {
    const { hasher } = makeHasher();
    const stored = await hasher.hash(base);
    assert.match(stored, /^\$2b\$04\$/);
    assert.equal(await hasher.verify(base, stored), true);
    assert.equal(await hasher.verify(`${base}y`, stored), false);
  });

  test('multi-byte characters: bytes are counted, and a split character does not collide', async () => {
    const { hasher } = makeHasher();
    // 71 + 2 bytes: raw bcrypt would keep 'x' * 71 plus the first byte of é (0xC3), the same as
    // for è; pre-hashing keeps them apart.
    const stored = await hasher.hash(`${'x'.repeat(71)}é`);
    assert.match(stored, /^cbph1\$/);
    assert.equal(await hasher.verify(`${'x'.repeat(71)}é`, stored), true);
    assert.equal(await hasher.verify(`${'x'.repeat(71)}è`, stored), false);

    const emoji = '😀'.repeat(19); // 76 bytes, 19 characters
    const storedEmoji = await hasher.hash(emoji);
    assert.match(storedEmoji, /^cbph1\$/);
    assert.equal(await hasher.verify(emoji, storedEmoji), true);
    assert.equal(await hasher.verify(`${'😀'.repeat(18)}😁`, storedEmoji), false);

    const accents = 'é'.repeat(36); // exactly 72 bytes
    const storedAccents = await hasher.hash(accents);
    assert.match(storedAccents, /^\$2b\$/);
    assert.equal(await hasher.verify(accents, storedAccents), true);
  });

  test('an htpasswd hash of a 73-byte password (truncated by htpasswd) does not verify it', async () => {
    const { hasher } = makeHasher();
    assert.equal(await hasher.verify(`${base}y`, HTPASSWD.carol), false);
    assert.equal(await hasher.verify(base, HTPASSWD.carol), true); // what htpasswd really hashed
    assert.equal(await hasher.verify(base, HTPASSWD.eve), true);
  });
});

describe('hashes from other tools', () => {
  test('$2y$ from htpasswd -B and $2a$ from jBCrypt verify', async () => {
    const { hasher } = makeHasher();
    assert.equal(await hasher.verify('correct horse battery staple', HTPASSWD.alice), true);
    assert.equal(await hasher.verify('correct horse battery stapler', HTPASSWD.alice), false);
    assert.equal(await hasher.verify('pässwörd-ünïcödé-😀', HTPASSWD.dave), true);
    assert.equal(await hasher.verify('abcdefghijklmnopqrstuvwxyz', JBCRYPT_2A), true);
    assert.equal(await hasher.verify('abcdefghijklmnopqrstuvwxyZ', JBCRYPT_2A), false);
  });

  test('a hash of a password that is not in NFKC form verifies, in either form', async () => {
    const { hasher } = makeHasher();
    assert.equal(await hasher.verify('cafe\u0301 au lait', HTPASSWD.fay), true);
    assert.equal(await hasher.verify('caf\u00e9 au lait', HTPASSWD.fay), false);
  });
});

describe('NFKC normalisation of our own hashes', () => {
  test('composed and decomposed, full-width and ASCII forms give the same password', async () => {
    const { hasher } = makeHasher();
    const stored = await hasher.hash('cafe\u0301 ｆｕｌｌ');
    assert.equal(await hasher.verify('caf\u00e9 full', stored), true);
    assert.equal(await hasher.verify('cafe\u0301 ｆｕｌｌ', stored), true);
    assert.equal(await hasher.verify('cafe full', stored), false);
  });
});

describe('PasswordHasher.needsRehash', () => {
  test('false for our form at the current cost, true when the cost changes', async () => {
    const { hasher, setCost } = makeHasher(4);
    const plain = await hasher.hash('correct horse battery staple');
    const prehashed = await hasher.hash('y'.repeat(80));
    assert.equal(hasher.needsRehash(plain), false);
    assert.equal(hasher.needsRehash(prehashed), false);
    setCost(5);
    assert.equal(hasher.needsRehash(plain), true);
    assert.equal(hasher.needsRehash(prehashed), true);
    const rehashed = await hasher.hash('correct horse battery staple');
    assert.equal(bcryptCost(rehashed), 5);
    assert.equal(hasher.needsRehash(rehashed), false);
  });

  test('true for forms we do not write ($2a$, $2y$) and for values that are no hash', () => {
    const { hasher } = makeHasher(4);
    assert.equal(hasher.needsRehash(HTPASSWD.alice), true); // $2y$, cost 4
    assert.equal(hasher.needsRehash(HTPASSWD.alice.replace('$2y$', '$2a$')), true);
    assert.equal(hasher.needsRehash(HTPASSWD.alice.replace('$2y$', '$2b$')), false);
    assert.equal(hasher.needsRehash(''), true);
    assert.equal(hasher.needsRehash('secret'), true);
  });
});

describe('PasswordHasher.verifyDummy', () => {
  test('always resolves false, whatever the password', async () => {
    const { hasher, setCost } = makeHasher();
    await hasher.prepare();
    for (const password of [
      'correct horse battery staple',
      'x'.repeat(100),
      'cafe\u0301',
      '',
      'a\0b',
    ]) {
      assert.equal(await hasher.verifyDummy(password), false);
    }
    setCost(5); // a new dummy at the new cost
    assert.equal(await hasher.verifyDummy('correct horse battery staple'), false);
    await assert.rejects(hasher.verifyDummy(7 as unknown as string), {
      name: 'TypeError',
      message: '"password" must be a string',
    });
  });

  test('concurrent first calls share one dummy hash', async () => {
    const { hasher } = makeHasher();
    const results = await Promise.all([1, 2, 3].map(() => hasher.verifyDummy('some password')));
    assert.deepEqual(results, [false, false, false]);
  });
});
