import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import type { SecuritySettings } from '../../../../daemon/security/engine/security-settings.js';
import {
  events,
  onlyEvent,
  openLibrary,
  STRONG,
  T0,
  type TestLibrary,
} from './library-fixtures.js';

/** A library with one user, `ada` (role user), whose password is STRONG. */
async function withAda(
  t: TestContext,
  settings: Partial<SecuritySettings> = {},
): Promise<TestLibrary> {
  const lib = await openLibrary(settings);
  t.after(() => lib.core.close());
  await lib.security.createUser('ada', 'ada@example.com', STRONG);
  return lib;
}

const FAILED = { code: 'AUTH_FAILED', message: 'invalid username or password' };

describe('authenticateUser', () => {
  test('the right password gives the user, with the login recorded', async (t) => {
    const { security, core } = await withAda(t);
    const user = await security.authenticateUser('ADA', STRONG, '192.0.2.1');
    assert.deepEqual([user.username, user.status, user.lastLoginAt], ['ada', 'active', T0]);
    const event = onlyEvent(core.audit, 'login.success');
    assert.deepEqual([event.subject, event.ip], ['ada', '192.0.2.1']);
  });

  test('a wrong password and an unknown user get the same AUTH_FAILED', async (t) => {
    const { security } = await withAda(t);
    await assert.rejects(security.authenticateUser('ada', 'not it'), FAILED);
    await assert.rejects(security.authenticateUser('nobody', STRONG), FAILED);
  });

  test('five failures lock the account: ACCOUNT_LOCKED, even with the right password', async (t) => {
    const { security } = await withAda(t);
    for (let i = 0; i < 5; i++) await assert.rejects(security.authenticateUser('ada', 'x'), FAILED);
    await assert.rejects(security.authenticateUser('ada', STRONG), {
      code: 'ACCOUNT_LOCKED',
      message: "account 'ada' is locked until 2026-01-01T00:01:00.000Z",
    });
  });

  test('a disabled account: ACCOUNT_DISABLED', async (t) => {
    const { security } = await withAda(t);
    await security.disableUser('ada');
    await assert.rejects(security.authenticateUser('ada', STRONG), {
      code: 'ACCOUNT_DISABLED',
      message: "account 'ada' is disabled",
    });
  });

  test('a blacklisted address: IP_BANNED, also in its IPv4-mapped IPv6 form', async (t) => {
    const { security } = await withAda(t);
    await security.addToBlacklist('203.0.113.9');
    const banned = { code: 'IP_BANNED', message: 'address 203.0.113.9 is blocked (blacklist)' };
    await assert.rejects(security.authenticateUser('ada', STRONG, '203.0.113.9'), banned);
    await assert.rejects(security.authenticateUser('ada', STRONG, '::ffff:203.0.113.9'), banned);
    assert.equal((await security.authenticateUser('ada', STRONG, '203.0.113.10')).username, 'ada');
  });

  test('failures from one address ban it: IP_BANNED (automatic ban)', async (t) => {
    const { security } = await withAda(t);
    for (const name of ['a1x', 'a2x', 'a3x', 'a4x', 'a5x']) {
      await assert.rejects(security.authenticateUser(name, 'x', '198.51.100.4'), FAILED);
    }
    await assert.rejects(security.authenticateUser('ada', STRONG, '198.51.100.4'), {
      code: 'IP_BANNED',
      message: 'address 198.51.100.4 is blocked (automatic ban)',
    });
  });

  test('a bad address is INVALID_INPUT; wrong types are TypeErrors', async (t) => {
    const { security, core } = await withAda(t);
    await assert.rejects(security.authenticateUser('ada', STRONG, 'localhost'), {
      code: 'INVALID_INPUT',
      message:
        "'localhost' is not a valid IP address (expected IPv4 like 203.0.113.7 or IPv6 like 2001:db8::1)",
    });
    const call = security.authenticateUser.bind(security) as (...a: unknown[]) => Promise<unknown>;
    await assert.rejects(call(1, STRONG), new TypeError('"username" must be a string'));
    await assert.rejects(call('ada', null), new TypeError('"password" must be a string'));
    await assert.rejects(call('ada', STRONG, 7), new TypeError('"ip" must be a string or null'));
    // Refused at the boundary: nothing was tried, so nothing counts as a failed login.
    assert.deepEqual(events(core.audit, 'login.failure'), []);
  });
});

describe('generateToken and verifyToken', () => {
  test('a login gives tokens that verify to the user and session', async (t) => {
    const { security, core } = await withAda(t);
    const grant = await security.generateToken('ada', STRONG, {
      ip: '192.0.2.1',
      userAgent: 'app/1',
    });
    assert.deepEqual(Object.keys(grant).sort(), [
      'accessToken',
      'expiresAt',
      'refreshToken',
      'sessionId',
    ]);
    assert.match(grant.sessionId, /^s_[A-Za-z0-9_-]{16}$/);
    assert.equal(grant.expiresAt, T0 + 15 * 60_000);
    assert.deepEqual(await security.verifyToken(grant.accessToken, '192.0.2.1'), {
      username: 'ada',
      sessionId: grant.sessionId,
      roles: ['user'],
      expiresAt: grant.expiresAt,
    });
    const [session] = core.security.sessions.list({ username: 'ada' });
    assert.deepEqual([session?.ip, session?.userAgent], ['192.0.2.1', 'app/1']);
  });

  test('verifyToken reports the roles the user has now', async (t) => {
    const { security } = await withAda(t);
    const grant = await security.generateToken('ada', STRONG);
    await security.setUserRoles('ada', ['moderator']);
    assert.deepEqual((await security.verifyToken(grant.accessToken)).roles, ['moderator']);
  });

  test('login refusals pass through', async (t) => {
    const { security } = await withAda(t);
    await assert.rejects(security.generateToken('ada', 'nope'), FAILED);
  });

  test('refusals of a token: one code per reason', async (t) => {
    const { security, clock } = await withAda(t, { tokenTtlMs: () => 60_000 });
    await assert.rejects(security.verifyToken('not a token'), {
      code: 'TOKEN_MALFORMED',
      message: 'token is not a well-formed JWT',
    });
    const grant = await security.generateToken('ada', STRONG);
    assert.equal(grant.expiresAt, T0 + 60_000);
    const [head, body, signature] = grant.accessToken.split('.') as [string, string, string];
    const forged = `${head}.${body}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    await assert.rejects(security.verifyToken(forged), {
      code: 'TOKEN_SIGNATURE',
      message: 'token signature does not verify',
    });
    // Past the expiry and the 5 s clock tolerance.
    clock.advance(66_000);
    await assert.rejects(security.verifyToken(grant.accessToken), {
      code: 'TOKEN_EXPIRED',
      message: 'token has expired',
    });
  });

  test('wrong types are TypeErrors naming the argument', async (t) => {
    const { security } = await withAda(t);
    const generate = security.generateToken.bind(security) as (...a: unknown[]) => Promise<unknown>;
    await assert.rejects(generate(null, STRONG), new TypeError('"username" must be a string'));
    await assert.rejects(generate('ada', 5), new TypeError('"password" must be a string'));
    await assert.rejects(
      generate('ada', STRONG, '192.0.2.1'),
      new TypeError('"meta" must be an object like { ip, userAgent }'),
    );
    await assert.rejects(
      generate('ada', STRONG, { ip: 1 }),
      new TypeError('"meta.ip" must be a string or null'),
    );
    await assert.rejects(
      generate('ada', STRONG, { userAgent: 1 }),
      new TypeError('"meta.userAgent" must be a string or null'),
    );
    await assert.rejects(generate('ada', STRONG, { ip: 'nowhere' }), { code: 'INVALID_INPUT' });
    const verify = security.verifyToken.bind(security) as (...a: unknown[]) => Promise<unknown>;
    await assert.rejects(verify(undefined), new TypeError('"token" must be a string'));
    await assert.rejects(verify('x.y.z', {}), new TypeError('"ip" must be a string or null'));
  });
});

describe('refreshToken and logout', () => {
  test('a refresh gives a new grant on the same session; the spent token is reuse', async (t) => {
    const { security } = await withAda(t);
    const first = await security.generateToken('ada', STRONG);
    const second = await security.refreshToken(first.refreshToken);
    assert.equal(second.sessionId, first.sessionId);
    assert.notEqual(second.refreshToken, first.refreshToken);
    assert.equal((await security.verifyToken(second.accessToken)).username, 'ada');
    await assert.rejects(security.refreshToken(first.refreshToken), { code: 'TOKEN_REUSED' });
    // Reuse ends the whole session, so the newer tokens stop working too.
    await assert.rejects(security.verifyToken(second.accessToken), { code: 'TOKEN_REVOKED' });
  });

  test('refreshToken: a banned address and wrong types', async (t) => {
    const { security } = await withAda(t);
    const grant = await security.generateToken('ada', STRONG);
    await security.addToBlacklist('203.0.113.0/24');
    await assert.rejects(security.refreshToken(grant.refreshToken, { ip: '203.0.113.5' }), {
      code: 'IP_BANNED',
      message: 'address 203.0.113.5 is blocked (blacklist)',
    });
    const refresh = security.refreshToken.bind(security) as (...a: unknown[]) => Promise<unknown>;
    await assert.rejects(refresh(42), new TypeError('"refreshToken" must be a string'));
    await assert.rejects(
      refresh(grant.refreshToken, 5),
      new TypeError('"meta" must be an object like { ip, userAgent }'),
    );
  });

  test('logout ends the session: its tokens stop verifying', async (t) => {
    const { security, core } = await withAda(t);
    const grant = await security.generateToken('ada', STRONG);
    const session = await security.logout(grant.sessionId);
    assert.deepEqual(
      [session.id, session.state, session.revokedReason],
      [grant.sessionId, 'revoked', 'logout'],
    );
    assert.equal(onlyEvent(core.audit, 'session.revoked').actor, 'tests');
    await assert.rejects(security.verifyToken(grant.accessToken), { code: 'TOKEN_REVOKED' });
    await assert.rejects(security.refreshToken(grant.refreshToken), { code: 'TOKEN_REVOKED' });
  });

  test('logout of an unknown session is NOT_FOUND; a non-string a TypeError', async (t) => {
    const { security } = await withAda(t);
    await assert.rejects(security.logout('s_AAAAAAAAAAAAAAAA'), {
      code: 'NOT_FOUND',
      message: 'no session s_AAAAAAAAAAAAAAAA',
    });
    await assert.rejects(security.logout('a refresh token by mistake'), {
      code: 'NOT_FOUND',
      message: 'no such session',
    });
    await assert.rejects(
      security.logout(1 as unknown as string),
      new TypeError('"sessionId" must be a string'),
    );
  });
});
