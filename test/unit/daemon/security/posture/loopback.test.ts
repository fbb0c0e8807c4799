import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isLoopbackHost } from '../../../../../daemon/security/posture/loopback.js';

describe('isLoopbackHost', () => {
  test('loopback names and addresses', () => {
    for (const host of [
      'localhost',
      'LOCALHOST',
      'localhost.',
      '127.0.0.1',
      '127.8.9.10',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
    ]) {
      assert.equal(isLoopbackHost(host), true, host);
    }
  });

  test('every interface, private and public addresses, other names and nonsense are not', () => {
    for (const host of [
      '0.0.0.0',
      '::',
      '',
      '10.0.0.1',
      '192.168.1.2',
      '203.0.113.7',
      '2001:db8::1',
      '::ffff:10.0.0.1',
      'fe80::1%eth0',
      'example.com',
      'foo.localhost',
      'localhost6',
      'not an address',
    ]) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
});
