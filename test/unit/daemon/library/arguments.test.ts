import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  algorithmArg,
  bytesArg,
  ipArg,
  keyVersionArg,
  optionalStringArg,
  optionsArg,
  requestArg,
  resourceArg,
  rolesArg,
  stringArg,
  userArg,
} from '../../../../daemon/library/arguments.js';

describe('argument checks', () => {
  test('stringArg and optionalStringArg', () => {
    assert.equal(stringArg('', 'name'), '');
    assert.throws(() => stringArg(1, 'name'), new TypeError('"name" must be a string'));
    assert.equal(optionalStringArg(undefined, 'aad'), undefined);
    assert.equal(optionalStringArg('x', 'aad'), 'x');
    assert.throws(() => optionalStringArg(null, 'aad'), new TypeError('"aad" must be a string'));
  });

  test('bytesArg takes a string or a Buffer', () => {
    const buffer = Buffer.from('x');
    assert.equal(bytesArg(buffer, 'data'), buffer);
    assert.equal(bytesArg('x', 'data'), 'x');
    for (const value of [1, new Uint8Array(1), null, ['x']]) {
      assert.throws(
        () => bytesArg(value, 'data'),
        new TypeError('"data" must be a string or a Buffer'),
      );
    }
  });

  test('ipArg: absent is null; an address comes back canonical', () => {
    assert.equal(ipArg(undefined), null);
    assert.equal(ipArg(null), null);
    assert.equal(ipArg(' ::ffff:192.0.2.1 '), '192.0.2.1');
    assert.equal(ipArg('2001:DB8:0:0::1'), '2001:db8::1');
    assert.throws(() => ipArg(1), new TypeError('"ip" must be a string or null'));
    assert.throws(() => ipArg('example.com', 'meta.ip'), {
      code: 'INVALID_INPUT',
      message:
        "'example.com' is not a valid IP address (expected IPv4 like 203.0.113.7 or IPv6 like 2001:db8::1)",
      details: { field: 'meta.ip' },
    });
  });

  test('requestArg', () => {
    assert.deepEqual(requestArg(undefined), { ip: null, userAgent: null });
    assert.deepEqual(requestArg({ ip: '192.0.2.1', userAgent: 'x/1' }), {
      ip: '192.0.2.1',
      userAgent: 'x/1',
    });
    assert.deepEqual(requestArg({ userAgent: null }), { ip: null, userAgent: null });
    for (const value of [null, 'ip', []]) {
      assert.throws(
        () => requestArg(value),
        new TypeError('"meta" must be an object like { ip, userAgent }'),
      );
    }
    assert.throws(
      () => requestArg({ userAgent: 5 }),
      new TypeError('"meta.userAgent" must be a string or null'),
    );
  });

  test('rolesArg copies an array of strings', () => {
    const roles = ['admin'];
    const copy = rolesArg(roles);
    assert.deepEqual(copy, ['admin']);
    assert.notEqual(copy, roles);
    assert.deepEqual(rolesArg([]), []);
    for (const value of ['admin', [1], undefined, { 0: 'admin' }]) {
      assert.throws(() => rolesArg(value), new TypeError('"roles" must be an array of role names'));
    }
  });

  test('userArg takes a name or anything with a string username', () => {
    assert.equal(userArg('ada'), 'ada');
    assert.equal(userArg({ username: 'ada', roles: [] }), 'ada');
    for (const value of [1, null, { username: 1 }, ['ada']]) {
      assert.throws(
        () => userArg(value),
        new TypeError('"username" must be a string or a user with a username'),
      );
    }
  });

  test('resourceArg', () => {
    assert.equal(resourceArg(undefined), undefined);
    assert.deepEqual(resourceArg({}), { ownerId: null });
    assert.deepEqual(resourceArg({ type: 'content', ownerId: 'ada', extra: 1 }), {
      type: 'content',
      ownerId: 'ada',
    });
    assert.throws(
      () => resourceArg(null),
      new TypeError('"resource" must be an object like { type, ownerId }'),
    );
    assert.throws(
      () => resourceArg({ type: 1 }),
      new TypeError('"resource.type" must be a string'),
    );
    assert.throws(
      () => resourceArg({ ownerId: {} }),
      new TypeError('"resource.ownerId" must be a string or null'),
    );
  });

  test('algorithmArg and keyVersionArg', () => {
    assert.equal(algorithmArg('ed25519'), 'ed25519');
    assert.equal(algorithmArg('rsa-pss'), 'rsa-pss');
    assert.throws(
      () => algorithmArg('RSA-PSS'),
      new TypeError('"algorithm" must be one of: rsa-pss, ed25519'),
    );
    assert.equal(keyVersionArg(undefined), undefined);
    assert.equal(keyVersionArg(3), 3);
    for (const value of [0, -1, 1.5, '1', null]) {
      assert.throws(
        () => keyVersionArg(value),
        new TypeError('"keyVersion" must be a whole number from 1'),
      );
    }
  });

  test('optionsArg', () => {
    assert.deepEqual(optionsArg(undefined), {});
    const given = { ip: null };
    assert.equal(optionsArg(given), given);
    for (const value of [null, 'x', []]) {
      assert.throws(() => optionsArg(value), new TypeError('"options" must be an object'));
    }
  });
});
