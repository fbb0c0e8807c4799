import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseHtpasswd } from '../../../../../daemon/security/passwords/htpasswd.js';

/**
 * Lines made with Apache's htpasswd 2.4 (Debian 12): `-nbB -C 4` (bcrypt), `-nbm` (MD5), `-nbs`
 * (SHA-1), `-nbd` (crypt), `-nbp` (plain), `-nb -2` (SHA-256), `-nb -5` (SHA-512).
 */
const LINES = {
  bcrypt: 'alice:$2y$04$OqdFPtEltCl4Z2PqLxanHOz9V8fA8Een8EghjyuoN.Fz62nhl7xky',
  apr1: 'frank:$apr1$Dxi4s53R$cC5M6yEgbddwa/W87pGXl0',
  sha1: 'gina:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=',
  crypt: 'hank:RFhNxHMOjnEfA',
  plain: 'ivan:secret',
  sha256: 'jane:$5$98fbk8S3kFqcWEpg$rAaWmVeZpPVrbwD9BfYKK2PK8lG3Zr3svyuCJxjqBb3',
  sha512:
    'kate:$6$DmkoSsUC/0kHUQMY$AHwMIWvMND5bSCBKUFeJuBgDNRN/mkk.ALq2g/PMOoi0MSRsaIWbvmdA4vvuYEPremIB/rhKSwCqqaNBPYTWC/',
};
const BCRYPT_2B = '$2b$04$lofyYYy68TrjW05LGdx6FuKxzWGs4BwPkR9uKuovoQhA5H29OYj0u';
const BCRYPT_2A = '$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i';

describe('parseHtpasswd', () => {
  test('imports $2y$, $2b$ and $2a$ lines with their line numbers', () => {
    const text = [LINES.bcrypt, `bob:${BCRYPT_2B}`, `carol:${BCRYPT_2A}`, ''].join('\n');
    assert.deepEqual(parseHtpasswd(text), {
      entries: [
        { line: 1, username: 'alice', hash: LINES.bcrypt.slice('alice:'.length) },
        { line: 2, username: 'bob', hash: BCRYPT_2B },
        { line: 3, username: 'carol', hash: BCRYPT_2A },
      ],
      skipped: [],
    });
  });

  test('reports and skips every other kind, never echoing the hash', () => {
    const text = [
      LINES.apr1,
      LINES.sha1,
      LINES.crypt,
      LINES.plain,
      LINES.sha256,
      LINES.sha512,
      'mona:$1$saltsalt$qjXMvbEw8oaL.CzflDugX/',
      'nina:$2x$04$OqdFPtEltCl4Z2PqLxanHOz9V8fA8Een8EghjyuoN.Fz62nhl7xky',
    ].join('\n');
    const { entries, skipped } = parseHtpasswd(text);
    assert.deepEqual(entries, []);
    assert.deepEqual(skipped, [
      {
        line: 1,
        username: 'frank',
        kind: 'apr1-md5',
        message: 'Apache MD5 ($apr1$) hash: only bcrypt hashes can be imported',
      },
      {
        line: 2,
        username: 'gina',
        kind: 'sha1',
        message: 'SHA-1 ({SHA}) hash: only bcrypt hashes can be imported',
      },
      {
        line: 3,
        username: 'hank',
        kind: 'crypt',
        message: 'DES crypt hash: only bcrypt hashes can be imported',
      },
      {
        line: 4,
        username: 'ivan',
        kind: 'plain',
        message: 'plain-text password: only bcrypt hashes can be imported',
      },
      {
        line: 5,
        username: 'jane',
        kind: 'sha256-crypt',
        message: 'SHA-256 crypt ($5$) hash: only bcrypt hashes can be imported',
      },
      {
        line: 6,
        username: 'kate',
        kind: 'sha512-crypt',
        message: 'SHA-512 crypt ($6$) hash: only bcrypt hashes can be imported',
      },
      {
        line: 7,
        username: 'mona',
        kind: 'crypt',
        message: 'crypt(3) hash of an unsupported kind: only bcrypt hashes can be imported',
      },
      {
        line: 8,
        username: 'nina',
        kind: 'crypt',
        message: 'crypt(3) hash of an unsupported kind: only bcrypt hashes can be imported',
      },
    ]);
    assert.ok(!JSON.stringify(skipped).includes('secret'));
  });

  test('malformed lines', () => {
    const text = [
      'no colon here',
      ':$2y$04$OqdFPtEltCl4Z2PqLxanHOz9V8fA8Een8EghjyuoN.Fz62nhl7xky',
      'olga:',
      'paul:$2y$04$tooshort',
      'quinn:$2y$03$OqdFPtEltCl4Z2PqLxanHOz9V8fA8Een8EghjyuoN.Fz62nhl7xky',
      'rita:realm:5f4dcc3b5aa765d61d8327deb882cf99',
    ].join('\n');
    assert.deepEqual(parseHtpasswd(text).skipped, [
      { line: 1, username: null, kind: 'malformed', message: "line is not 'username:hash'" },
      { line: 2, username: null, kind: 'malformed', message: 'username is empty' },
      { line: 3, username: 'olga', kind: 'malformed', message: 'hash is empty' },
      { line: 4, username: 'paul', kind: 'malformed', message: 'bcrypt hash is malformed' },
      { line: 5, username: 'quinn', kind: 'malformed', message: 'bcrypt hash is malformed' },
      {
        line: 6,
        username: 'rita',
        kind: 'malformed',
        message: "more than one ':' on the line (an htdigest file?)",
      },
    ]);
  });

  test('duplicates: the first line wins, even when it was skipped; names compare case-insensitively', () => {
    const text = [
      LINES.bcrypt,
      `alice:${BCRYPT_2B}`,
      LINES.apr1,
      `frank:${BCRYPT_2B}`,
      `ALICE:${BCRYPT_2A}`,
    ].join('\n');
    const { entries, skipped } = parseHtpasswd(text);
    assert.deepEqual(
      entries.map((e) => [e.line, e.username]),
      [[1, 'alice']],
    );
    assert.deepEqual(skipped, [
      {
        line: 2,
        username: 'alice',
        kind: 'duplicate',
        message: 'user is already on line 1; this line is ignored',
      },
      {
        line: 3,
        username: 'frank',
        kind: 'apr1-md5',
        message: 'Apache MD5 ($apr1$) hash: only bcrypt hashes can be imported',
      },
      {
        line: 4,
        username: 'frank',
        kind: 'duplicate',
        message: 'user is already on line 3; this line is ignored',
      },
      {
        line: 5,
        username: 'ALICE',
        kind: 'duplicate',
        message: 'user is already on line 1; this line is ignored',
      },
    ]);
  });

  test('blank lines, comments, surrounding whitespace, CRLF and a BOM', () => {
    const text = `\uFEFF# users for the dashboard\r\n\r\n   \r\n  ${LINES.bcrypt}  \r\n\t# ${LINES.plain}\r\nbob:${BCRYPT_2B}\r\n`;
    assert.deepEqual(parseHtpasswd(text), {
      entries: [
        { line: 4, username: 'alice', hash: LINES.bcrypt.slice('alice:'.length) },
        { line: 6, username: 'bob', hash: BCRYPT_2B },
      ],
      skipped: [],
    });
  });

  test('an empty file, and a file without a final newline', () => {
    assert.deepEqual(parseHtpasswd(''), { entries: [], skipped: [] });
    assert.equal(parseHtpasswd(LINES.bcrypt).entries.length, 1);
  });

  test('text that is not a string is a TypeError', () => {
    assert.throws(() => parseHtpasswd(Buffer.from('x') as unknown as string), {
      name: 'TypeError',
      message: '"text" must be a string',
    });
  });
});
