import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BearerTokens } from '../../../../../daemon/http/auth/bearer-tokens.js';
import { CookieSessions } from '../../../../../daemon/http/auth/cookie-sessions.js';
import {
  authenticate,
  type AuthenticateDeps,
} from '../../../../../daemon/http/middleware/authenticate.js';
import { openTestCore, STRONG } from '../../security/engine/engine-fixtures.js';

const IP = '203.0.113.7';

async function withDeps(run: (deps: AuthenticateDeps) => Promise<void>): Promise<void> {
  const { core, clock } = await openTestCore();
  try {
    await core.security.users.create(
      { username: 'alice', email: 'alice@example.com', password: STRONG, roles: ['admin'] },
      'root',
    );
    await run({
      security: core.security,
      audit: core.audit,
      cookieSessions: new CookieSessions(core.security.sessions, clock),
      bearerTokens: new BearerTokens({ security: core.security, blacklist: core.blacklist, clock }),
      clock,
    });
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

  it('refuses a malformed header or a forged token as before', () =>
    withDeps(async (deps) => {
      const { accessToken } = await deps.security.auth.login('alice', STRONG);
      await authenticate(deps, request(`Bearer ${accessToken}`));
      const malformed = await authenticate(deps, request(`Bearer ${accessToken}!`));
      assert.equal(malformed.principal, null);
      assert.equal(malformed.failure?.code, 'UNAUTHORISED');
      const forged = await authenticate(deps, request(`Bearer ${accessToken.slice(0, -2)}AA`));
      assert.equal(forged.principal, null);
      assert.equal(forged.failure?.code, 'TOKEN_SIGNATURE');
    }));

  it('answers a session cookie checked within the minute at once', () =>
    withDeps(async (deps) => {
      const { sessionSecret } = await deps.security.sessions.create('alice');
      const first = authenticate(deps, request(undefined, { cb_session: sessionSecret }));
      assert.ok(first instanceof Promise);
      assert.equal((await first).principal?.via, 'cookie');
      const again = authenticate(deps, request(undefined, { cb_session: sessionSecret }));
      assert.ok(!(again instanceof Promise));
      assert.equal(again.principal?.username, 'alice');
      assert.equal(again.sessionSecret, sessionSecret);
      // A user disabled since is refused at once, and the cookie is to be cleared.
      await deps.security.users.setStatus('alice', 'disabled', 'root');
      const refused = authenticate(deps, request(undefined, { cb_session: sessionSecret }));
      assert.equal((await refused).failure?.code, 'TOKEN_REVOKED');
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
