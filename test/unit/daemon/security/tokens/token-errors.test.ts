import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errors as jose } from 'jose';
import { AppError } from '../../../../../src/protocol/errors.js';
import {
  claimInvalid,
  fromJoseError,
  malformed,
  TokenError,
} from '../../../../../daemon/security/tokens/token-errors.js';

const payload = { sub: 'alice', secret: 'claims-are-not-copied' };

function mapped(error: unknown): [string, string, Record<string, unknown>] {
  const result = fromJoseError(error);
  assert.ok(result instanceof TokenError);
  assert.ok(!result.message.includes('claims-are-not-copied'));
  assert.equal(result.cause, undefined);
  return [result.code, result.message, { ...result.details }];
}

describe('TokenError', () => {
  test('is an AppError; the session and user stay off the wire', () => {
    const error = new TokenError('TOKEN_REUSED', 'refresh token was already used', {
      sessionId: 's_AAAAAAAAAAAAAAAA',
      username: 'alice',
    });
    assert.ok(error instanceof AppError);
    assert.equal(error.name, 'TokenError');
    assert.equal(error.code, 'TOKEN_REUSED');
    assert.equal(error.sessionId, 's_AAAAAAAAAAAAAAAA');
    assert.equal(error.username, 'alice');
    assert.equal(error.exitCode, 4);
    assert.deepEqual(error.toWire(), {
      code: 1027,
      message: 'refresh token was already used',
      data: { code: 'TOKEN_REUSED' },
    });
    const bare = new TokenError('TOKEN_EXPIRED', 'token has expired');
    assert.equal(bare.sessionId, undefined);
    assert.deepEqual(bare.details, {});
  });

  test('claimInvalid names only known claims', () => {
    const known = claimInvalid('aud');
    assert.equal(known.code, 'TOKEN_CLAIM_INVALID');
    assert.equal(known.message, 'token claim "aud" is missing or wrong');
    assert.deepEqual(known.details, { claim: 'aud' });
    const odd = claimInvalid('eyJhbGciOi-looks-like-a-token');
    assert.equal(odd.message, 'token claim "unknown" is missing or wrong');
    assert.deepEqual(odd.details, { claim: 'unknown' });
    assert.equal(malformed().message, 'token is not a well-formed JWT');
  });
});

describe('fromJoseError', () => {
  test('maps each jose failure to its own code with a fixed message', () => {
    assert.deepEqual(mapped(new jose.JOSEAlgNotAllowed('x')), [
      'TOKEN_ALGORITHM',
      'token algorithm is not allowed',
      {},
    ]);
    assert.deepEqual(mapped(new jose.JWSSignatureVerificationFailed()), [
      'TOKEN_SIGNATURE',
      'token signature does not verify',
      {},
    ]);
    assert.deepEqual(mapped(new jose.JWTExpired('x', payload, 'exp', 'check_failed')), [
      'TOKEN_EXPIRED',
      'token has expired',
      {},
    ]);
    assert.deepEqual(mapped(new jose.JWTExpired('x', payload, 'iat', 'check_failed')), [
      'TOKEN_EXPIRED',
      'token has expired',
      {},
    ]);
    assert.deepEqual(
      mapped(new jose.JWTClaimValidationFailed('x', payload, 'nbf', 'check_failed')),
      ['TOKEN_NOT_YET_VALID', 'token is not valid yet', {}],
    );
    assert.deepEqual(
      mapped(new jose.JWTClaimValidationFailed('x', payload, 'iat', 'check_failed')),
      ['TOKEN_NOT_YET_VALID', 'token was issued in the future', {}],
    );
    assert.deepEqual(mapped(new jose.JWTClaimValidationFailed('x', payload, 'iat', 'invalid')), [
      'TOKEN_CLAIM_INVALID',
      'token claim "iat" is missing or wrong',
      { claim: 'iat' },
    ]);
    assert.deepEqual(mapped(new jose.JWTClaimValidationFailed('x', payload, 'nbf', 'invalid')), [
      'TOKEN_CLAIM_INVALID',
      'token claim "nbf" is missing or wrong',
      { claim: 'nbf' },
    ]);
    for (const claim of ['iss', 'aud', 'sub', 'typ', 'jti', 'sid']) {
      assert.deepEqual(mapped(new jose.JWTClaimValidationFailed('x', payload, claim, 'missing')), [
        'TOKEN_CLAIM_INVALID',
        `token claim "${claim}" is missing or wrong`,
        { claim },
      ]);
    }
    for (const error of [
      new jose.JWSInvalid('x'),
      new jose.JWTInvalid('x'),
      new jose.JOSENotSupported('x'),
    ]) {
      assert.deepEqual(mapped(error), ['TOKEN_MALFORMED', 'token is not a well-formed JWT', {}]);
    }
  });

  test('a TokenError passes through; anything else is not ours to map', () => {
    const own = new TokenError('TOKEN_SIGNATURE', 'token was signed by an unknown key');
    assert.equal(fromJoseError(own), own);
    assert.equal(fromJoseError(new TypeError('bug')), undefined);
    assert.equal(fromJoseError('string'), undefined);
    assert.equal(fromJoseError(undefined), undefined);
  });
});
