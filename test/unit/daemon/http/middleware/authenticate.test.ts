import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BearerTokens } from '../../../../../daemon/http/auth/bearer-tokens.js';
import { CookieSessions } from '../../../../../daemon/http/auth/cookie-sessions.js';
import {
  authenticate,
  type AuthenticateDeps,
} from '../../../../../daemon/http/middleware/authenticate.js';
import type { ManualClock } from '../../../../../daemon/clock.js';
import type { Core } from '../../../../../daemon/core.js';
import type { SecuritySettings } from '../../../../../daemon/security/engine/security-settings.js';
import { openTestCore, STRONG } from '../../security/engine/engine-fixtures.js';

const IP = '203.0.113.7';

async function withDeps(
  run: (deps: AuthenticateDeps, clock: ManualClock, core: Core) => Promise<void>,
  settings: Partial<SecuritySettings> = {},
): Promise<void> {
  const { core, clock } = await openTestCore(settings);
  try {
    await core.security.users.create(
      { username: 'alice', email: 'alice@example.com', password: STRONG, roles: ['admin'] },
      'root',
    );
    await run(
      {
        security: core.security,
        audit: core.audit,
        cookieSessions: new CookieSessions(core.security.sessions, clock),
        bearerTokens: new BearerTokens({
          security: core.security,
          blacklist: core.blacklist,
          clock,
        }),
        clock,
      },
      clock,
      core,
    );
  } finally {
    await core.close();
  }
}

const request = (authorization: string | undefined, cookies: Record<string, string> = {}) => ({
  authorization,
  cookies,
  ip: IP,
  userAgent: null,
});

describe('authenticate', () => {
  it('answers a remembered bearer token at once, the first use through the engine', () =>
    withDeps(async (deps) => {
      const { accessToken } = await deps.security.auth.login('alice', STRONG);
      const first = authenticate(deps, request(`Bearer ${accessToken}`));
      assert.ok(first instanceof Promise, 'the engine verifies a token it has not seen');
      assert.equal((await first).principal?.username, 'alice');
      const again = authenticate(deps, request(`Bearer ${accessToken}`));
      assert.ok(!(again instanceof Promise));
      assert.deepEqual(again.principal, {
        username: 'alice',
        roles: ['admin'],
        sessionId: (await first).principal?.sessionId,
        via: 'bearer',
      });
      // Other spellings of the scheme still work (through verify, which recalls the token).
      const lower = await authenticate(deps, request(`bearer  ${accessToken} `));
      assert.equal(lower.principal?.username, 'alice');
    }));

  it('refuses a remembered token on the very next request once anything it rests on changes', async () => {
    let algorithm: 'ed25519' | 'rsa-pss' = 'ed25519';
    await withDeps(
      async (deps, clock, core) => {
        const login = async () => {
          const { accessToken } = await deps.security.auth.login('alice', STRONG);
          const header = `Bearer ${accessToken}`;
          assert.equal((await authenticate(deps, request(header))).principal?.username, 'alice');
          assert.ok(!(authenticate(deps, request(header)) instanceof Promise), 'remembered');
          return header;
        };
        const refused = async (header: string) => {
          const outcome = await authenticate(deps, request(header));
          assert.equal(outcome.principal, null);
          return { code: outcome.failure?.code, message: outcome.failure?.message };
        };
        // Its session revoked.
        let header = await login();
        const sid = (await authenticate(deps, request(header))).principal?.sessionId as string;
        await deps.security.sessions.revoke(sid, 'test');
        assert.deepEqual(await refused(header), {
          code: 'TOKEN_REVOKED',
          message: 'token belongs to a session that has ended',
        });
        // Its address banned.
        header = await login();
        await core.blacklist.add(IP, { actor: 'root' });
        assert.deepEqual(await refused(header), {
          code: 'IP_BANNED',
          message: `address ${IP} is blocked (blacklist)`,
        });
        await core.blacklist.remove(IP, 'root');
        // Its user locked out.
        header = await login();
        await deps.security.users.setLockout('alice', {
          ...deps.security.users.record('alice').lockout,
          lockedUntil: clock.now() + 60_000,
        });
        assert.deepEqual(await refused(header), {
          code: 'TOKEN_REVOKED',
          message: "the token's user can no longer log in",
        });
        await deps.security.users.unlock('alice', 'root');
        // The token settings changed.
        header = await login();
        algorithm = 'rsa-pss';
        assert.deepEqual(await refused(header), {
          code: 'TOKEN_ALGORITHM',
          message: 'token algorithm is not allowed',
        });
        algorithm = 'ed25519';
        // Its user disabled (on the record alone: setStatus would end the sessions too).
        header = await login();
        await deps.security.users.update('alice', () => ({ status: 'disabled' }));
        assert.deepEqual(await refused(header), {
          code: 'TOKEN_REVOKED',
          message: "the token's user can no longer log in",
        });
      },
      { tokenAlgorithm: () => algorithm },
    );
  });

  it('refuses a malformed header or a forged token as before', () =>
    withDeps(async (deps) => {
      const { accessToken } = await deps.security.auth.login('alice', STRONG);
      await authenticate(deps, request(`Bearer ${accessToken}`));
      const malformed = await authenticate(deps, request(`Bearer ${accessToken}!`));
      assert.equal(malformed.principal, null);
      assert.deepEqual(
        { code: malformed.failure?.code, message: malformed.failure?.message },
        {
          code: 'UNAUTHORISED',
          message: 'the Authorization header must be "Bearer <access token>"',
        },
      );
      // One signature character changed (the first: all six of its bits are signature bits).
      const [head, claims, signature = ''] = accessToken.split('.');
      const other = signature.startsWith('A') ? 'B' : 'A';
      const forgedToken = `${head}.${claims}.${other}${signature.slice(1)}`;
      const forged = await authenticate(deps, request(`Bearer ${forgedToken}`));
      assert.equal(forged.principal, null);
      assert.deepEqual(
        { code: forged.failure?.code, message: forged.failure?.message },
        { code: 'TOKEN_SIGNATURE', message: 'token signature does not verify' },
      );
    }));

  it('answers a session cookie checked within the minute at once', () =>
    withDeps(async (deps, clock) => {
      const { sessionSecret } = await deps.security.sessions.create('alice');
      const first = authenticate(deps, request(undefined, { cb_session: sessionSecret }));
      assert.ok(first instanceof Promise);
      assert.equal((await first).principal?.via, 'cookie');
      const again = authenticate(deps, request(undefined, { cb_session: sessionSecret }));
      assert.ok(!(again instanceof Promise));
      assert.equal(again.principal?.username, 'alice');
      assert.equal(again.sessionSecret, sessionSecret);
      // A user locked out since is refused at once, from memory, and the cookie is to be cleared.
      await deps.security.users.setLockout('alice', {
        ...deps.security.users.record('alice').lockout,
        lockedUntil: clock.now() + 60_000,
      });
      const locked = authenticate(deps, request(undefined, { cb_session: sessionSecret }));
      assert.ok(!(locked instanceof Promise));
      assert.deepEqual(
        { code: locked.failure?.code, message: locked.failure?.message, clear: locked.clearCookie },
        { code: 'TOKEN_REVOKED', message: "the session's user can no longer log in", clear: true },
      );
      await deps.security.users.unlock('alice', 'root');
      // A user disabled since is refused at once (disabling ends the sessions), and the cookie is
      // to be cleared.
      await deps.security.users.setStatus('alice', 'disabled', 'root');
      const refused = authenticate(deps, request(undefined, { cb_session: sessionSecret }));
      assert.deepEqual(
        { code: (await refused).failure?.code, message: (await refused).failure?.message },
        { code: 'TOKEN_REVOKED', message: 'session has been revoked' },
      );
      assert.equal((await refused).clearCookie, true);
    }));

  it('has nothing to do without credentials', () =>
    withDeps(async (deps) => {
      const none = authenticate(deps, request(undefined));
      assert.ok(!(none instanceof Promise));
      assert.equal(none.principal, null);
      assert.equal(none.failure, null);
    }));
});
