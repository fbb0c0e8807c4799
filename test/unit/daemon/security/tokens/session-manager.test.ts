import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import {
  MemorySessionRepository,
  REUSE_REASON,
  SessionManager,
  type SessionManagerOptions,
  type SessionPatch,
  TokenError,
} from '../../../../../daemon/security/tokens/index.js';
import { AppError } from '../../../../../src/protocol/errors.js';

const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;
const HOUR = 60 * MIN;

/** Asserts a refusal's exact code and message, and that it does not echo `secret`. */
async function refused(
  promise: Promise<unknown>,
  secret: unknown,
  code: string,
  message: string,
  session?: { id: string; username: string },
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof TokenError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.message, message);
    if (typeof secret === 'string' && secret.length > 4) {
      assert.ok(!JSON.stringify([error.message, error.toWire()]).includes(secret.slice(4)));
    }
    if (session !== undefined) {
      assert.deepEqual([error.sessionId, error.username], [session.id, session.username]);
    }
    return true;
  });
}

/** A repository whose next update can be made to fail, as a full disk would. */
class FlakyRepository extends MemorySessionRepository {
  failNextUpdate = false;
  override async update(id: string, patch: SessionPatch): Promise<void> {
    if (this.failNextUpdate) {
      this.failNextUpdate = false;
      throw new Error('disk full');
    }
    return super.update(id, patch);
  }
}

describe('SessionManager', () => {
  let clock: ManualClock;
  let repo: FlakyRepository;
  let sessions: SessionManager;
  const make = (extra: Partial<SessionManagerOptions> = {}) =>
    new SessionManager({ repo, clock, ...extra });

  beforeEach(() => {
    clock = new ManualClock(T0);
    repo = new FlakyRepository();
    sessions = make();
  });

  test('create: a session view, a session secret and a refresh token; only hashes are stored', async () => {
    const created = await sessions.create('alice', { ip: '203.0.113.7', userAgent: 'Firefox/140' });
    assert.match(created.sessionSecret, /^cbs_[A-Za-z0-9_-]{43}$/);
    assert.match(created.refreshToken, /^cbr_[A-Za-z0-9_-]{43}$/);
    assert.match(created.session.id, /^s_[A-Za-z0-9_-]{16}$/);
    assert.deepEqual(created.session, {
      id: created.session.id,
      username: 'alice',
      createdAt: T0,
      lastSeenAt: T0,
      idleExpiresAt: T0 + 30 * MIN,
      absoluteExpiresAt: T0 + 12 * HOUR,
      ip: '203.0.113.7',
      userAgent: 'Firefox/140',
      revokedAt: null,
      revokedReason: null,
      state: 'active',
    });
    const stored = JSON.stringify(repo.list());
    for (const secret of [created.sessionSecret, created.refreshToken]) {
      assert.ok(!stored.includes(secret.slice(4)), 'a raw secret was stored');
    }
    const plain = await sessions.create('bob');
    assert.deepEqual([plain.session.ip, plain.session.userAgent], [null, null]);
    assert.notEqual(plain.session.id, created.session.id);
    assert.equal(sessions.isLive(created.session.id), true);
    assert.equal(sessions.isLive('s_unknown'), false);
  });

  test('refresh rotates the token and slides the idle expiry', async () => {
    const { session, refreshToken } = await sessions.create('alice');
    clock.advance(10 * MIN);
    const first = await sessions.refresh(refreshToken, { ip: '198.51.100.1' });
    assert.notEqual(first.refreshToken, refreshToken);
    assert.match(first.refreshToken, /^cbr_/);
    assert.equal(first.session.id, session.id);
    assert.equal(first.session.lastSeenAt, T0 + 10 * MIN);
    assert.equal(first.session.idleExpiresAt, T0 + 40 * MIN);
    assert.equal(first.session.ip, '198.51.100.1');
    clock.advance(25 * MIN); // past the first idle deadline, within the slid one
    const second = await sessions.refresh(first.refreshToken);
    assert.equal(second.session.state, 'active');
    assert.equal(second.session.ip, '198.51.100.1');
    assert.equal(repo.get(session.id)?.usedRefreshHashes.length, 2);
  });

  test('a reused refresh token revokes its whole family; the newest token then fails too', async () => {
    const { session, refreshToken: t1 } = await sessions.create('alice');
    const { refreshToken: t2 } = await sessions.refresh(t1);
    const { refreshToken: t3 } = await sessions.refresh(t2);
    clock.advance(MIN);
    const who = { id: session.id, username: 'alice' };
    await refused(
      sessions.refresh(t1),
      t1,
      'TOKEN_REUSED',
      'refresh token was already used; its session has been revoked',
      who,
    );
    const [view] = sessions.list({ includeEnded: true });
    assert.deepEqual(
      [view?.state, view?.revokedAt, view?.revokedReason],
      ['revoked', T0 + MIN, REUSE_REASON],
    );
    await refused(sessions.refresh(t3), t3, 'TOKEN_REVOKED', 'session has been revoked', who);
    await refused(sessions.refresh(t2), t2, 'TOKEN_REVOKED', 'session has been revoked', who);
    assert.equal(sessions.isLive(session.id), false);
  });

  test('two refreshes racing with one token: one rotates, the other is reuse', async () => {
    const { refreshToken } = await sessions.create('alice');
    const results = await Promise.allSettled([
      sessions.refresh(refreshToken),
      sessions.refresh(refreshToken),
    ]);
    assert.equal(results[0]?.status, 'fulfilled');
    assert.equal(results[1]?.status, 'rejected');
    assert.equal(((results[1] as PromiseRejectedResult).reason as TokenError).code, 'TOKEN_REUSED');
  });

  test('used hashes are bounded: a token older than the window is merely unknown', async () => {
    sessions = make({ maxUsedHashes: 2 });
    const { refreshToken: t1 } = await sessions.create('alice');
    let current = t1;
    const used: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      used.push(current);
      current = (await sessions.refresh(current)).refreshToken;
    }
    await refused(sessions.refresh(t1), t1, 'TOKEN_SIGNATURE', 'refresh token is not recognised');
    assert.equal(sessions.list().length, 1);
    await refused(
      sessions.refresh(used[1] as string),
      used[1],
      'TOKEN_REUSED',
      'refresh token was already used; its session has been revoked',
    );
  });

  test('idle timeout: unused for 30 min the session ends', async () => {
    const { session, refreshToken, sessionSecret } = await sessions.create('alice');
    clock.advance(30 * MIN - 1);
    assert.equal(sessions.isLive(session.id), true);
    clock.advance(1);
    assert.equal(sessions.isLive(session.id), false);
    assert.equal(sessions.list({ includeEnded: true })[0]?.state, 'idle-expired');
    const who = { id: session.id, username: 'alice' };
    await refused(
      sessions.refresh(refreshToken),
      refreshToken,
      'TOKEN_EXPIRED',
      'session has expired',
      who,
    );
    await refused(
      sessions.authenticateSecret(sessionSecret),
      sessionSecret,
      'TOKEN_EXPIRED',
      'session has expired',
      who,
    );
    // Touching an ended session does not bring it back.
    await sessions.touch(session.id);
    assert.equal(sessions.isLive(session.id), false);
  });

  test('absolute timeout: even a busy session ends 12 h after login', async () => {
    const { session, sessionSecret } = await sessions.create('alice');
    for (let i = 0; i < 11 * 3 + 2; i += 1) {
      clock.advance(20 * MIN);
      await sessions.authenticateSecret(sessionSecret);
    }
    assert.equal(clock.now(), T0 + 11 * HOUR + 40 * MIN);
    assert.equal(repo.get(session.id)?.idleExpiresAt, T0 + 12 * HOUR);
    clock.advance(20 * MIN);
    await refused(
      sessions.authenticateSecret(sessionSecret),
      sessionSecret,
      'TOKEN_EXPIRED',
      'session has expired',
    );
    assert.equal(sessions.list({ includeEnded: true })[0]?.state, 'expired');
  });

  test('authenticateSecret checks the secret and slides; touch slides too', async () => {
    const { session, sessionSecret, refreshToken } = await sessions.create('alice');
    clock.advance(5 * MIN);
    const view = await sessions.authenticateSecret(sessionSecret);
    assert.deepEqual(
      [view.id, view.lastSeenAt, view.idleExpiresAt],
      [session.id, T0 + 5 * MIN, T0 + 35 * MIN],
    );
    clock.advance(5 * MIN);
    await sessions.touch(session.id);
    assert.equal(repo.get(session.id)?.idleExpiresAt, T0 + 40 * MIN);
    await refused(
      sessions.authenticateSecret(refreshToken),
      refreshToken,
      'TOKEN_MALFORMED',
      'session secret is malformed',
    );
    const unknown = `cbs_${'A'.repeat(43)}`;
    await refused(
      sessions.authenticateSecret(unknown),
      unknown,
      'TOKEN_SIGNATURE',
      'session secret is not recognised',
    );
    await sessions.revoke(session.id, 'logout');
    await refused(
      sessions.authenticateSecret(sessionSecret),
      sessionSecret,
      'TOKEN_REVOKED',
      'session has been revoked',
    );
    await assert.rejects(
      sessions.touch('s_AAAAAAAAAAAAAAAA'),
      new NotFound('no session s_AAAAAAAAAAAAAAAA'),
    );
  });

  test('malformed and unknown refresh tokens', async () => {
    await sessions.create('alice');
    for (const bad of [
      '',
      'cbr_short',
      `cbs_${'A'.repeat(43)}`,
      42,
      null,
      `cbr_${'A'.repeat(43)} `,
    ]) {
      await refused(
        sessions.refresh(bad as string),
        bad,
        'TOKEN_MALFORMED',
        'refresh token is malformed',
      );
    }
    const unknown = `cbr_${'A'.repeat(43)}`;
    await refused(
      sessions.refresh(unknown),
      unknown,
      'TOKEN_SIGNATURE',
      'refresh token is not recognised',
    );
  });

  test('a failed write hands out nothing and leaves the old token valid', async () => {
    const { refreshToken } = await sessions.create('alice');
    repo.failNextUpdate = true;
    await assert.rejects(sessions.refresh(refreshToken), new Error('disk full'));
    const next = await sessions.refresh(refreshToken);
    assert.match(next.refreshToken, /^cbr_/);
  });

  test('revoke: logout ends one session; again keeps the first reason; unknown is NOT_FOUND', async () => {
    const a = await sessions.create('alice');
    const b = await sessions.create('alice');
    clock.advance(MIN);
    const view = await sessions.revoke(a.session.id, 'logout');
    assert.deepEqual(
      [view.id, view.username, view.state, view.revokedAt, view.revokedReason],
      [a.session.id, 'alice', 'revoked', T0 + MIN, 'logout'],
    );
    clock.advance(MIN);
    const again = await sessions.revoke(a.session.id, 'operator');
    assert.deepEqual([again.revokedAt, again.revokedReason], [T0 + MIN, 'logout']);
    assert.equal(sessions.isLive(b.session.id), true);
    await assert.rejects(
      sessions.revoke('s_BBBBBBBBBBBBBBBB', 'x'),
      new NotFound('no session s_BBBBBBBBBBBBBBBB'),
    );
    // A credential passed by mistake is not echoed.
    await assert.rejects(sessions.revoke(a.refreshToken, 'x'), new NotFound('no such session'));
    await assert.rejects(
      sessions.revoke(b.session.id, ''),
      new TypeError('"reason" must be a non-empty string of at most 256 characters'),
    );
  });

  test('revokeUser ends every active session of one user and counts them', async () => {
    const a1 = await sessions.create('alice');
    const a2 = await sessions.create('alice');
    const bob = await sessions.create('bob');
    await sessions.revoke(a2.session.id, 'logout');
    const a3 = await sessions.create('alice');
    assert.equal(await sessions.revokeUser('alice', 'password-changed'), 2);
    for (const s of [a1, a3]) {
      await refused(
        sessions.refresh(s.refreshToken),
        s.refreshToken,
        'TOKEN_REVOKED',
        'session has been revoked',
      );
    }
    assert.equal(repo.get(a2.session.id)?.revokedReason, 'logout');
    assert.equal(repo.get(a1.session.id)?.revokedReason, 'password-changed');
    assert.equal(sessions.isLive(bob.session.id), true);
    assert.equal(await sessions.revokeUser('alice', 'disabled'), 0);
    assert.equal(await sessions.revokeUser('nobody', 'disabled'), 0);
  });

  test('list: active by default, by user, oldest first', async () => {
    const a = await sessions.create('alice');
    clock.advance(1);
    const b = await sessions.create('bob');
    clock.advance(1);
    const c = await sessions.create('alice');
    await sessions.revoke(c.session.id, 'logout');
    assert.deepEqual(
      sessions.list().map((v) => v.id),
      [a.session.id, b.session.id],
    );
    assert.deepEqual(
      sessions.list({ username: 'alice' }).map((v) => v.id),
      [a.session.id],
    );
    assert.deepEqual(
      sessions.list({ username: 'alice', includeEnded: true }).map((v) => [v.id, v.state]),
      [
        [a.session.id, 'active'],
        [c.session.id, 'revoked'],
      ],
    );
    const listed = JSON.stringify(sessions.list({ includeEnded: true }));
    assert.ok(!/Hash/.test(listed));
  });

  test('cleanup removes sessions ended longer ago than the grace period', async () => {
    sessions = make({ cleanupGraceMs: HOUR, idleTimeoutMs: 2 * HOUR });
    const revoked = await sessions.create('alice');
    const idle = await sessions.create('bob');
    const live = await sessions.create('carol');
    await sessions.revoke(revoked.session.id, 'logout');
    assert.equal(await sessions.cleanup(), 0);
    clock.advance(HOUR);
    assert.equal(await sessions.cleanup(), 1); // revoked at T0
    await sessions.authenticateSecret(live.sessionSecret); // carol now idles out at T0 + 3 h
    clock.advance(2 * HOUR - 1); // bob idled out at T0 + 2 h
    assert.equal(await sessions.cleanup(), 0);
    clock.advance(1);
    assert.equal(await sessions.cleanup(), 1);
    assert.deepEqual(
      sessions.list({ includeEnded: true }).map((v) => v.username),
      ['carol'],
    );
    await refused(
      sessions.refresh(idle.refreshToken),
      idle.refreshToken,
      'TOKEN_SIGNATURE',
      'refresh token is not recognised',
    );
  });

  test('wrong use is a TypeError naming the argument or option', async () => {
    await assert.rejects(
      sessions.create(''),
      new TypeError('"username" must be a non-empty string of at most 256 characters'),
    );
    await assert.rejects(
      sessions.create('alice', { ip: 5 as unknown as string }),
      new TypeError('"ip" must be a string of at most 64 characters or null'),
    );
    await assert.rejects(
      sessions.revokeUser('alice', undefined as unknown as string),
      new TypeError('"reason" must be a non-empty string of at most 256 characters'),
    );
    assert.throws(
      () => make({ maxUsedHashes: 0 }),
      new TypeError('"maxUsedHashes" option must be an integer from 1 to 1024'),
    );
    assert.equal(repo.list().length, 0);
  });
});

/** The NOT_FOUND error `assert.rejects` compares against (class, code and message). */
class NotFound extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', message);
    this.name = 'NotFoundError';
  }
}
