import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_ALLOWLIST,
  IpAllowlist,
} from '../../../../../daemon/security/guard/ip-allowlist.js';

const notAnAddress = (text: string): string =>
  `'${text}' is not a valid IP address (expected IPv4 like 203.0.113.7 or IPv6 like 2001:db8::1)`;

function invalid(message: string): { code: string; message: string; details: { field: string } } {
  return { code: 'INVALID_INPUT', message, details: { field: 'allowlist' } };
}

describe('DEFAULT_ALLOWLIST', () => {
  test("loopback, like fail2ban's ignoreip", () => {
    assert.deepEqual(DEFAULT_ALLOWLIST, ['127.0.0.0/8', '::1/128']);
    assert.equal(Object.isFrozen(DEFAULT_ALLOWLIST), true);
    const list = new IpAllowlist(DEFAULT_ALLOWLIST);
    assert.deepEqual(list.entries(), ['127.0.0.0/8', '::1']);
    for (const ip of [
      '127.0.0.1',
      '127.255.255.254',
      '::1',
      '::ffff:127.0.0.1',
      '0:0:0:0:0:0:0:1',
    ]) {
      assert.equal(list.has(ip), true, ip);
    }
    for (const ip of ['128.0.0.1', '10.0.0.1', '::2', '::', '2001:db8::1'])
      assert.equal(list.has(ip), false, ip);
  });
});

describe('IpAllowlist', () => {
  test('single IPv4 and IPv6 addresses', () => {
    const list = new IpAllowlist(['203.0.113.7', '2001:db8::1']);
    assert.equal(list.has('203.0.113.7'), true);
    assert.equal(list.has('203.0.113.8'), false);
    assert.equal(list.has('2001:DB8:0:0:0:0:0:1'), true);
    assert.equal(list.has('2001:db8::2'), false);
  });

  test('IPv4 networks, nested and at the edges', () => {
    const list = new IpAllowlist(['10.0.0.0/8', '192.168.1.0/24', '198.51.100.128/25', '0.0.0.0']);
    assert.equal(list.has('10.255.255.255'), true);
    assert.equal(list.has('11.0.0.0'), false);
    assert.equal(list.has('192.168.1.0'), true);
    assert.equal(list.has('192.168.1.255'), true);
    assert.equal(list.has('192.168.2.1'), false);
    assert.equal(list.has('198.51.100.128'), true);
    assert.equal(list.has('198.51.100.127'), false);
    assert.equal(list.has('0.0.0.0'), true);
  });

  test('IPv6 networks', () => {
    const list = new IpAllowlist(['2001:db8::/32', 'fd00::/8']);
    assert.equal(list.has('2001:db8:ffff::1'), true);
    assert.equal(list.has('2001:db9::1'), false);
    assert.equal(list.has('fdab:cdef::1'), true);
    assert.equal(list.has('fe80::1'), false);
  });

  test('everything: 0.0.0.0/0 and ::/0 cover their own family only', () => {
    const v4 = new IpAllowlist(['0.0.0.0/0']);
    assert.equal(v4.has('8.8.8.8'), true);
    assert.equal(v4.has('::ffff:8.8.8.8'), true);
    assert.equal(v4.has('2001:db8::1'), false);
    const v6 = new IpAllowlist(['::/0']);
    assert.equal(v6.has('2001:db8::1'), true);
    assert.equal(v6.has('8.8.8.8'), false);
  });

  test('IPv4-mapped IPv6: an address and the IPv4 it carries are one, in lookups and in entries', () => {
    const fromV4 = new IpAllowlist(['192.0.2.0/24']);
    assert.equal(fromV4.has('::ffff:192.0.2.10'), true);
    assert.equal(fromV4.has('::FFFF:c000:020a'), true);
    const fromMapped = new IpAllowlist(['::ffff:192.0.2.0/120', '::ffff:198.51.100.1']);
    assert.deepEqual(fromMapped.entries(), ['192.0.2.0/24', '198.51.100.1']);
    assert.equal(fromMapped.has('192.0.2.77'), true);
    assert.equal(fromMapped.has('198.51.100.1'), true);
    assert.equal(fromMapped.has('::ffff:198.51.100.1'), true);
  });

  test('entries in canonical form, in the given order, without repeats', () => {
    const list = new IpAllowlist([
      ' 10.0.0.0/8 ',
      '2001:0DB8::0001',
      '10.0.0.0/8',
      '::ffff:10.0.0.0/104',
      '203.0.113.7/32',
    ]);
    assert.deepEqual(list.entries(), ['10.0.0.0/8', '2001:db8::1', '203.0.113.7']);
    assert.equal(list.size, 3);
    list.entries().push('1.2.3.4');
    assert.equal(list.size, 3);
  });

  test('an empty list allows nothing', () => {
    const list = new IpAllowlist([]);
    assert.equal(list.has('127.0.0.1'), false);
    assert.deepEqual(list.entries(), []);
  });

  test('many entries, every one found and its neighbours not', () => {
    const entries: string[] = [];
    for (let i = 0; i < 2000; i++)
      entries.push(`10.${i >> 8}.${i & 0xff}.1`, `2001:db8:${i.toString(16)}::/48`);
    const list = new IpAllowlist(entries);
    assert.equal(list.size, 4000);
    for (let i = 0; i < 2000; i += 97) {
      assert.equal(list.has(`10.${i >> 8}.${i & 0xff}.1`), true);
      assert.equal(list.has(`10.${i >> 8}.${i & 0xff}.2`), false);
      assert.equal(list.has(`2001:db8:${i.toString(16)}:ffff::9`), true);
    }
    assert.equal(list.has('2001:db8:ffff::1'), false);
  });

  test('a lookup of something that is not an address is false', () => {
    const list = new IpAllowlist(['0.0.0.0/0', '::/0']);
    for (const text of ['', 'localhost', '127.1', 'fe80::1%eth0', '10.0.0.0/8', 'unknown']) {
      assert.equal(list.has(text), false, text);
    }
  });

  test('bad entries are refused with the reason', () => {
    const cases: Array<[string, string]> = [
      ['300.1.1.1', notAnAddress('300.1.1.1')],
      ['localhost', notAnAddress('localhost')],
      ['127.1', notAnAddress('127.1')],
      ['', notAnAddress('')],
      ['10.0.0.1/8', "'10.0.0.1/8' has host bits set; did you mean 10.0.0.0/8?"],
      ['10.0.0.0/33', "'10.0.0.0/33' has prefix length 33, but IPv4 allows at most 32"],
      ['2001:db8::/129', "'2001:db8::/129' has prefix length 129, but IPv6 allows at most 128"],
      ['10.0.0.0/x', "'10.0.0.0/x' has an invalid prefix length 'x'"],
      [
        '::ffff:10.0.0.0/8',
        "'::ffff:10.0.0.0/8': an IPv4-mapped network needs a prefix of at least 96",
      ],
      ['fe80::1%eth0', "'fe80::1%eth0' has an IPv6 zone index, which a blacklist cannot use"],
    ];
    for (const [entry, message] of cases) {
      assert.throws(() => new IpAllowlist(['127.0.0.1', entry]), invalid(message), entry);
    }
  });

  test('wrong use is a TypeError', () => {
    assert.throws(() => new IpAllowlist('127.0.0.1' as unknown as string[]), {
      name: 'TypeError',
      message: '"entries" must be an array of strings',
    });
    assert.throws(() => new IpAllowlist(['127.0.0.1', 1 as unknown as string]), {
      name: 'TypeError',
      message: '"entries" must be an array of strings',
    });
    assert.throws(() => new IpAllowlist([]).has(undefined as unknown as string), {
      name: 'TypeError',
      message: '"ip" must be a string',
    });
  });
});
