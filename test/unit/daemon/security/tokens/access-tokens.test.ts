import assert from 'node:assert/strict';
import { createHmac, type KeyObject, sign } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import { SigningKeys } from '../../../../../daemon/security/crypto/signing-keys.js';
import {
  AccessTokens,
  type AccessTokensOptions,
  MAX_TOKEN_LENGTH,
  TokenError,
} from '../../../../../daemon/security/tokens/index.js';
import { FakeSecrets } from '../crypto/fake-secrets.js';

const ISSUER = 'https://brain.local';
const AUDIENCE = 'clickup-brain';
const T0 = Date.UTC(2026, 0, 1);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decodePart = (token: string, index: number) =>
  JSON.parse(Buffer.from(token.split('.')[index] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;

/** A compact JWS made by hand, so any header or claim can be set; EdDSA unless `signer` says. */
function craft(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  signer?: (input: Buffer) => Buffer,
): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${signer === undefined ? '' : signer(Buffer.from(input)).toString('base64url')}`;
}
const ed = (key: KeyObject) => (input: Buffer) => sign(null, input, key);

/** Asserts a refusal's exact code and message, and that nothing of the token is echoed. */
async function refused(
  promise: Promise<unknown>,
  token: unknown,
  code: string,
  message: string,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof TokenError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.message, message);
    const text = `${error.message} ${JSON.stringify(error.details)} ${JSON.stringify(error.toWire())}`;
    if (typeof token === 'string') {
      for (const part of token.split('.').filter((p) => p.length >= 8)) {
        assert.ok(!text.includes(part), 'the error echoes part of the token');
      }
    }
    return true;
  });
}

describe('AccessTokens', () => {
  let clock: ManualClock;
  let keys: SigningKeys;
  let tokens: AccessTokens;
  const make = (extra: Partial<AccessTokensOptions> = {}) =>
    new AccessTokens({ keys, clock, issuer: ISSUER, audience: AUDIENCE, ...extra });
  /** Valid claims for a crafted token at the clock's time. */
  const claims = (extra: Record<string, unknown> = {}) => {
    const now = Math.floor(clock.now() / 1000);
    return {
      iss: ISSUER,
      aud: AUDIENCE,
      sub: 'alice',
      sid: 's_1',
      jti: 'j1',
      iat: now,
      exp: now + 60,
      ...extra,
    };
  };
  const header = (extra: Record<string, unknown> = {}) => ({
    alg: 'EdDSA',
    typ: 'at+jwt',
    kid: keys.currentKey('ed25519').kid,
    ...extra,
  });
  const ours = () => ed(keys.currentKey('ed25519').privateKey);

  before(async () => {
    clock = new ManualClock(T0);
    keys = await SigningKeys.open(new FakeSecrets());
    await keys.generate('ed25519');
    tokens = make();
  });

  test('issue: an EdDSA at+jwt with kid, iss, aud, sub, sid, roles, iat, exp (15 min), jti', async () => {
    const issued = await tokens.issue({ sub: 'alice', sid: 's_abc', roles: ['admin', 'viewer'] });
    const kid = keys.currentKey('ed25519').kid;
    assert.equal(issued.kid, kid);
    assert.equal(issued.expiresAt, T0 + 900_000);
    assert.match(issued.jti, /^[A-Za-z0-9_-]{22}$/);
    assert.deepEqual(decodePart(issued.token, 0), { alg: 'EdDSA', kid, typ: 'at+jwt' });
    assert.deepEqual(decodePart(issued.token, 1), {
      sid: 's_abc',
      roles: ['admin', 'viewer'],
      iss: ISSUER,
      aud: AUDIENCE,
      sub: 'alice',
      iat: T0 / 1000,
      exp: T0 / 1000 + 900,
      jti: issued.jti,
    });
    assert.deepEqual(await tokens.verify(issued.token), {
      sub: 'alice',
      sid: 's_abc',
      jti: issued.jti,
      iat: T0,
      exp: T0 + 900_000,
      kid,
      roles: ['admin', 'viewer'],
    });
    const other = await tokens.issue({ sub: 'alice', sid: 's_abc' });
    assert.notEqual(other.jti, issued.jti);
    assert.deepEqual((await tokens.verify(other.token)).roles, []);
    assert.equal(tokens.ttlMs, 900_000);
  });

  test('the session check: a token of an ended session is TOKEN_REVOKED', async () => {
    const { token } = await tokens.issue({ sub: 'alice', sid: 's_live' });
    const seen: string[] = [];
    const live = (sid: string) => (seen.push(sid), sid === 's_live');
    assert.equal((await tokens.verify(token, live)).sid, 's_live');
    const dead = await tokens.issue({ sub: 'bob', sid: 's_dead' });
    await refused(
      tokens.verify(dead.token, live),
      dead.token,
      'TOKEN_REVOKED',
      'token belongs to a session that has ended',
    );
    assert.deepEqual(seen, ['s_live', 's_dead']);
    await tokens.verify(dead.token, live).catch((error: TokenError) => {
      assert.deepEqual([error.sessionId, error.username], ['s_dead', 'bob']);
    });
  });

  test('alg none, HS256 keyed with our public key, and a missing alg are refused', async () => {
    const none = craft(header({ alg: 'none' }), claims());
    await refused(tokens.verify(none), none, 'TOKEN_ALGORITHM', 'token algorithm is not allowed');
    const noneSigned = craft(header({ alg: 'none' }), claims(), ours());
    await refused(
      tokens.verify(noneSigned),
      noneSigned,
      'TOKEN_ALGORITHM',
      'token algorithm is not allowed',
    );
    // The classic key-confusion attack: the public key PEM used as an HMAC secret.
    const pem = keys.publicKeyPem('ed25519');
    const hs = craft(header({ alg: 'HS256' }), claims(), (input) =>
      createHmac('sha256', pem).update(input).digest(),
    );
    await refused(tokens.verify(hs), hs, 'TOKEN_ALGORITHM', 'token algorithm is not allowed');
    const noAlg = craft({ typ: 'at+jwt', kid: header().kid }, claims(), ours());
    await refused(tokens.verify(noAlg), noAlg, 'TOKEN_MALFORMED', 'token is not a well-formed JWT');
  });

  test('a token of another key, a forged signature, and a missing kid are TOKEN_SIGNATURE', async () => {
    const stranger = await SigningKeys.open(new FakeSecrets());
    await stranger.generate('ed25519');
    const strangerKey = stranger.currentKey('ed25519');
    const theirs = craft(header({ kid: strangerKey.kid }), claims(), ed(strangerKey.privateKey));
    await refused(
      tokens.verify(theirs),
      theirs,
      'TOKEN_SIGNATURE',
      'token was signed by an unknown key',
    );
    const forged = craft(header(), claims(), ed(strangerKey.privateKey));
    await refused(
      tokens.verify(forged),
      forged,
      'TOKEN_SIGNATURE',
      'token signature does not verify',
    );
    const { token } = await tokens.issue({ sub: 'alice', sid: 's_1' });
    const [h, , s] = token.split('.');
    const altered = `${h}.${b64(claims({ sub: 'root' }))}.${s}`;
    await refused(
      tokens.verify(altered),
      altered,
      'TOKEN_SIGNATURE',
      'token signature does not verify',
    );
    const noKid = craft({ alg: 'EdDSA', typ: 'at+jwt' }, claims(), ours());
    await refused(tokens.verify(noKid), noKid, 'TOKEN_SIGNATURE', 'token names no signing key');
  });

  test('after a rotation, tokens of the previous key still verify until they expire', async () => {
    const k = await SigningKeys.open(new FakeSecrets());
    const c = new ManualClock(T0);
    const t = new AccessTokens({ keys: k, clock: c, issuer: ISSUER, audience: AUDIENCE });
    const old = await t.issue({ sub: 'alice', sid: 's_1' }); // makes version 1 on first use
    await k.rotate('ed25519');
    const fresh = await t.issue({ sub: 'alice', sid: 's_1' });
    assert.notEqual(fresh.kid, old.kid);
    assert.equal(fresh.kid, k.currentKey('ed25519').kid);
    assert.equal((await t.verify(old.token)).kid, old.kid);
    assert.equal((await t.verify(fresh.token)).kid, fresh.kid);
    assert.deepEqual(
      k.jwks().keys.map((j) => j.kid),
      [fresh.kid, old.kid],
    );
    c.advance(900_000 + 5_000);
    await refused(t.verify(old.token), old.token, 'TOKEN_EXPIRED', 'token has expired');
  });

  test('expiry honours the 5 s tolerance exactly; nbf and iat in the future are not yet valid', async () => {
    const c = new ManualClock(T0);
    const t = new AccessTokens({ keys, clock: c, issuer: ISSUER, audience: AUDIENCE });
    const { token } = await t.issue({ sub: 'alice', sid: 's_1' });
    c.set(T0 + 900_000 + 4_999);
    assert.equal((await t.verify(token)).sub, 'alice');
    c.set(T0 + 900_000 + 5_000);
    await refused(t.verify(token), token, 'TOKEN_EXPIRED', 'token has expired');
    c.set(T0);
    const now = T0 / 1000;
    const early = craft(header(), claims({ iat: now, nbf: now + 6, exp: now + 60 }), ours());
    await refused(t.verify(early), early, 'TOKEN_NOT_YET_VALID', 'token is not valid yet');
    const nearly = craft(header(), claims({ iat: now, nbf: now + 5, exp: now + 60 }), ours());
    assert.equal((await t.verify(nearly)).sub, 'alice');
    const future = craft(header(), claims({ iat: now + 6, exp: now + 60 }), ours());
    await refused(
      t.verify(future),
      future,
      'TOKEN_NOT_YET_VALID',
      'token was issued in the future',
    );
    // A far `exp` does not stretch the lifetime: the age is capped by iat + ttl.
    const long = craft(header(), claims({ iat: now - 906, exp: now + 86_400 }), ours());
    await refused(t.verify(long), long, 'TOKEN_EXPIRED', 'token has expired');
  });

  test('wrong or missing iss, aud, typ, sub, sid, jti, roles, iat and exp are TOKEN_CLAIM_INVALID', async () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ['iss', {}, { iss: 'https://evil.example' }],
      ['iss', {}, { iss: undefined }],
      ['aud', {}, { aud: 'someone-else' }],
      ['aud', {}, { aud: undefined }],
      ['typ', { typ: 'JWT' }, {}],
      ['typ', { typ: undefined }, {}],
      ['sub', {}, { sub: undefined }],
      ['sub', {}, { sub: '' }],
      ['sid', {}, { sid: undefined }],
      ['sid', {}, { sid: 42 }],
      ['jti', {}, { jti: undefined }],
      ['roles', {}, { roles: 'admin' }],
      ['roles', {}, { roles: [1] }],
      ['iat', {}, { iat: undefined }],
      ['iat', {}, { iat: 'yesterday' }],
      ['exp', {}, { exp: undefined }],
      ['exp', {}, { exp: 'never' }],
    ];
    for (const [claim, h, c] of cases) {
      const token = craft(header(h), claims(c), ours());
      await refused(
        tokens.verify(token),
        token,
        'TOKEN_CLAIM_INVALID',
        `token claim "${claim}" is missing or wrong`,
      );
    }
    // Another service's tokens (same keys, other issuer or audience) are refused here.
    const { token } = await make({ audience: 'other' }).issue({ sub: 'alice', sid: 's_1' });
    await refused(
      tokens.verify(token),
      token,
      'TOKEN_CLAIM_INVALID',
      'token claim "aud" is missing or wrong',
    );
    const fromElsewhere = await make({ issuer: 'https://other' }).issue({
      sub: 'alice',
      sid: 's_1',
    });
    await refused(
      tokens.verify(fromElsewhere.token),
      fromElsewhere.token,
      'TOKEN_CLAIM_INVALID',
      'token claim "iss" is missing or wrong',
    );
    // `application/at+jwt` is the same media type (RFC 7515 section 4.1.9).
    const long = craft(header({ typ: 'application/at+jwt' }), claims(), ours());
    assert.equal((await tokens.verify(long)).sub, 'alice');
  });

  test('malformed input is refused before parsing, the length bound included', async () => {
    const { token } = await tokens.issue({ sub: 'alice', sid: 's_1' });
    const [h, p] = token.split('.');
    const signedRaw = (input: string) =>
      `${input}.${ours()(Buffer.from(input)).toString('base64url')}`;
    const inputs: unknown[] = [
      undefined,
      42,
      '',
      'abc',
      'a.b',
      'a.b.c.d',
      `${token} `,
      `${h}.${p}.!!!`,
      `${b64('header')}.${p}.`,
      `e30.${p}.`,
      signedRaw(`${h}.${Buffer.from('not json').toString('base64url')}`),
      signedRaw(`${h}.${b64(['an', 'array'])}`),
      craft(header({ crit: ['exp'], exp: 1 }), claims(), ours()),
      craft(header({ b64: false, crit: ['b64'] }), claims(), ours()),
    ];
    for (const input of inputs) {
      await refused(
        tokens.verify(input as string),
        input,
        'TOKEN_MALFORMED',
        'token is not a well-formed JWT',
      );
    }
    const huge = `${h}.${'A'.repeat(MAX_TOKEN_LENGTH)}.x`;
    await refused(
      tokens.verify(huge),
      huge,
      'TOKEN_MALFORMED',
      'token is longer than 8192 characters',
    );
  });

  test('wrong use is a TypeError naming the argument', async () => {
    assert.throws(
      () => new AccessTokens({ keys, clock, issuer: '', audience: AUDIENCE }),
      new TypeError('"issuer" option must be a non-empty string of at most 256 characters'),
    );
    const sub = '"sub" must be a non-empty string of at most 256 characters';
    await assert.rejects(tokens.issue({ sub: '', sid: 's' }), new TypeError(sub));
    await assert.rejects(tokens.issue({ sub: 'x'.repeat(257), sid: 's' }), new TypeError(sub));
    await assert.rejects(
      tokens.issue({ sub: 'a', sid: undefined as unknown as string }),
      new TypeError('"sid" must be a non-empty string of at most 256 characters'),
    );
    await assert.rejects(
      tokens.issue({ sub: 'a', sid: 's', roles: ['ok', ''] }),
      new TypeError('"roles" must be an array of non-empty strings'),
    );
    await assert.rejects(
      tokens.verify('a.b.c', 'yes' as unknown as () => boolean),
      new TypeError('"isSessionLive" must be a function'),
    );
  });

  test('RSA-PSS (PS256): issues and verifies; each verifier refuses the other algorithm', async () => {
    await keys.generate('rsa-pss');
    const rsa = make({ algorithm: 'rsa-pss' });
    const { token, kid } = await rsa.issue({ sub: 'alice', sid: 's_1' });
    assert.deepEqual(decodePart(token, 0), { alg: 'PS256', kid, typ: 'at+jwt' });
    assert.equal(kid, keys.publicJwk('rsa-pss').kid);
    assert.equal((await rsa.verify(token)).kid, kid);
    await refused(tokens.verify(token), token, 'TOKEN_ALGORITHM', 'token algorithm is not allowed');
    const edToken = (await tokens.issue({ sub: 'alice', sid: 's_1' })).token;
    await refused(
      rsa.verify(edToken),
      edToken,
      'TOKEN_ALGORITHM',
      'token algorithm is not allowed',
    );
    // PS256 in the header but the kid of our Ed25519 key: refused before any signature check.
    const mixed = craft(header({ alg: 'PS256' }), claims(), ours());
    await refused(
      rsa.verify(mixed),
      mixed,
      'TOKEN_SIGNATURE',
      'token key does not match its algorithm',
    );
  });
});
