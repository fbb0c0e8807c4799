import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SecuritySettings } from '../../../../../daemon/security/engine/security-settings.js';
import { events, openTestCore, STRONG } from './engine-fixtures.js';

async function setup(settings: Partial<SecuritySettings> = {}) {
  const { core, clock } = await openTestCore(settings);
  const { security } = core;
  await security.users.create(
    { username: 'root', email: 'root@example.com', password: STRONG, roles: ['admin'] },
    'bootstrap',
  );
  await security.users.create(
    { username: 'alice', email: 'alice@example.com', password: STRONG },
    'root',
  );
  return { core, clock, security, audit: core.audit };
}

const TAMPERED = {
  code: 'INVALID_INPUT',
  message: 'ciphertext failed authentication (altered, or sealed with other associated data)',
};

describe('SecurityEngine.checkPermission', () => {
  test('roles, grants and revokes decide; a revoke beats every role', async () => {
    const { security } = await setup();
    assert.deepEqual(security.checkPermission('ROOT', 'security.users.manage'), {
      allowed: true,
      reason: 'root holds security.users.manage through role admin (*)',
      via: 'role:admin',
    });
    assert.deepEqual(security.checkPermission('alice', 'security.secrets.read'), {
      allowed: false,
      reason: 'no role or grant of alice gives security.secrets.read',
      via: null,
    });
    await security.users.grant('alice', 'security.secrets.*', 'root');
    assert.deepEqual(security.checkPermission('alice', 'security.secrets.read'), {
      allowed: true,
      reason: 'alice holds security.secrets.read through a direct grant (security.secrets.*)',
      via: 'grant',
    });
    await security.users.revoke('root', 'security.keys.*', 'root');
    assert.deepEqual(security.checkPermission('root', 'security.keys.manage'), {
      allowed: false,
      reason: 'security.keys.manage is revoked for root (revoke security.keys.*)',
      via: 'revoke:security.keys.*',
    });
    assert.equal(security.checkPermission('root', 'security.users.manage').allowed, true);
  });

  test('a malformed permission or a pattern is refused as input, naming the field', async () => {
    const { security } = await setup();
    assert.throws(() => security.checkPermission('alice', 'Not A Permission!'), {
      code: 'INVALID_INPUT',
      details: { field: 'permission' },
    });
    assert.throws(() => security.checkPermission('alice', 'monitoring.*'), {
      code: 'INVALID_INPUT',
      message: "'monitoring.*' is a pattern; name one permission to check",
      details: { field: 'permission' },
    });
    // Case is not significant: the permission is checked in its canonical form.
    assert.equal(security.checkPermission('alice', 'MONITORING.READ').allowed, true);
  });

  test('the owner rule applies through the resource', async () => {
    const { security } = await setup();
    assert.equal(security.checkPermission('alice', 'content.edit').allowed, false);
    assert.deepEqual(
      security.checkPermission('alice', 'content.edit', { type: 'note', ownerId: 'alice' }),
      {
        allowed: true,
        reason: 'alice owns this note and holds content.create through role user (content.create)',
        via: 'owner',
      },
    );
  });

  test('unknown, disabled and locked users may do nothing', async () => {
    const { security, clock } = await setup();
    assert.deepEqual(security.checkPermission('nobody', 'content.read'), {
      allowed: false,
      reason: "no user named 'nobody'",
      via: null,
    });
    await security.users.setStatus('root', 'disabled', 'root');
    assert.deepEqual(security.checkPermission('root', 'content.read'), {
      allowed: false,
      reason: "root's account is disabled",
      via: null,
    });
    await security.users.setLockout('alice', {
      failures: 5,
      lastFailureAt: clock.now(),
      lockedUntil: clock.now() + 60_000,
      temporaryLockouts: 1,
      permanent: false,
    });
    assert.equal(
      security.checkPermission('alice', 'content.read').reason,
      "alice's account is locked",
    );
    clock.advance(60_000);
    assert.equal(
      security.checkPermission('alice', 'content.read').allowed,
      true,
      'the lock ran out',
    );
  });
});

describe('SecurityEngine crypto', () => {
  test('encrypt and decrypt round-trip, with associated data bound', async () => {
    const { security } = await setup();
    const sealed = await security.encrypt('attack at dawn');
    assert.match(sealed, /^cbv1:/);
    assert.equal((await security.decrypt(sealed)).toString(), 'attack at dawn');
    const bound = await security.encrypt(Buffer.from([1, 2, 3]), 'record-7');
    assert.deepEqual(await security.decrypt(bound, 'record-7'), Buffer.from([1, 2, 3]));
    await assert.rejects(security.decrypt(bound, 'record-8'), TAMPERED);
    await assert.rejects(security.decrypt(bound), TAMPERED);
    await assert.rejects(security.decrypt('not a ciphertext'), {
      code: 'INVALID_INPUT',
      details: { reason: 'malformed', field: 'ciphertext' },
    });
  });

  test('sign and verify; altered data or another algorithm do not verify', async () => {
    const { security, audit } = await setup();
    const signed = await security.sign('payload', 'ed25519');
    assert.deepEqual([signed.algorithm, signed.keyVersion], ['ed25519', 1]);
    assert.equal(await security.verify('payload', signed.signature, 'ed25519'), true);
    assert.equal(await security.verify('payload', signed.signature, 'ed25519', 1), true);
    assert.equal(await security.verify('payload!', signed.signature, 'ed25519'), false);
    assert.equal(await security.verify('payload', signed.signature, 'rsa-pss'), false);
    assert.equal(events(audit, 'key.created').at(-1)?.subject, 'signing-keys:ed25519');
  });

  test('rsa-pss is the default signing algorithm', async () => {
    const { security } = await setup();
    const signed = await security.sign(Buffer.from('payload'));
    assert.equal(signed.algorithm, 'rsa-pss');
    assert.equal(await security.verify('payload', signed.signature, 'rsa-pss'), true);
  });

  test('rotateKeys: old signatures, ciphertexts and tokens stay valid; secrets are rewrapped', async () => {
    const { security } = await setup();
    const signed = await security.sign('payload', 'ed25519');
    const sealed = await security.encrypt('old data');
    await security.vault.put('db', 'secret value', 'root');
    const login = await security.auth.login('alice', STRONG);
    const result = await security.rotateKeys('root');
    assert.equal(result.dataKeyVersion, 2);
    assert.equal(result.rewrapped, 1);
    assert.deepEqual(
      result.signing.map((s) => [s.algorithm, s.version]),
      [['ed25519', 2]],
    );
    assert.equal(await security.verify('payload', signed.signature, 'ed25519'), true);
    assert.equal(await security.verify('payload', signed.signature, 'ed25519', 1), true);
    assert.equal(await security.verify('payload', signed.signature, 'ed25519', 2), false);
    assert.equal((await security.sign('payload', 'ed25519')).keyVersion, 2);
    assert.equal((await security.decrypt(sealed)).toString(), 'old data');
    assert.match(await security.encrypt('new data'), /^cbv2:/);
    assert.deepEqual(
      security.vault.list().map((s) => s.keyVersion),
      [2],
    );
    assert.equal((await security.vault.get('db', 'root')).toString(), 'secret value');
    const { claims } = await security.auth.verifyToken(login.accessToken);
    assert.equal(claims.sub, 'alice');
    const fresh = await security.auth.login('alice', STRONG);
    assert.notEqual((await security.auth.verifyToken(fresh.accessToken)).claims.kid, claims.kid);
  });
});

describe('SecurityEngine composition', () => {
  test('token lifetime follows the settings at each issue', async () => {
    let ttlMs = 15 * 60_000;
    const { security, clock } = await setup({ tokenTtlMs: () => ttlMs });
    const a = await security.auth.login('alice', STRONG);
    assert.equal(a.expiresAt - clock.now(), 15 * 60_000);
    ttlMs = 5 * 60_000;
    const b = await security.auth.login('alice', STRONG);
    assert.equal(b.expiresAt - clock.now(), 5 * 60_000);
    assert.equal((await security.auth.verifyToken(b.accessToken)).claims.sub, 'alice');
  });

  test('credential changes end sessions and say so in the log', async () => {
    const { security, audit } = await setup();
    const a = await security.auth.login('alice', STRONG);
    await security.auth.login('alice', STRONG);
    await security.users.setStatus('alice', 'disabled', 'root');
    assert.equal(security.sessions.isLive(a.session.id), false);
    const revoked = events(audit, 'session.revoked');
    assert.deepEqual(
      revoked.map((e) => [e.actor, e.subject, e.details]),
      [['system', 'alice', { reason: 'user disabled', sessions: 2 }]],
    );
    await security.users.setStatus('root', 'disabled', 'root');
    assert.equal(events(audit, 'session.revoked').length, 1, 'no sessions, no event');
  });

  test('cleanup removes ended sessions; detectThreat only judges', async () => {
    const { security, clock, audit } = await setup();
    const a = await security.auth.login('alice', STRONG);
    await security.auth.logout(a.session.id, 'alice');
    clock.advance(30 * 86_400_000);
    const result = await security.cleanup();
    assert.deepEqual(result, { sessions: 1 });
    assert.equal(security.sessions.list({ includeEnded: true }).length, 0);
    const before = events(audit).length;
    assert.equal(security.detectThreat({ q: "1' OR '1'='1" })?.type, 'sqli');
    assert.equal(security.detectThreat({ q: 'fine' }), null);
    assert.equal(events(audit).length, before);
  });

  test('the status window counts the chosen events as they happen', async () => {
    const { security } = await setup();
    await assert.rejects(security.auth.login('alice', 'wrong password'), { code: 'AUTH_FAILED' });
    assert.equal(security.recentEvents.count('login.failure'), 1);
    security.dispose();
    await assert.rejects(security.auth.login('alice', 'wrong password'), { code: 'AUTH_FAILED' });
    assert.equal(security.recentEvents.count('login.failure'), 1, 'disposed: no longer counting');
  });
});
