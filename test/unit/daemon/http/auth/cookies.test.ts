import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCookies, serializeCookie } from '../../../../../daemon/http/auth/cookies.js';

describe('cookies', () => {
  it('parses a Cookie header (first of a name wins, quotes dropped)', () => {
    assert.deepEqual(parseCookies('a=1; b="2"; a=3; bad; =x; c='), { a: '1', b: '2', c: '' });
    assert.deepEqual(parseCookies(undefined), {});
    assert.deepEqual(parseCookies(''), {});
    // A value may hold '='; a lone quote stays; empty parts and a trailing ';' are skipped.
    assert.deepEqual(parseCookies(' x = a=b ;;y="; z=""; '), { x: 'a=b', y: '"', z: '' });
    assert.deepEqual(parseCookies('novalue; k=v'), { k: 'v' });
    // Many parts without '=' before and after the one with a value.
    assert.deepEqual(parseCookies(`${'a;'.repeat(1000)}k=v;${'b;'.repeat(1000)}`), { k: 'v' });
  });

  it('writes Path=/, SameSite=Strict always; HttpOnly and Secure as asked', () => {
    assert.equal(
      serializeCookie('cb_session', 'v', { httpOnly: true, secure: true, maxAgeSeconds: 60 }),
      'cb_session=v; Path=/; Max-Age=60; SameSite=Strict; HttpOnly; Secure',
    );
    assert.equal(
      serializeCookie('cb_csrf', '', { httpOnly: false, secure: false, maxAgeSeconds: 0 }),
      'cb_csrf=; Path=/; Max-Age=0; SameSite=Strict',
    );
  });

  it('refuses bad names, values and ages with a TypeError', () => {
    assert.throws(
      () => serializeCookie('a b', 'v', { httpOnly: true, secure: false, maxAgeSeconds: 1 }),
      { name: 'TypeError' },
    );
    assert.throws(
      () => serializeCookie('a', 'v;x', { httpOnly: true, secure: false, maxAgeSeconds: 1 }),
      {
        name: 'TypeError',
        message: '"value" of cookie a has characters a cookie cannot hold',
      },
    );
    assert.throws(
      () => serializeCookie('a', 'v', { httpOnly: true, secure: false, maxAgeSeconds: -1 }),
      { name: 'TypeError' },
    );
  });
});
