import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkCsrf,
  originOf,
  type CsrfOptions,
} from '../../../../../daemon/security/threats/csrf.js';

const options: CsrfOptions = {
  allowedOrigins: ['http://127.0.0.1:8080', 'https://brain.example.com/'],
  expectedToken: 'token-abc',
};
const ok = { method: 'POST', origin: 'http://127.0.0.1:8080', token: 'token-abc' };

const verdicts = {
  missing: {
    reason: 'origin-missing',
    rule: 'csrf.origin-missing',
    message: 'state-changing request without an Origin or Referer header',
  },
  tokenMissing: {
    reason: 'token-missing',
    rule: 'csrf.token-missing',
    message: 'state-changing request without a CSRF token',
  },
  tokenMismatch: {
    reason: 'token-mismatch',
    rule: 'csrf.token-mismatch',
    message: 'CSRF token does not match the session',
  },
} as const;

const mismatch = (origin: string) => ({
  reason: 'origin-mismatch',
  rule: 'csrf.origin-mismatch',
  message: `origin ${origin} is not allowed`,
});

describe('originOf', () => {
  test('the scheme, host and port of a URL; null when there is none', () => {
    assert.equal(originOf('https://Brain.Example.com:443/a?b#c'), 'https://brain.example.com');
    assert.equal(originOf('http://127.0.0.1:8080/x'), 'http://127.0.0.1:8080');
    assert.equal(originOf('null'), null);
    assert.equal(originOf('file:///etc/passwd'), null);
    assert.equal(originOf('not a url'), null);
    assert.equal(originOf(''), null);
  });
});

describe('checkCsrf', () => {
  test('a same-origin request with the right token passes', () => {
    assert.equal(checkCsrf(ok, options), null);
    assert.equal(checkCsrf({ ...ok, method: 'delete' }, options), null);
    assert.equal(checkCsrf({ ...ok, origin: 'https://brain.example.com' }, options), null);
  });

  test('safe methods pass whatever they carry, in any case', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'get', 'Head'])
      assert.equal(checkCsrf({ method }, options), null, method);
    assert.equal(checkCsrf({ method: 'GET', origin: 'https://evil.example' }, options), null);
  });

  test('origin-missing: neither Origin nor Referer', () => {
    assert.deepEqual(checkCsrf({ method: 'POST', token: 'token-abc' }, options), verdicts.missing);
    assert.deepEqual(
      checkCsrf({ method: 'PUT', origin: null, referer: null, token: 'token-abc' }, options),
      verdicts.missing,
    );
    assert.deepEqual(
      checkCsrf({ method: 'PATCH', origin: '', referer: '', token: 'token-abc' }, options),
      verdicts.missing,
    );
  });

  test('origin-mismatch: another origin, scheme or port, or one that does not parse', () => {
    for (const origin of [
      'https://evil.example',
      'https://127.0.0.1:8080',
      'http://127.0.0.1:8081',
      'http://localhost:8080',
    ])
      assert.deepEqual(checkCsrf({ ...ok, origin }, options), mismatch(origin), origin);
    assert.deepEqual(checkCsrf({ ...ok, origin: 'null' }, options), mismatch('(unparseable)'));
    assert.deepEqual(
      checkCsrf({ ...ok, origin: 'http://127.0.0.1:8080' }, { ...options, allowedOrigins: [] }),
      mismatch('http://127.0.0.1:8080'),
    );
  });

  test('Origin wins over Referer; Referer is used only without Origin', () => {
    assert.equal(
      checkCsrf({ ...ok, origin: undefined, referer: 'http://127.0.0.1:8080/page?x=1' }, options),
      null,
    );
    assert.deepEqual(
      checkCsrf(
        { ...ok, origin: undefined, referer: 'https://evil.example/http://127.0.0.1:8080' },
        options,
      ),
      mismatch('https://evil.example'),
    );
    assert.deepEqual(
      checkCsrf(
        { ...ok, origin: 'https://evil.example', referer: 'http://127.0.0.1:8080/' },
        options,
      ),
      mismatch('https://evil.example'),
    );
    assert.deepEqual(
      checkCsrf({ ...ok, origin: null, referer: 'garbage' }, options),
      mismatch('(unparseable)'),
    );
  });

  test('token-missing and token-mismatch', () => {
    assert.deepEqual(checkCsrf({ ...ok, token: undefined }, options), verdicts.tokenMissing);
    assert.deepEqual(checkCsrf({ ...ok, token: '' }, options), verdicts.tokenMissing);
    assert.deepEqual(checkCsrf({ ...ok, token: null }, options), verdicts.tokenMissing);
    for (const token of ['token-abd', 'token-ab', 'token-abcd', 'TOKEN-ABC'])
      assert.deepEqual(checkCsrf({ ...ok, token }, options), verdicts.tokenMismatch, token);
    assert.deepEqual(
      checkCsrf(ok, { ...options, expectedToken: null }),
      verdicts.tokenMismatch,
      'a session without a token accepts none',
    );
  });

  test('the origin is checked before the token', () => {
    assert.deepEqual(
      checkCsrf({ method: 'POST', origin: 'https://evil.example' }, options),
      mismatch('https://evil.example'),
    );
  });

  test('messages never carry the token', () => {
    const verdict = checkCsrf({ ...ok, token: 'secret-guess' }, options);
    assert.equal(JSON.stringify(verdict).includes('secret-guess'), false);
    assert.equal(JSON.stringify(verdict).includes('token-abc'), false);
  });
});
