import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BEARER_RECHECK_MS,
  BearerTokens,
  MAX_BEARER_ENTRIES,
} from '../../../../../daemon/http/auth/bearer-tokens.js';
import type { Core } from '../../../../../daemon/core.js';
import type { ManualClock } from '../../../../../daemon/clock.js';
import type { SecuritySettings } from '../../../../../daemon/security/engine/security-settings.js';
import { events, openTestCore, STRONG } from '../../security/engine/engine-fixtures.js';

const IP = '203.0.113.9';

interface Setup {
  core: Core;
  clock: ManualClock;
  tokens: BearerTokens;
  /** How many times the engine's verifyToken ran. */
  engineCalls: () => number;
  login: () => Promise<{ accessToken: string; sessionId: string }>;
}

async function setup(
  settings: Partial<SecuritySettings> = {},
  maxEntries?: number,
): Promise<Setup> {
  const { core, clock } = await openTestCore(settings);
  await core.security.users.create(
    { username: 'alice', email: 'alice@example.com', password: STRONG, roles: ['admin'] },
    'root',
  );
  const auth = core.security.auth;
  const original = auth.verifyToken.bind(auth);
  let calls = 0;
  auth.verifyToken = (token, meta) => {
    calls += 1;
    return original(token, meta);
  };
  const tokens = new BearerTokens({
    security: core.security,
    blacklist: core.blacklist,
    clock,
    ...(maxEntries === undefined ? {} : { maxEntries }),
  });
  return {
    core,
    clock,
    tokens,
    engineCalls: () => calls,
    login: async () => {
      const result = await auth.login('alice', STRONG);
      return { accessToken: result.accessToken, sessionId: result.session.id };
    },
  };
}

async function withSetup(
  run: (s: Setup) => Promise<void>,
  settings: Partial<SecuritySettings> = {},
  maxEntries?: number,
): Promise<void> {
  const s = await setup(settings, maxEntries);
  try {
    await run(s);
  } finally {
    await s.core.close();
  }
}

describe('BearerTokens', () => {
  it('verifies with the engine once, then answers from memory for a minute', () =>
    withSetup(async ({ tokens, clock, engineCalls, login }) => {
      const { accessToken, sessionId } = await login();
      const first = await tokens.verify(accessToken, { ip: IP });
      assert.equal(first.user.username, 'alice');
      assert.equal(first.claims.sid, sessionId);
      assert.equal(engineCalls(), 1);
      clock.advance(BEARER_RECHECK_MS - 1);
      const again = await tokens.verify(accessToken, { ip: IP });
      assert.deepEqual(again.claims, first.claims);
      assert.equal(again.user.username, 'alice');
      assert.equal(engineCalls(), 1);
      clock.advance(1);
      await tokens.verify(accessToken, { ip: IP });
      assert.equal(engineCalls(), 2);
      assert.equal(tokens.size, 1);
    }));

  it('recalls a verified token at once, without a promise, and only its exact text', () =>
    withSetup(async ({ core, tokens, clock, engineCalls, login }) => {
      const { accessToken } = await login();
      assert.equal(tokens.recall(accessToken, { ip: IP }), null, 'nothing before it verified');
      await tokens.verify(accessToken, { ip: IP });
      const known = tokens.recall(accessToken, { ip: IP });
      assert.ok(known !== null && !(known instanceof Promise));
      assert.equal(known.user.username, 'alice');
      assert.equal(tokens.recall(`${accessToken} `, { ip: IP }), null);
      assert.equal(tokens.recall(accessToken.slice(0, -1), { ip: IP }), null);
      assert.equal(engineCalls(), 1, 'recall never asks the engine');
      // What verify() would refuse, recall does not answer: a banned address, an expired entry.
      await core.blacklist.add(IP, { actor: 'root' });
      assert.equal(tokens.recall(accessToken, { ip: IP }), null);
      assert.equal(tokens.size, 0, 'an entry that no longer holds is dropped');
      await core.blacklist.remove(IP, 'root');
      await tokens.verify(accessToken, { ip: IP });
      clock.advance(BEARER_RECHECK_MS);
      assert.equal(tokens.recall(accessToken, { ip: IP }), null);
    }));

  it('keeps only a digest of the token, never the token', () =>
    withSetup(async ({ tokens, login }) => {
      const { accessToken } = await login();
      await tokens.verify(accessToken);
      const kept = JSON.stringify([
        ...(tokens as unknown as { entries: Map<string, unknown> }).entries,
      ]);
      assert.equal(kept.includes(accessToken), false);
      for (const part of accessToken.split('.')) assert.equal(kept.includes(part), false);
    }));

  it('refuses a revoked session on the very next request, with the engine error and event', () =>
    withSetup(async ({ core, tokens, engineCalls, login }) => {
      const { accessToken, sessionId } = await login();
      await tokens.verify(accessToken, { ip: IP });
      await core.security.auth.logout(sessionId, 'alice');
      await assert.rejects(tokens.verify(accessToken, { ip: IP }), {
        code: 'TOKEN_REVOKED',
        message: 'token belongs to a session that has ended',
      });
      assert.equal(engineCalls(), 2);
      assert.equal(events(core.audit, 'token.refused').at(-1)?.ip, IP);
      assert.equal(tokens.size, 0);
    }));

  it('refuses a disabled, locked or deleted user on the very next request', () =>
    withSetup(async ({ core, clock, tokens, login }) => {
      const { security } = core;
      const { accessToken } = await login();
      await tokens.verify(accessToken);
      // Straight on the record: disabling through setStatus would end the sessions too, and the
      // user check must hold by itself.
      await security.users.update('alice', () => ({ status: 'disabled' }));
      await assert.rejects(tokens.verify(accessToken), {
        code: 'TOKEN_REVOKED',
        message: "the token's user can no longer log in",
      });
      await security.users.update('alice', () => ({ status: 'active' }));
      assert.equal((await tokens.verify(accessToken)).user.username, 'alice');
      await security.users.setLockout('alice', {
        ...security.users.record('alice').lockout,
        lockedUntil: clock.now() + 60_000,
      });
      await assert.rejects(tokens.verify(accessToken), {
        code: 'TOKEN_REVOKED',
        message: "the token's user can no longer log in",
      });
      await security.users.unlock('alice', 'root');
      await tokens.verify(accessToken);
      await security.users.delete('alice', 'root');
      await assert.rejects(tokens.verify(accessToken), {
        code: 'TOKEN_REVOKED',
        message: 'token belongs to a session that has ended',
      });
    }));

  it('gives the current roles of the user on a remembered token', () =>
    withSetup(async ({ core, tokens, engineCalls, login }) => {
      const { accessToken } = await login();
      await tokens.verify(accessToken);
      await core.security.users.setRoles('alice', ['guest'], 'root');
      assert.deepEqual((await tokens.verify(accessToken)).user.roles, ['guest']);
      assert.equal(engineCalls(), 1);
    }));

  it('refuses a banned address on the very next request (IP_BANNED, as the engine does)', () =>
    withSetup(async ({ core, tokens, login }) => {
      const { accessToken } = await login();
      await tokens.verify(accessToken, { ip: IP });
      await core.blacklist.add(IP, { actor: 'root' });
      await assert.rejects(tokens.verify(accessToken, { ip: IP }), {
        code: 'IP_BANNED',
        message: `address ${IP} is blocked (blacklist)`,
      });
      assert.deepEqual(events(core.audit, 'token.refused').at(-1)?.details, {
        reason: 'ip-banned',
        source: 'manual',
      });
      // Another address still gets in with the same token.
      assert.equal(
        (await tokens.verify(accessToken, { ip: '203.0.113.10' })).user.username,
        'alice',
      );
    }));

  it('never trusts a token past its expiry: the engine refuses it then', () =>
    withSetup(
      async ({ tokens, clock, engineCalls, login }) => {
        const { accessToken } = await login();
        await tokens.verify(accessToken);
        clock.advance(29_999);
        await tokens.verify(accessToken);
        assert.equal(engineCalls(), 1);
        clock.advance(1);
        // At exp the engine is asked again (it allows its clock tolerance; the cache does not).
        await tokens.verify(accessToken).catch(() => undefined);
        assert.equal(engineCalls(), 2);
        clock.advance(10 * 60_000);
        await assert.rejects(tokens.verify(accessToken), { code: 'TOKEN_EXPIRED' });
      },
      { tokenTtlMs: () => 30_000 },
    ));

  it('asks the engine again when the token policy changes', async () => {
    let algorithm: 'ed25519' | 'rsa-pss' = 'ed25519';
    await withSetup(
      async ({ tokens, engineCalls, login }) => {
        const { accessToken } = await login();
        await tokens.verify(accessToken);
        algorithm = 'rsa-pss';
        await assert.rejects(tokens.verify(accessToken), { code: 'TOKEN_ALGORITHM' });
        assert.equal(engineCalls(), 2);
      },
      { tokenAlgorithm: () => algorithm },
    );
  });

  it('asks the engine again when the clock went back before the verification', () =>
    withSetup(async ({ tokens, clock, engineCalls, login }) => {
      const { accessToken } = await login();
      clock.advance(1_000);
      await tokens.verify(accessToken);
      clock.set(clock.now() - 1);
      await tokens.verify(accessToken);
      assert.equal(engineCalls(), 2);
    }));

  it('does not remember refusals: a forged token goes to the engine every time', () =>
    withSetup(async ({ tokens, engineCalls }) => {
      for (let i = 0; i < 2; i += 1)
        await assert.rejects(tokens.verify('abc.def.ghi'), { code: 'TOKEN_MALFORMED' });
      await assert.rejects(tokens.verify(42 as unknown as string), {
        code: 'TOKEN_MALFORMED',
        message: 'token is not a well-formed JWT',
      });
      assert.equal(engineCalls(), 3);
      assert.equal(tokens.size, 0);
    }));

  it('remembers at most maxEntries tokens, the least recently used dropped first', () =>
    withSetup(
      async ({ tokens, engineCalls, login }) => {
        const a = (await login()).accessToken;
        const b = (await login()).accessToken;
        const c = (await login()).accessToken;
        await tokens.verify(a);
        await tokens.verify(b);
        await tokens.verify(a);
        await tokens.verify(c);
        assert.equal(tokens.size, 2);
        assert.equal(engineCalls(), 3);
        await tokens.verify(a);
        assert.equal(engineCalls(), 3);
        await tokens.verify(b);
        assert.equal(engineCalls(), 4);
        tokens.clear();
        assert.equal(tokens.size, 0);
      },
      {},
      2,
    ));

  it('checks its options', async () => {
    const { core, clock } = await openTestCore();
    try {
      const good = { security: core.security, blacklist: core.blacklist, clock };
      assert.equal(MAX_BEARER_ENTRIES, 1_000);
      for (const name of ['security', 'blacklist', 'clock'] as const)
        assert.throws(() => new BearerTokens({ ...good, [name]: undefined } as never), {
          name: 'TypeError',
          message: `"${name}" option is required`,
        });
      for (const maxEntries of [0, 1.5, -1])
        assert.throws(() => new BearerTokens({ ...good, maxEntries }), {
          name: 'TypeError',
          message: '"maxEntries" option must be a positive integer',
        });
    } finally {
      await core.close();
    }
  });
});
