import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import {
  bcryptCost,
  parseStoredHash,
} from '../../../../../daemon/security/passwords/bcrypt-format.js';
import { AppError } from '../../../../../src/protocol/errors.js';
import { events, onlyEvent, openTestCore, STRONG } from './engine-fixtures.js';
import type { SecuritySettings } from '../../../../../daemon/security/engine/security-settings.js';
import { DEFAULT_LOCKOUT_POLICY } from '../../../../../daemon/security/guard/lockout-policy.js';

const IP = '203.0.113.9';

async function setup(settings: Partial<SecuritySettings> = {}) {
  const { core, clock } = await openTestCore(settings);
  const { security, audit } = core;
  await security.users.create(
    { username: 'alice', email: 'alice@example.com', password: STRONG, roles: ['admin'] },
    'root',
  );
  return { core, clock, security, audit, auth: security.auth };
}

/** Asserts an AppError's code and message, and returns it. */
async function refusal(
  promise: Promise<unknown>,
  code: string,
  message: string,
): Promise<AppError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    assert.ok(error instanceof AppError, `not an AppError: ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.message, message);
    return true;
  });
  return caught as AppError;
}

const AUTH_FAILED = ['AUTH_FAILED', 'invalid username or password'] as const;

/** Counts the hasher's bcrypt verifications (real and dummy). */
function countVerifications(
  t: TestContext,
  security: Awaited<ReturnType<typeof setup>>['security'],
) {
  const verify = t.mock.method(security.hasher, 'verify');
  const dummy = t.mock.method(security.hasher, 'verifyDummy');
  return () => ({ verify: verify.mock.callCount(), dummy: dummy.mock.callCount() });
}

describe('Authenticator.authenticateUser', () => {
  test('an unknown user and a wrong password: same answer, one bcrypt verification each', async (t) => {
    const { auth, security, audit } = await setup();
    const count = countVerifications(t, security);
    const unknown = await refusal(auth.authenticateUser('mallory', STRONG), ...AUTH_FAILED);
    assert.deepEqual(count(), { verify: 0, dummy: 1 });
    const wrong = await refusal(auth.authenticateUser('alice', 'not the password'), ...AUTH_FAILED);
    assert.deepEqual(count(), { verify: 1, dummy: 1 });
    assert.deepEqual(unknown.details, wrong.details);
    assert.deepEqual(unknown.toWire(), wrong.toWire());
    const failures = events(audit, 'login.failure');
    assert.deepEqual(
      failures.map((e) => [e.actor, e.subject, e.outcome, e.details['reason']]),
      [
        ['anonymous', 'mallory', 'failure', 'unknown-user'],
        ['alice', 'alice', 'failure', 'wrong-password'],
      ],
    );
    assert.match(String(failures[0]?.details['incident']), /^[0-9a-f-]{36}$/);
  });

  test('non-string credentials are an ordinary failure', async () => {
    const { auth } = await setup();
    await refusal(auth.authenticateUser(42 as unknown as string, STRONG), ...AUTH_FAILED);
    await refusal(auth.authenticateUser('alice', null as unknown as string), ...AUTH_FAILED);
  });

  test('success: the view, the counters reset, the time and address kept, an event', async () => {
    const { auth, audit, clock, security } = await setup();
    await refusal(auth.authenticateUser('alice', 'wrong password!'), ...AUTH_FAILED);
    assert.equal(security.users.record('alice').lockout.failures, 1);
    clock.advance(1000);
    const user = await auth.authenticateUser('ALICE', STRONG, { ip: IP });
    assert.equal(user.username, 'alice');
    assert.equal(user.failedLogins, 0);
    assert.equal(user.lastLoginAt, clock.now());
    assert.equal(security.users.record('alice').lastLoginIp, IP);
    const event = onlyEvent(audit, 'login.success');
    assert.deepEqual([event.subject, event.ip, event.details], ['alice', IP, {}]);
  });

  test('lockout after N failures: ACCOUNT_LOCKED only for the right password', async () => {
    const { auth, audit, clock, security } = await setup();
    for (let i = 0; i < 5; i++)
      await refusal(auth.authenticateUser('alice', `wrong password ${i}`), ...AUTH_FAILED);
    const until = clock.now() + 60_000;
    assert.equal(onlyEvent(audit, 'user.locked').details['until'], new Date(until).toISOString());
    // A wrong password is still the plain failure and does not extend the lock.
    await refusal(auth.authenticateUser('alice', 'wrong password 5'), ...AUTH_FAILED);
    assert.equal(security.users.record('alice').lockout.lockedUntil, until);
    assert.equal(security.users.record('alice').lockout.failures, 5);
    assert.equal(events(audit, 'login.failure').at(-1)?.details['reason'], 'locked');
    const locked = await refusal(
      auth.authenticateUser('alice', STRONG),
      'ACCOUNT_LOCKED',
      "account 'alice' is locked until 2026-01-01T00:01:00.000Z",
    );
    assert.deepEqual(locked.details, { until });
    assert.deepEqual(events(audit, 'login.failure').at(-1)?.details, { reason: 'locked' });
    clock.advance(60_000);
    const user = await auth.authenticateUser('alice', STRONG);
    assert.equal(user.status, 'active');
    assert.equal(user.failedLogins, 0);
  });

  test('a permanent lock says it needs an administrator', async () => {
    const { auth } = await setup({
      lockoutPolicy: () => ({ ...DEFAULT_LOCKOUT_POLICY, maxFailures: 2, permanentLockout: true }),
    });
    await refusal(auth.authenticateUser('alice', 'wrong password 1'), ...AUTH_FAILED);
    await refusal(auth.authenticateUser('alice', 'wrong password 2'), ...AUTH_FAILED);
    await refusal(
      auth.authenticateUser('alice', STRONG),
      'ACCOUNT_LOCKED',
      "account 'alice' is locked until an administrator unlocks it",
    );
  });

  test('a disabled account is told so only with the right password', async () => {
    const { auth, audit, security } = await setup();
    await security.users.setStatus('alice', 'disabled', 'root');
    await refusal(auth.authenticateUser('alice', 'wrong password'), ...AUTH_FAILED);
    await refusal(
      auth.authenticateUser('alice', STRONG),
      'ACCOUNT_DISABLED',
      "account 'alice' is disabled",
    );
    assert.deepEqual(events(audit, 'login.failure').at(-1)?.details, { reason: 'disabled' });
  });

  test('rehashes on login when the configured cost changed', async () => {
    let cost = 4;
    const { auth, audit, security } = await setup({ bcryptCost: () => cost });
    const costOf = () =>
      bcryptCost(parseStoredHash(security.users.record('alice').passwordHash)!.bcrypt);
    await auth.authenticateUser('alice', STRONG);
    assert.equal(costOf(), 4);
    cost = 5;
    await auth.authenticateUser('alice', STRONG);
    assert.equal(costOf(), 5);
    assert.equal(
      await security.hasher.verify(STRONG, security.users.record('alice').passwordHash),
      true,
    );
    assert.deepEqual(
      events(audit, 'login.success').map((e) => e.details),
      [{}, { rehashed: true }],
    );
  });

  test('a banned address is refused before any bcrypt work', async (t) => {
    const { auth, audit, core, security } = await setup();
    const count = countVerifications(t, security);
    await core.blacklist.add(IP, { actor: 'root' });
    await refusal(
      auth.authenticateUser('alice', STRONG, { ip: IP }),
      'IP_BANNED',
      `address ${IP} is blocked (blacklist)`,
    );
    assert.deepEqual(count(), { verify: 0, dummy: 0 });
    const event = events(audit, 'login.failure').at(-1);
    assert.deepEqual([event?.subject, event?.ip, event?.outcome], ['alice', IP, 'refused']);
    assert.deepEqual(event?.details, { reason: 'ip-banned', source: 'manual' });
    await core.blacklist.add('198.51.100.4', { actor: 'system', source: 'auto', ttlMs: 60_000 });
    await refusal(
      auth.authenticateUser('alice', STRONG, { ip: '198.51.100.4' }),
      'IP_BANNED',
      'address 198.51.100.4 is blocked (automatic ban)',
    );
  });
});

describe('Authenticator sessions and tokens', () => {
  test('login opens a session and issues an access token and a refresh token', async () => {
    const { auth, audit, security } = await setup();
    const result = await auth.login('alice', STRONG, { ip: IP, userAgent: 'test' });
    assert.equal(result.user.username, 'alice');
    assert.equal(result.session.username, 'alice');
    assert.equal(result.session.ip, IP);
    assert.equal(result.session.userAgent, 'test');
    assert.equal(result.session.state, 'active');
    assert.equal(security.sessions.isLive(result.session.id), true);
    const { claims, user } = await auth.verifyToken(result.accessToken);
    assert.deepEqual(
      [claims.sub, claims.sid, user.username],
      ['alice', result.session.id, 'alice'],
    );
    assert.equal(result.expiresAt, claims.exp);
    const issued = onlyEvent(audit, 'token.issued');
    assert.equal(issued.subject, result.session.id);
    assert.deepEqual(Object.keys(issued.details).sort(), ['expiresAt', 'jti', 'kid']);
    const text = JSON.stringify(events(audit));
    for (const secret of [result.accessToken, result.refreshToken, result.sessionSecret, STRONG])
      assert.equal(text.includes(secret), false);
  });

  test('refresh rotates the refresh token; presenting the old one revokes the session', async () => {
    const { auth, audit, security } = await setup();
    const first = await auth.login('alice', STRONG);
    const second = await auth.refresh(first.refreshToken);
    assert.notEqual(second.refreshToken, first.refreshToken);
    assert.equal(second.session.id, first.session.id);
    assert.equal((await auth.verifyToken(second.accessToken)).claims.sid, first.session.id);
    assert.equal(events(audit, 'token.issued').at(-1)?.details['refreshed'], true);
    await refusal(
      auth.refresh(first.refreshToken),
      'TOKEN_REUSED',
      'refresh token was already used; its session has been revoked',
    );
    assert.equal(security.sessions.isLive(first.session.id), false);
    await refusal(auth.refresh(second.refreshToken), 'TOKEN_REVOKED', 'session has been revoked');
    await refusal(
      auth.verifyToken(second.accessToken),
      'TOKEN_REVOKED',
      'token belongs to a session that has ended',
    );
  });

  test('refresh for a user who can no longer log in ends the session', async () => {
    const { auth, security } = await setup();
    const { refreshToken, session } = await auth.login('alice', STRONG);
    // Changed behind the directory's back, so the sessions were not ended by it.
    await security.users.update('alice', () => ({ status: 'disabled' }));
    await refusal(auth.refresh(refreshToken), 'TOKEN_REVOKED', 'the session has ended');
    assert.equal(security.sessions.isLive(session.id), false);
  });

  test('verifyToken refuses a logged-out session and a user disabled, locked or gone', async () => {
    const { auth, audit, security, clock } = await setup();
    const a = await auth.login('alice', STRONG);
    const loggedOut = await auth.logout(a.session.id, 'alice');
    assert.equal(loggedOut.state, 'revoked');
    assert.deepEqual(onlyEvent(audit, 'session.revoked').details, {
      username: 'alice',
      reason: 'logout',
    });
    await refusal(
      auth.verifyToken(a.accessToken),
      'TOKEN_REVOKED',
      'token belongs to a session that has ended',
    );

    const b = await auth.login('alice', STRONG);
    await security.users.update('alice', () => ({ status: 'disabled' }));
    await refusal(
      auth.verifyToken(b.accessToken),
      'TOKEN_REVOKED',
      "the token's user can no longer log in",
    );
    await security.users.update('alice', () => ({ status: 'active' }));
    await security.users.setLockout('alice', {
      ...security.users.record('alice').lockout,
      lockedUntil: clock.now() + 60_000,
    });
    await refusal(
      auth.verifyToken(b.accessToken),
      'TOKEN_REVOKED',
      "the token's user can no longer log in",
    );
    await security.users.unlock('alice', 'root');
    assert.equal((await auth.verifyToken(b.accessToken)).user.username, 'alice');
    await security.users.delete('alice', 'root');
    await refusal(
      auth.verifyToken(b.accessToken),
      'TOKEN_REVOKED',
      'token belongs to a session that has ended',
    );
  });

  test('a banned address may not refresh', async () => {
    const { auth, audit, core } = await setup();
    const { refreshToken } = await auth.login('alice', STRONG);
    await core.blacklist.add(IP, { actor: 'root' });
    await refusal(
      auth.refresh(refreshToken, { ip: IP }),
      'IP_BANNED',
      `address ${IP} is blocked (blacklist)`,
    );
    const event = events(audit, 'token.refused').at(-1);
    assert.deepEqual(
      [event?.actor, event?.ip, event?.details],
      ['anonymous', IP, { reason: 'ip-banned', source: 'manual' }],
    );
  });

  test('a banned address may not use an access token', async () => {
    const { auth, audit, core } = await setup();
    const { accessToken } = await auth.login('alice', STRONG);
    assert.equal((await auth.verifyToken(accessToken, { ip: IP })).user.username, 'alice');
    await core.blacklist.add(IP, { actor: 'root' });
    await refusal(
      auth.verifyToken(accessToken, { ip: IP }),
      'IP_BANNED',
      `address ${IP} is blocked (blacklist)`,
    );
    const event = events(audit, 'token.refused').at(-1);
    assert.deepEqual([event?.ip, event?.details], [IP, { reason: 'ip-banned', source: 'manual' }]);
  });

  test('token refusals count at the decision point, except expired and revoked ones', async () => {
    const { auth, audit, security, clock } = await setup();
    const failures = () => security.tracker.count(IP, clock.now());
    const stale = await auth.login('alice', STRONG);
    clock.advance(15 * 60_000 + 10_000); // past the TTL and its 5 s tolerance
    await security.sessions.touch(stale.session.id);
    const fresh = await auth.login('alice', STRONG);
    await auth.logout(fresh.session.id, 'alice');

    await refusal(
      auth.verifyToken('garbage', { ip: IP }),
      'TOKEN_MALFORMED',
      'token is not a well-formed JWT',
    );
    assert.equal(failures(), 1);
    const refused = events(audit, 'token.refused').at(-1);
    assert.equal(refused?.ip, IP);
    assert.deepEqual(
      [refused?.details['code'], refused?.details['kind'], typeof refused?.details['incident']],
      ['TOKEN_MALFORMED', 'access', 'string'],
    );
    await refusal(
      auth.refresh('not-a-refresh-token', { ip: IP }),
      'TOKEN_MALFORMED',
      'refresh token is malformed',
    );
    assert.equal(failures(), 2);
    assert.equal(events(audit, 'token.refused').at(-1)?.details['kind'], 'refresh');
    await refusal(
      auth.verifyToken(stale.accessToken, { ip: IP }),
      'TOKEN_EXPIRED',
      'token has expired',
    );
    assert.equal(failures(), 2, 'an expired token is not held against the address');
    await refusal(
      auth.verifyToken(fresh.accessToken, { ip: IP }),
      'TOKEN_REVOKED',
      'token belongs to a session that has ended',
    );
    assert.equal(failures(), 2, 'a revoked token is not held against the address');
    assert.deepEqual(
      events(audit, 'token.refused').map((e) => e.details['code']),
      ['TOKEN_MALFORMED', 'TOKEN_MALFORMED', 'TOKEN_EXPIRED', 'TOKEN_REVOKED'],
    );
  });
});
