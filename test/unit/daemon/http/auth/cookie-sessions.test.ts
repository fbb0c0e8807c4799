import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CookieSessions, RECHECK_MS } from '../../../../../daemon/http/auth/cookie-sessions.js';
import { csrfTokenFor } from '../../../../../daemon/http/auth/csrf-token.js';
import { openTestCore } from '../../security/engine/engine-fixtures.js';

describe('CookieSessions', () => {
  it('asks the engine at most once a minute per secret, but sees a revocation at once', async () => {
    const { core, clock } = await openTestCore();
    try {
      const { session, sessionSecret } = await core.security.sessions.create('ada');
      const cookies = new CookieSessions(core.security.sessions, clock);
      const first = await cookies.authenticate(sessionSecret);
      assert.deepEqual(first, {
        sessionId: session.id,
        username: 'ada',
        absoluteExpiresAt: session.absoluteExpiresAt,
        csrfToken: csrfTokenFor(sessionSecret, session.id),
      });
      const seen = () => core.security.sessions.list().find((s) => s.id === session.id)?.lastSeenAt;
      const slidAt = seen();
      // Within the minute the session is recalled at once (no promise), the same each time.
      assert.equal(cookies.recall(sessionSecret), first);
      assert.equal(cookies.recall('cbs_nope'), null);
      clock.advance(RECHECK_MS - 1);
      await cookies.authenticate(sessionSecret);
      assert.equal(seen(), slidAt);
      clock.advance(1);
      assert.equal(cookies.recall(sessionSecret), null, 'after a minute the engine is asked');
      await cookies.authenticate(sessionSecret);
      assert.equal(seen(), clock.now());
      await core.security.sessions.revoke(session.id, 'test');
      assert.equal(cookies.recall(sessionSecret), null, 'a revoked session is not recalled');
      await assert.rejects(cookies.authenticate(sessionSecret), { code: 'TOKEN_REVOKED' });
      await assert.rejects(cookies.authenticate('cbs_nope'), {
        code: 'TOKEN_MALFORMED',
        message: 'session secret is malformed',
      });
    } finally {
      await core.close();
    }
  });
});
