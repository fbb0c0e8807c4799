import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { networkKey, parseIp, parseTarget } from '../../../../daemon/security/ip.js';

const notAnAddress = (text: string): string =>
  `'${text}' is not a valid IP address (expected IPv4 like 203.0.113.7 or IPv6 like 2001:db8::1)`;

describe('parseIp', () => {
  test('IPv4', () => {
    assert.deepEqual(parseIp('203.0.113.7'), {
      canonical: '203.0.113.7',
      family: 4,
      prefixLength: 32,
      bytes: [203, 0, 113, 7],
    });
    assert.deepEqual(parseIp('  10.0.0.1\n'), {
      canonical: '10.0.0.1',
      family: 4,
      prefixLength: 32,
      bytes: [10, 0, 0, 1],
    });
  });

  test('IPv6 in canonical RFC 5952 form: lower case, longest zero run compressed, leading zeros dropped', () => {
    const cases: Array<[string, string]> = [
      ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
      ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
      ['2001:db8:0:0:1:0:0:0', '2001:db8:0:0:1::'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['0:0:0:0:0:0:0:0', '::'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['FE80::0001', 'fe80::1'],
    ];
    for (const [text, canonical] of cases) {
      const parsed = parseIp(text);
      assert.equal(parsed.canonical, canonical, text);
      assert.equal(parsed.family, 6);
      assert.equal(parsed.prefixLength, 128);
      assert.equal(parsed.bytes.length, 16);
    }
    assert.deepEqual(
      parseIp('2001:db8::1').bytes,
      [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    );
  });

  test('an IPv4-mapped IPv6 address is the IPv4 address', () => {
    for (const text of ['::ffff:203.0.113.7', '::FFFF:cb00:7107', '0:0:0:0:0:ffff:203.0.113.7']) {
      assert.deepEqual(
        parseIp(text),
        { canonical: '203.0.113.7', family: 4, prefixLength: 32, bytes: [203, 0, 113, 7] },
        text,
      );
    }
  });

  test(
    'two spellings of one IPv6 address have one canonical form (::1.2.3.4 is ::102:304, IPv4-compatible, not IPv4-mapped)',
    () => {
      assert.equal(parseIp('::1.2.3.4').canonical, parseIp('::102:304').canonical);
    },
  );

  test('IPv4 must be four-part decimal', () => {
    for (const text of [
      '127.1',
      '0x7f.0.0.1',
      '2130706433',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '999.1.1.1',
      '010.0.0.1',
      '1.2.3.004',
    ]) {
      assert.throws(
        () => parseIp(text),
        { code: 'INVALID_INPUT', message: notAnAddress(text) },
        text,
      );
    }
  });

  test('a zone index is refused', () => {
    assert.throws(() => parseIp('fe80::1%eth0'), {
      code: 'INVALID_INPUT',
      message: "'fe80::1%eth0' has an IPv6 zone index, which a blacklist cannot use",
    });
  });

  test('garbage is refused, naming the field', () => {
    for (const text of [
      'garbage',
      '',
      '1.2.3.4:80',
      '[::1]',
      '2001:db8::1::2',
      '10.0.0.0/8',
      'gggg::1',
    ]) {
      assert.throws(
        () => parseIp(text),
        (error: unknown) => {
          assert.equal((error as { code: string }).code, 'INVALID_INPUT');
          assert.equal((error as Error).message, notAnAddress(text.trim()));
          assert.deepEqual((error as { details: unknown }).details, { field: 'ip' });
          return true;
        },
      );
    }
    assert.throws(
      () => parseIp('nope', 'target'),
      (error: unknown) => {
        assert.deepEqual((error as { details: unknown }).details, { field: 'target' });
        return true;
      },
    );
  });
});

describe('parseTarget', () => {
  test('a single address is a host entry', () => {
    assert.deepEqual(parseTarget('203.0.113.7'), {
      canonical: '203.0.113.7',
      family: 4,
      prefixLength: 32,
      bytes: [203, 0, 113, 7],
    });
  });

  test('CIDR networks in canonical form', () => {
    assert.deepEqual(parseTarget('10.0.0.0/8'), {
      canonical: '10.0.0.0/8',
      family: 4,
      prefixLength: 8,
      bytes: [10, 0, 0, 0],
    });
    assert.deepEqual(parseTarget('0.0.0.0/0'), {
      canonical: '0.0.0.0/0',
      family: 4,
      prefixLength: 0,
      bytes: [0, 0, 0, 0],
    });
    assert.equal(parseTarget('2001:0DB8:0000::/32').canonical, '2001:db8::/32');
    assert.equal(parseTarget('2001:db8:0:0:1::/80').canonical, '2001:db8:0:0:1::/80');
    assert.equal(parseTarget('::/0').canonical, '::/0');
    assert.equal(parseTarget(' 192.168.0.0/16 ').canonical, '192.168.0.0/16');
  });

  test('/32 and /128 collapse to the address', () => {
    assert.deepEqual(parseTarget('1.2.3.4/32'), parseTarget('1.2.3.4'));
    assert.deepEqual(parseTarget('2001:db8::1/128'), {
      canonical: '2001:db8::1',
      family: 6,
      prefixLength: 128,
      bytes: parseIp('2001:db8::1').bytes,
    });
  });

  test('an IPv4-mapped network becomes the IPv4 network', () => {
    assert.deepEqual(parseTarget('::ffff:10.0.0.0/104'), {
      canonical: '10.0.0.0/8',
      family: 4,
      prefixLength: 8,
      bytes: [10, 0, 0, 0],
    });
    assert.equal(parseTarget('::ffff:1.2.3.4/128').canonical, '1.2.3.4');
    assert.throws(() => parseTarget('::ffff:10.0.0.0/64'), {
      code: 'INVALID_INPUT',
      message: "'::ffff:10.0.0.0/64': an IPv4-mapped network needs a prefix of at least 96",
    });
  });

  test('host bits set are refused with the network it probably meant', () => {
    assert.throws(() => parseTarget('10.0.0.1/8'), {
      code: 'INVALID_INPUT',
      message: "'10.0.0.1/8' has host bits set; did you mean 10.0.0.0/8?",
    });
    assert.throws(() => parseTarget('192.168.1.130/25'), {
      code: 'INVALID_INPUT',
      message: "'192.168.1.130/25' has host bits set; did you mean 192.168.1.128/25?",
    });
    assert.throws(() => parseTarget('2001:db8::1/32'), {
      code: 'INVALID_INPUT',
      message: "'2001:db8::1/32' has host bits set; did you mean 2001:db8::/32?",
    });
    assert.throws(() => parseTarget('::ffff:10.0.0.1/104'), {
      code: 'INVALID_INPUT',
      message: "'::ffff:10.0.0.1/104' has host bits set; did you mean 10.0.0.0/8?",
    });
  });

  test('a prefix too long for the family is refused', () => {
    assert.throws(() => parseTarget('1.2.3.4/33'), {
      code: 'INVALID_INPUT',
      message: "'1.2.3.4/33' has prefix length 33, but IPv4 allows at most 32",
    });
    assert.throws(() => parseTarget('::/129'), {
      code: 'INVALID_INPUT',
      message: "'::/129' has prefix length 129, but IPv6 allows at most 128",
    });
  });

  test('a prefix that is not a small decimal number is refused', () => {
    for (const [text, prefix] of [
      ['10.0.0.0/x', 'x'],
      ['10.0.0.0/', ''],
      ['10.0.0.0/-1', '-1'],
      ['10.0.0.0/8.0', '8.0'],
      ['10.0.0.0/1000', '1000'],
      ['10.0.0.0/8/8', '8/8'],
    ]) {
      assert.throws(
        () => parseTarget(text as string),
        { code: 'INVALID_INPUT', message: `'${text}' has an invalid prefix length '${prefix}'` },
        text,
      );
    }
  });

  test('a bad address part is refused with the address text and field target', () => {
    assert.throws(
      () => parseTarget('127.1/8'),
      (error: unknown) => {
        assert.equal((error as Error).message, notAnAddress('127.1'));
        assert.deepEqual((error as { details: unknown }).details, { field: 'target' });
        return true;
      },
    );
    assert.throws(() => parseTarget('fe80::%eth0/64'), {
      message: "'fe80::%eth0' has an IPv6 zone index, which a blacklist cannot use",
    });
  });
});

describe('networkKey', () => {
  test('masks the bytes to the prefix', () => {
    assert.equal(networkKey(4, [10, 1, 2, 3], 8), '4/8/10.0.0.0');
    assert.equal(networkKey(4, [192, 168, 1, 200], 25), '4/25/192.168.1.128');
    assert.equal(networkKey(4, [1, 2, 3, 4], 32), '4/32/1.2.3.4');
    assert.equal(networkKey(4, [1, 2, 3, 4], 0), '4/0/0.0.0.0');
  });

  test('an address and its network share the key at the network’s prefix', () => {
    const network = parseTarget('2001:db8::/32');
    const address = parseIp('2001:db8:1234::5');
    assert.equal(networkKey(6, address.bytes, 32), networkKey(6, network.bytes, 32));
    assert.notEqual(networkKey(6, address.bytes, 48), networkKey(6, network.bytes, 48));
  });
});
