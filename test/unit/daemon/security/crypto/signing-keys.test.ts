import assert from 'node:assert/strict';
import { createPublicKey, verify as nodeVerify, constants } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { AppError } from '../../../../../src/protocol/errors.js';
import {
  CryptoInputError,
  jwkThumbprint,
  SigningKeys,
  type SigningAlgorithm,
} from '../../../../../daemon/security/crypto/index.js';
import { FakeSecrets } from './fake-secrets.js';

const refused = (reason: string) => (error: unknown): boolean => {
  assert.ok(error instanceof CryptoInputError);
  assert.equal(error.code, 'INVALID_INPUT');
  assert.equal(error.details['reason'], reason);
  return true;
};

const algorithms: SigningAlgorithm[] = ['rsa-pss', 'ed25519'];

describe('SigningKeys', () => {
  let secrets: FakeSecrets;
  let keys: SigningKeys;

  before(async () => {
    secrets = new FakeSecrets();
    keys = await SigningKeys.open(secrets, 'signing-keys', { now: () => new Date('2024-05-06T07:08:09Z') });
    await Promise.all([keys.generate('rsa-pss'), keys.generate('ed25519')]);
  });

  test('generate makes version 1 once', async () => {
    assert.deepEqual(keys.versions().map((k) => [k.algorithm, k.version, k.createdAt]), [
      ['rsa-pss', 1, '2024-05-06T07:08:09.000Z'],
      ['ed25519', 1, '2024-05-06T07:08:09.000Z'],
    ]);
    const again = await keys.generate('ed25519');
    assert.equal(again.version, 1);
    assert.equal(keys.versions('ed25519').length, 1);
  });

  test('RSA keys are 3072 bits', () => {
    const pub = createPublicKey(keys.publicKeyPem('rsa-pss'));
    assert.equal(pub.asymmetricKeyType, 'rsa');
    assert.equal(pub.asymmetricKeyDetails?.modulusLength, 3072);
    assert.equal(createPublicKey(keys.publicKeyPem('ed25519')).asymmetricKeyType, 'ed25519');
  });

  for (const algorithm of algorithms) {
    test(`${algorithm}: sign and verify, tamper and wrong algorithm give false`, () => {
      const result = keys.sign('payload', algorithm);
      assert.equal(result.algorithm, algorithm);
      assert.equal(result.keyVersion, 1);
      assert.equal(result.kid, keys.publicJwk(algorithm).kid);
      assert.match(result.signature, /^[A-Za-z0-9+/]+={0,2}$/);
      assert.equal(keys.verify('payload', result.signature, algorithm), true);
      assert.equal(keys.verify(Buffer.from('payload'), result.signature, algorithm, 1), true);
      assert.equal(keys.verify('payloaD', result.signature, algorithm), false);
      const other: SigningAlgorithm = algorithm === 'rsa-pss' ? 'ed25519' : 'rsa-pss';
      assert.equal(keys.verify('payload', result.signature, other), false);
      const sig = Buffer.from(result.signature, 'base64');
      for (const index of [0, Math.floor(sig.length / 2), sig.length - 1]) {
        const bad = Buffer.from(sig);
        bad[index] = (bad[index] ?? 0) ^ 0x80;
        assert.equal(keys.verify('payload', bad.toString('base64'), algorithm), false);
      }
      assert.equal(keys.verify('payload', sig.subarray(1).toString('base64'), algorithm), false);
      assert.equal(keys.verify('payload', '', algorithm), false);
      assert.equal(keys.verify('payload', result.signature, algorithm, 99), false);
    });

    test(`${algorithm}: a different key pair does not verify`, async () => {
      const stranger = await SigningKeys.open(new FakeSecrets());
      await stranger.generate(algorithm);
      assert.equal(keys.verify('payload', stranger.sign('payload', algorithm).signature, algorithm), false);
    });
  }

  test('RSA-PSS uses SHA-256 with a 32-byte salt (checked with node directly)', () => {
    const { signature } = keys.sign('data', 'rsa-pss');
    const pem = keys.publicKeyPem('rsa-pss');
    const check = (saltLength: number) =>
      nodeVerify('sha256', Buffer.from('data'), { key: pem, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, Buffer.from(signature, 'base64'));
    assert.equal(check(32), true);
    assert.equal(check(64), false);
    // RSA-PSS is randomised: two signatures differ, both verify.
    assert.notEqual(keys.sign('data', 'rsa-pss').signature, signature);
  });

  test('malformed input throws INVALID_INPUT, a bad signature never throws', () => {
    assert.throws(() => keys.verify('x', 'not base64!', 'ed25519'), refused('malformed'));
    assert.throws(() => keys.verify('x', 'abc', 'ed25519'), refused('malformed'));
    assert.throws(() => keys.verify('x', 42 as unknown as string, 'ed25519'), refused('malformed'));
    assert.throws(() => keys.verify(42 as unknown as string, 'AAAA', 'ed25519'), refused('malformed'));
    assert.throws(() => keys.verify('x', 'AAAA', 'ed25519', 0), refused('malformed'));
    assert.throws(() => keys.verify('x', 'AAAA', 'hs256' as SigningAlgorithm), refused('unknown_algorithm'));
    assert.throws(() => keys.sign('x', 'none' as SigningAlgorithm), refused('unknown_algorithm'));
    assert.equal(keys.verify('x', 'AAAA', 'ed25519'), false);
    assert.equal(keys.verify('x', 'AAAA', 'rsa-pss'), false);
  });

  test('signing before any key exists is NOT_FOUND', async () => {
    const empty = await SigningKeys.open(new FakeSecrets());
    assert.throws(() => empty.sign('x', 'ed25519'), (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND');
    assert.equal(empty.verify('x', 'AAAA', 'ed25519'), false);
    assert.deepEqual(empty.jwks(), { keys: [] });
  });

  test('JWK and PEM export shapes', () => {
    const rsa = keys.publicJwk('rsa-pss');
    assert.deepEqual(Object.keys(rsa).sort(), ['alg', 'e', 'kid', 'kty', 'n', 'use']);
    assert.equal(rsa.kty, 'RSA');
    assert.equal(rsa.alg, 'PS256');
    assert.equal(rsa.use, 'sig');
    assert.equal(rsa.e, 'AQAB');
    assert.equal(rsa.kid, jwkThumbprint(rsa));
    const ed = keys.publicJwk('ed25519');
    assert.deepEqual(Object.keys(ed).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    assert.equal(ed.kty, 'OKP');
    assert.equal(ed.crv, 'Ed25519');
    assert.equal(ed.alg, 'EdDSA');
    assert.match(ed.kid, /^[A-Za-z0-9_-]{43}$/);
    for (const alg of algorithms) {
      const pem = keys.publicKeyPem(alg);
      assert.match(pem, /^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
      assert.ok(!pem.includes('PRIVATE'));
      // The JWK and the PEM describe the same key.
      const fromJwk = createPublicKey({ key: { ...keys.publicJwk(alg) }, format: 'jwk' });
      assert.equal(fromJwk.export({ format: 'pem', type: 'spki' }), pem);
    }
    assert.equal(keys.findKid(ed.kid)?.algorithm, 'ed25519');
    assert.equal(keys.findKid('nope'), undefined);
  });

  test('RFC 7638 thumbprint matches the RFC example', () => {
    const n =
      '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw';
    assert.equal(jwkThumbprint({ kty: 'RSA', n, e: 'AQAB' }), 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });

  test('rotation: new version signs, old versions verify, JWKS holds current and previous', async () => {
    const s = new FakeSecrets();
    const k = await SigningKeys.open(s);
    await k.generate('ed25519');
    const old = k.sign('msg', 'ed25519');
    const v2 = await k.rotate('ed25519');
    assert.equal(v2.version, 2);
    const fresh = k.sign('msg', 'ed25519');
    assert.equal(fresh.keyVersion, 2);
    assert.notEqual(fresh.kid, old.kid);
    assert.equal(k.verify('msg', old.signature, 'ed25519'), true);
    assert.equal(k.verify('msg', old.signature, 'ed25519', 1), true);
    assert.equal(k.verify('msg', old.signature, 'ed25519', 2), false);
    await k.rotate('ed25519');
    const jwks = k.jwks();
    assert.deepEqual(jwks.keys.map((j) => j.kid), [k.publicJwk('ed25519', 3).kid, k.publicJwk('ed25519', 2).kid]);
    assert.equal(k.jwks(5).keys.length, 3);
    await assert.rejects(k.rotate('rsa' as SigningAlgorithm), refused('unknown_algorithm'));
    assert.throws(() => k.publicJwk('ed25519', 9), (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND');
  });

  test('persistence: reopening gives the same keys; private keys never in exports', async () => {
    const again = await SigningKeys.open(secrets);
    assert.deepEqual(again.versions(), keys.versions());
    for (const alg of algorithms) {
      assert.equal(again.publicKeyPem(alg), keys.publicKeyPem(alg));
      assert.equal(again.verify('persisted', keys.sign('persisted', alg).signature, alg), true);
      assert.equal(keys.verify('persisted', again.sign('persisted', alg).signature, alg), true);
    }
    const stored = secrets.values.get('signing-keys') ?? '';
    assert.match(stored, /PRIVATE KEY/);
    const exported = JSON.stringify([keys.jwks(), keys.publicJwk('rsa-pss'), keys.versions(), keys.sign('x', 'ed25519')]);
    assert.ok(!exported.includes('PRIVATE'));
    assert.ok(!/"d"|"p"|"q"|"dp"|"dq"|"qi"/.test(exported));
  });

  test('currentKey and keyForKid expose what a JWS signer and verifier need', async () => {
    const k = await SigningKeys.open(new FakeSecrets());
    assert.throws(
      () => k.currentKey('ed25519'),
      (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND',
    );
    assert.throws(() => k.currentKey('hs256' as SigningAlgorithm), refused('unknown_algorithm'));
    await k.generate('ed25519');
    const v1 = k.currentKey('ed25519');
    assert.deepEqual(
      [v1.kid, v1.alg, v1.algorithm, v1.version],
      [k.publicJwk('ed25519').kid, 'EdDSA', 'ed25519', 1],
    );
    assert.equal(v1.privateKey.type, 'private');
    assert.equal(JSON.stringify(v1.privateKey), '{}');
    await k.rotate('ed25519');
    const v2 = k.currentKey('ed25519');
    assert.equal(v2.version, 2);
    assert.notEqual(v2.kid, v1.kid);
    const old = k.keyForKid(v1.kid);
    assert.deepEqual(
      [old?.alg, old?.algorithm, old?.version, old?.publicKey.type],
      ['EdDSA', 'ed25519', 1, 'public'],
    );
    assert.equal(
      old?.publicKey.export({ format: 'pem', type: 'spki' }),
      k.publicKeyPem('ed25519', 1),
    );
    assert.equal(k.keyForKid(v2.kid)?.version, 2);
    assert.equal(k.keyForKid('nope'), undefined);
    assert.equal(k.keyForKid(42 as unknown as string), undefined);
    // The RSA key made in before() is found too, under its own JWS name.
    const rsa = keys.keyForKid(keys.publicJwk('rsa-pss').kid);
    assert.deepEqual([rsa?.alg, rsa?.algorithm], ['PS256', 'rsa-pss']);
    assert.equal(keys.currentKey('rsa-pss').alg, 'PS256');
  });

  test('a corrupt store is refused', async () => {
    const s = new FakeSecrets();
    s.values.set('signing-keys', JSON.stringify({ format: 1, keys: [{ algorithm: 'ed25519', version: 1, createdAt: 'x', privateKey: 'junk' }] }));
    await assert.rejects(SigningKeys.open(s), refused('corrupt_key_store'));
  });
});
