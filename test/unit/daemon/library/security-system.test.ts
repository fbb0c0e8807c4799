import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { events, onlyEvent, openLibrary, type TestLibrary } from './library-fixtures.js';

async function library(t: TestContext): Promise<TestLibrary> {
  const lib = await openLibrary();
  t.after(() => lib.core.close());
  return lib;
}

/** Calls a method with arguments its types would not allow. */
function loose<T extends object>(
  target: T,
  method: keyof T,
): (...args: unknown[]) => Promise<unknown> {
  const fn = target[method] as (...args: unknown[]) => Promise<unknown>;
  return fn.bind(target);
}

describe('encryptData and decryptData', () => {
  test('a string and a Buffer round-trip under the newest key', async (t) => {
    const { security, core } = await library(t);
    const text = await security.encryptData('Sensitive information');
    assert.match(text, /^cbv1:/);
    assert.equal(text.includes('Sensitive'), false);
    assert.equal(await security.decryptText(text), 'Sensitive information');
    const bytes = Buffer.from([0, 1, 2, 255]);
    assert.deepEqual(await security.decryptData(await security.encryptData(bytes)), bytes);
    // Two encryptions of one text differ (a fresh nonce each time).
    assert.notEqual(await security.encryptData('Sensitive information'), text);
    const decrypted = events(core.audit, 'data.decrypted');
    assert.equal(decrypted.length, 2);
    assert.deepEqual([decrypted[0]?.actor, decrypted[0]?.details], ['tests', { bytes: 21 }]);
  });

  test('associated data must match: a mismatch is INVALID_INPUT, reason tampered', async (t) => {
    const { security } = await library(t);
    const text = await security.encryptData('card 4111', 'order:42');
    assert.equal(await security.decryptText(text, 'order:42'), 'card 4111');
    const refused = {
      code: 'INVALID_INPUT',
      message: 'ciphertext failed authentication (altered, or sealed with other associated data)',
      details: { reason: 'tampered', field: 'ciphertext' },
    };
    await assert.rejects(security.decryptData(text, 'order:43'), refused);
    await assert.rejects(security.decryptData(text), refused);
    await assert.rejects(security.decryptData('cbv1:not-base64!'), {
      code: 'INVALID_INPUT',
      message: 'ciphertext is not in the form cbv<version>:<base64url>',
      details: { reason: 'malformed', field: 'ciphertext' },
    });
  });

  test('wrong types are TypeErrors naming the argument', async (t) => {
    const { security } = await library(t);
    const encrypt = loose(security, 'encryptData');
    await assert.rejects(encrypt(42), new TypeError('"data" must be a string or a Buffer'));
    await assert.rejects(encrypt('x', 5), new TypeError('"aad" must be a string'));
    const decrypt = loose(security, 'decryptData');
    await assert.rejects(decrypt(Buffer.from('x')), new TypeError('"ciphertext" must be a string'));
    await assert.rejects(decrypt('cbv1:x', {}), new TypeError('"aad" must be a string'));
    await assert.rejects(
      loose(security, 'decryptText')(null),
      new TypeError('"ciphertext" must be a string'),
    );
  });
});

describe('signData and verifySignature', () => {
  test('ed25519: a signature verifies, as text or as the whole result', async (t) => {
    const { security, core } = await library(t);
    const signed = await security.signData('the report', 'ed25519');
    assert.deepEqual([signed.algorithm, signed.keyVersion], ['ed25519', 1]);
    assert.equal(await security.verifySignature('the report', signed), true);
    assert.equal(await security.verifySignature('the report', signed.signature, 'ed25519'), true);
    assert.equal(
      await security.verifySignature('the report', signed.signature, 'ed25519', 1),
      true,
    );
    assert.equal(await security.verifySignature('the repord', signed), false);
    assert.equal(await security.verifySignature(Buffer.from('the report'), signed), true);
    const event = onlyEvent(core.audit, 'data.signed');
    assert.deepEqual([event.actor, event.details['algorithm']], ['tests', 'ed25519']);
  });

  test('rsa-pss is the default', async (t) => {
    const { security } = await library(t);
    const signed = await security.signData('the report');
    assert.equal(signed.algorithm, 'rsa-pss');
    assert.equal(await security.verifySignature('the report', signed.signature), true);
    assert.equal(await security.verifySignature('the report', signed.signature, 'ed25519'), false);
  });

  test('wrong types are TypeErrors naming the argument', async (t) => {
    const { security } = await library(t);
    const sign = loose(security, 'signData');
    await assert.rejects(sign(1), new TypeError('"data" must be a string or a Buffer'));
    await assert.rejects(
      sign('x', 'md5'),
      new TypeError('"algorithm" must be one of: rsa-pss, ed25519'),
    );
    const verify = loose(security, 'verifySignature');
    await assert.rejects(verify(1, 'c2ln'), new TypeError('"data" must be a string or a Buffer'));
    await assert.rejects(verify('x', 5), new TypeError('"signature" must be a string'));
    await assert.rejects(
      verify('x', 'c2ln', 'hs256'),
      new TypeError('"algorithm" must be one of: rsa-pss, ed25519'),
    );
    await assert.rejects(
      verify('x', 'c2ln', 'ed25519', 0),
      new TypeError('"keyVersion" must be a whole number from 1'),
    );
    await assert.rejects(
      verify('x', { signature: 1, algorithm: 'ed25519' }),
      new TypeError('"signature.signature" must be a string'),
    );
    await assert.rejects(
      verify('x', { signature: 'c2ln' }),
      new TypeError('"signature.algorithm" must be one of: rsa-pss, ed25519'),
    );
    await assert.rejects(
      verify('x', { signature: 'c2ln', algorithm: 'ed25519', keyVersion: 1.5 }),
      new TypeError('"signature.keyVersion" must be a whole number from 1'),
    );
  });
});

describe('rotateKeys', () => {
  test('a new data key: old ciphertexts still open, secrets are resealed', async (t) => {
    const { security, core } = await library(t);
    const before = await security.encryptData('kept');
    await security.putSecret('db/password', 'hunter2-but-long');
    const rotation = await security.rotateKeys();
    assert.deepEqual([rotation.dataKeyVersion, rotation.rewrapped], [2, 1]);
    assert.match(await security.encryptData('new'), /^cbv2:/);
    assert.equal(await security.decryptText(before), 'kept');
    assert.deepEqual(
      (await security.listSecrets()).map((s) => [s.name, s.keyVersion]),
      [['db/password', 2]],
    );
    assert.equal((await security.getSecret('db/password')).toString(), 'hunter2-but-long');
    assert.ok(events(core.audit, 'key.rotated').every((e) => e.actor === 'tests'));
  });
});

describe('detectThreat', () => {
  test("the spec's request: SQL injection in the password field", async (t) => {
    const { security, core } = await library(t);
    const threat = security.detectThreat({
      username: 'admin',
      password: "'; DROP TABLE users; --",
      ip_address: '192.168.1.100',
    });
    assert.deepEqual(threat && [threat.type, threat.field, threat.rule], [
      'sqli',
      'password',
      'sqli.statement',
    ]);
    // Detection alone records nothing.
    assert.deepEqual(events(core.audit, 'threat.detected'), []);
  });

  test('a strong password full of quotes and semicolons is no threat; nor is a non-object', async (t) => {
    const { security } = await library(t);
    assert.equal(security.detectThreat({ password: `x9"K;q'2;Lm]v(8Z!r` }), null);
    assert.equal(security.detectThreat(42), null);
    assert.equal(security.detectThreat(null), null);
    assert.equal(security.detectThreat('../../etc/passwd')?.type, 'path_traversal');
  });
});

describe('screenRequest', () => {
  const attack = { q: "1' OR '1'='1" };

  test('a threat is recorded and refused; repeats from one address ban it', async (t) => {
    const { security, core } = await library(t);
    const first = await security.screenRequest(attack, { ip: '198.51.100.7' });
    assert.deepEqual(
      [first.threat?.type, first.refused, first.simulated, first.enforcement?.ipFailures],
      ['sqli', true, false, 1],
    );
    const event = onlyEvent(core.audit, 'threat.detected');
    assert.deepEqual(
      [event.actor, event.ip, event.details['source'], event.details['incident']],
      ['tests', '198.51.100.7', 'library', first.incident],
    );
    for (let i = 0; i < 4; i++) await security.screenRequest(attack, { ip: '198.51.100.7' });
    assert.equal((await security.isBlacklisted('198.51.100.7'))?.source, 'auto');
  });

  test('a clean request passes; no address is fine', async (t) => {
    const { security, core } = await library(t);
    assert.deepEqual(await security.screenRequest({ q: 'shoes' }, { ip: '198.51.100.7' }), {
      threat: null,
      refused: false,
      simulated: false,
      incident: null,
      enforcement: null,
    });
    const result = await security.screenRequest(attack);
    assert.deepEqual([result.refused, result.enforcement?.ipFailures], [true, 0]);
    assert.equal(events(core.audit, 'threat.detected').length, 1);
  });

  test('a credential field is not recorded as evidence', async (t) => {
    const { security, core } = await library(t);
    await security.screenRequest({ password: "'; DROP TABLE users; --" });
    const event = onlyEvent(core.audit, 'threat.detected');
    assert.equal(event.details['evidence'], '[redacted: credential field]');
  });

  test('bad options: TypeErrors, and INVALID_INPUT for a bad address', async (t) => {
    const { security } = await library(t);
    const screen = loose(security, 'screenRequest');
    await assert.rejects(
      screen(attack, '198.51.100.7'),
      new TypeError('"options" must be an object'),
    );
    await assert.rejects(
      screen(attack, { ip: 7 }),
      new TypeError('"options.ip" must be a string or null'),
    );
    await assert.rejects(screen(attack, { ip: '300.1.1.1' }), {
      code: 'INVALID_INPUT',
      message:
        "'300.1.1.1' is not a valid IP address (expected IPv4 like 203.0.113.7 or IPv6 like 2001:db8::1)",
    });
  });
});

describe('secrets', () => {
  test('put, get, list, replace and delete', async (t) => {
    const { security, core } = await library(t);
    const put = await security.putSecret('api/key', 'sk_live_1');
    assert.deepEqual(
      [put.created, put.secret.name, put.secret.bytes, put.secret.createdBy],
      [true, 'api/key', 9, 'tests'],
    );
    assert.equal((await security.getSecret('api/key')).toString('utf8'), 'sk_live_1');
    const again = await security.putSecret('api/key', Buffer.from('sk_live_22'));
    assert.deepEqual([again.created, again.secret.bytes], [false, 10]);
    assert.deepEqual(
      (await security.listSecrets()).map((s) => s.name),
      ['api/key'],
    );
    assert.equal((await security.deleteSecret('api/key')).name, 'api/key');
    assert.deepEqual(await security.listSecrets(), []);
    assert.equal(JSON.stringify(core.audit.recent()).includes('sk_live'), false);
    assert.equal(onlyEvent(core.audit, 'secret.read').actor, 'tests');
  });

  test('refusals pass through: NOT_FOUND, INVALID_INPUT', async (t) => {
    const { security } = await library(t);
    const missing = { code: 'NOT_FOUND', message: "no secret named 'nope'" };
    await assert.rejects(security.getSecret('nope'), missing);
    await assert.rejects(security.deleteSecret('nope'), missing);
    await assert.rejects(security.putSecret('has space', 'v'), {
      code: 'INVALID_INPUT',
      message:
        'secret name must be 1-128 characters: letters, digits and . _ / -, starting with a letter or digit',
    });
    await assert.rejects(security.putSecret('empty', ''), {
      code: 'INVALID_INPUT',
      message: 'secret value is empty',
    });
  });

  test('wrong types are TypeErrors naming the argument', async (t) => {
    const { security } = await library(t);
    await assert.rejects(
      loose(security, 'putSecret')(1, 'v'),
      new TypeError('"name" must be a string'),
    );
    await assert.rejects(
      loose(security, 'putSecret')('n', 5),
      new TypeError('"value" must be a string or a Buffer'),
    );
    await assert.rejects(loose(security, 'getSecret')(), new TypeError('"name" must be a string'));
    await assert.rejects(
      loose(security, 'deleteSecret')({}),
      new TypeError('"name" must be a string'),
    );
  });
});

describe('blacklist (kept from before)', () => {
  test('add, check, list, remove, under the actor', async (t) => {
    const { security } = await library(t);
    const { entry, created } = await security.addToBlacklist('203.0.113.7', { reason: 'scanner' });
    assert.deepEqual([created, entry.createdBy, entry.source], [true, 'tests', 'manual']);
    assert.equal((await security.isBlacklisted('203.0.113.7'))?.reason, 'scanner');
    assert.deepEqual(
      (await security.listBlacklist()).map((e) => e.target),
      ['203.0.113.7'],
    );
    assert.equal((await security.removeFromBlacklist('203.0.113.7')).target, '203.0.113.7');
    assert.equal(await security.isBlacklisted('203.0.113.7'), null);
    assert.equal(await security.expireBlacklist(), 0);
  });
});
