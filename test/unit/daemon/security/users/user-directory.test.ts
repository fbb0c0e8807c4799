import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashSync } from '@node-rs/bcrypt';
import { ManualClock } from '../../../../../daemon/clock.js';
import { AuditLog } from '../../../../../daemon/security/audit-log.js';
import { lockStatus } from '../../../../../daemon/security/guard/lockout-policy.js';
import { PasswordHasher } from '../../../../../daemon/security/passwords/password-hasher.js';
import { assertPasswordAcceptable } from '../../../../../daemon/security/passwords/password-policy.js';
import { UserDirectory } from '../../../../../daemon/security/users/user-directory.js';
import { AppError } from '../../../../../src/protocol/errors.js';
import { events, failingStore, STRONG, STRONG_2 } from '../engine/engine-fixtures.js';

/** A hasher that counts its bcrypt work. */
class CountingHasher extends PasswordHasher {
  hashes = 0;
  override async hash(password: string): Promise<string> {
    this.hashes += 1;
    return super.hash(password);
  }
}

async function setup() {
  const clock = new ManualClock();
  const { store, adapter } = await failingStore();
  const { log: audit } = await AuditLog.open({ file: null, clock });
  const hasher = new CountingHasher({ cost: () => 4, minCost: 4 });
  const ended: Array<[string, string]> = [];
  const users = new UserDirectory({
    store,
    audit,
    clock,
    hasher,
    checkPassword: (password, user) => void assertPasswordAcceptable(password, user),
    onCredentialsChanged: async (username, reason) => void ended.push([username, reason]),
  });
  return { clock, store, adapter, audit, hasher, users, ended };
}

/** Asserts an AppError's code and message (and, when given, its details). */
async function rejects(
  promise: Promise<unknown>,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError, `not an AppError: ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.message, message);
    if (details !== undefined) assert.deepEqual(error.details, details);
    return true;
  });
}

const alice = { username: 'Alice', email: 'alice@Example.COM', password: STRONG };

describe('UserDirectory.create', () => {
  test('stores a user under the lower-case name, hashed, and audits it', async () => {
    const { users, audit, hasher, clock, adapter } = await setup();
    assert.equal(users.isEmpty(), true);
    const view = await users.create(alice, 'root');
    assert.deepEqual(view, {
      username: 'alice',
      displayName: 'Alice',
      email: 'alice@example.com',
      roles: ['user'],
      status: 'active',
      lockedUntil: null,
      failedLogins: 0,
      grants: [],
      revokes: [],
      createdAt: clock.now(),
      updatedAt: clock.now(),
      lastLoginAt: null,
      passwordChangedAt: clock.now(),
      origin: 'created',
    });
    assert.equal(users.isEmpty(), false);
    const record = users.record('ALICE');
    assert.equal(record.createdBy, 'root');
    assert.equal(await hasher.verify(STRONG, record.passwordHash), true);
    assert.equal(adapter.data?.users.length, 1, 'durable before create resolved');
    const [event] = events(audit);
    assert.equal(event?.type, 'user.created');
    assert.equal(event?.actor, 'root');
    assert.equal(event?.subject, 'alice');
    assert.equal(event?.outcome, 'success');
    assert.deepEqual(event?.details, { roles: ['user'], origin: 'created' });
  });

  test('imports an existing bcrypt hash as it is, with an empty email', async () => {
    const { users, audit, hasher } = await setup();
    const hash = hashSync('imported password', 4).replace(/^\$2b\$/, '$2y$');
    const view = await users.create({ username: 'bob', email: '', passwordHash: hash }, 'import');
    assert.equal(view.email, '');
    assert.equal(view.origin, 'htpasswd');
    assert.equal(users.record('bob').passwordHash, hash);
    assert.equal(hasher.hashes, 0, 'an import hashes nothing');
    assert.deepEqual(events(audit, 'user.created')[0]?.details, {
      roles: ['user'],
      origin: 'htpasswd',
    });
  });

  test('refuses an import whose hash is not bcrypt, and an empty email without a hash', async () => {
    const { users, audit } = await setup();
    await rejects(
      users.create({ username: 'bob', email: '', passwordHash: '{SHA}abc' }, 'import'),
      'INVALID_INPUT',
      'password hash is not a bcrypt hash ($2a$, $2b$ or $2y$)',
      { field: 'passwordHash' },
    );
    await rejects(
      users.create({ username: 'bob', email: '', password: STRONG }, 'root'),
      'INVALID_INPUT',
      'email is not a valid address',
      { field: 'email' },
    );
    assert.equal(users.isEmpty(), true);
    assert.equal(events(audit).length, 0);
  });

  test('refuses a name taken in any case', async () => {
    const { users } = await setup();
    await users.create(alice, 'root');
    await rejects(
      users.create({ ...alice, username: 'ALICE', password: STRONG_2 }, 'root'),
      'CONFLICT',
      "user 'alice' already exists",
      { field: 'username' },
    );
  });

  test('two creates of one name at once: the second is refused after hashing', async () => {
    const { users } = await setup();
    const results = await Promise.allSettled([
      users.create(alice, 'root'),
      users.create({ ...alice, username: 'aLiCe', password: STRONG_2 }, 'root'),
    ]);
    assert.equal(results[0]?.status, 'fulfilled');
    assert.equal(results[1]?.status, 'rejected');
    assert.equal((results[1] as PromiseRejectedResult).reason.code, 'CONFLICT');
    assert.equal(users.list().length, 1);
  });

  test('roles: parsed case-insensitively, deduplicated; none, or an unknown one, refused', async () => {
    const { users } = await setup();
    const view = await users.create({ ...alice, roles: ['Admin', 'admin', 'user'] }, 'root');
    assert.deepEqual(view.roles, ['admin', 'user']);
    await rejects(
      users.create({ ...alice, username: 'carol', roles: [] }, 'root'),
      'INVALID_INPUT',
      'a user needs at least one role',
      { field: 'roles' },
    );
    await rejects(
      users.create({ ...alice, username: 'carol', roles: ['root'] }, 'root'),
      'INVALID_INPUT',
      "'root' is not a role; valid roles: admin, user, moderator, guest, service",
      { field: 'role' },
    );
  });

  test('a weak or missing password is refused before anything is hashed or stored', async () => {
    const { users, audit, hasher, adapter } = await setup();
    await rejects(
      users.create({ ...alice, password: 'short' }, 'root'),
      'WEAK_PASSWORD',
      'password is too short: at least 15 characters are required',
      { rule: 'too-short' },
    );
    await rejects(
      users.create({ ...alice, password: 'alice-has-a-long-password' }, 'root'),
      'WEAK_PASSWORD',
      'password must not contain the username',
      { rule: 'contains-username' },
    );
    await rejects(
      users.create({ username: 'alice', email: 'a@example.com' }, 'root'),
      'INVALID_INPUT',
      'a password is required',
      { field: 'password' },
    );
    assert.equal(hasher.hashes, 0);
    assert.equal(adapter.writes, 0);
    assert.equal(users.isEmpty(), true);
    assert.equal(events(audit).length, 0);
  });

  test('bad names and addresses are refused with the field named', async () => {
    const { users } = await setup();
    await rejects(
      users.create({ ...alice, username: 'a' }, 'root'),
      'INVALID_INPUT',
      'username must be 3 to 64 characters long',
      { field: 'username' },
    );
    await rejects(
      users.create({ ...alice, email: 'not-an-address' }, 'root'),
      'INVALID_INPUT',
      'email is not a valid address',
      { field: 'email' },
    );
  });

  test('a failed store write leaves no user and no event', async () => {
    const { users, audit, adapter } = await setup();
    adapter.failWith = new Error('disk full');
    await rejects(
      users.create(alice, 'root'),
      'STORE_WRITE_FAILED',
      'could not write the store fake: disk full',
    );
    assert.equal(users.isEmpty(), true);
    assert.equal(events(audit).length, 0);
  });
});

describe('UserDirectory lookups', () => {
  test('find, record, view and list', async () => {
    const { users } = await setup();
    await users.create({ ...alice, username: 'zed' }, 'root');
    await users.create(alice, 'root');
    assert.equal(users.find('ALICE')?.username, 'alice');
    assert.equal(users.find('nobody'), undefined);
    assert.equal(users.find('x'), undefined, 'a name that cannot exist finds nothing');
    assert.equal(users.find(42 as unknown as string), undefined);
    assert.throws(() => users.record('nobody'), {
      code: 'NOT_FOUND',
      message: "no user named 'nobody'",
    });
    assert.equal(users.view('Alice').username, 'alice');
    assert.deepEqual(
      users.list().map((u) => u.username),
      ['alice', 'zed'],
    );
  });
});

describe('UserDirectory changes', () => {
  test('setRoles replaces the roles and audits them', async () => {
    const { users, audit, clock } = await setup();
    await users.create(alice, 'root');
    clock.advance(1000);
    const view = await users.setRoles('alice', ['MODERATOR', 'user'], 'root');
    assert.deepEqual(view.roles, ['moderator', 'user']);
    assert.equal(view.updatedAt, clock.now());
    const event = events(audit, 'user.changed')[0];
    assert.equal(event?.subject, 'alice');
    assert.deepEqual(event?.details, { roles: ['moderator', 'user'] });
    await rejects(
      users.setRoles('alice', [], 'root'),
      'INVALID_INPUT',
      'a user needs at least one role',
    );
    await rejects(
      users.setRoles('nobody', ['user'], 'root'),
      'NOT_FOUND',
      "no user named 'nobody'",
    );
  });

  test('disabling ends the sessions; enabling does not', async () => {
    const { users, audit, ended } = await setup();
    await users.create(alice, 'root');
    const off = await users.setStatus('ALICE', 'disabled', 'root');
    assert.equal(off.status, 'disabled');
    assert.deepEqual(ended, [['alice', 'user disabled']]);
    const on = await users.setStatus('alice', 'active', 'root');
    assert.equal(on.status, 'active');
    assert.deepEqual(ended, [['alice', 'user disabled']]);
    assert.deepEqual(
      events(audit)
        .slice(1)
        .map((e) => [e.type, e.subject]),
      [
        ['user.disabled', 'alice'],
        ['user.enabled', 'alice'],
      ],
    );
  });

  test('delete removes the user, ends the sessions and audits', async () => {
    const { users, audit, ended } = await setup();
    await users.create(alice, 'root');
    const view = await users.delete('Alice', 'root');
    assert.equal(view.username, 'alice');
    assert.equal(users.isEmpty(), true);
    assert.deepEqual(ended, [['alice', 'user deleted']]);
    const event = events(audit, 'user.deleted')[0];
    assert.equal(event?.actor, 'root');
    assert.equal(event?.subject, 'alice');
    await rejects(users.delete('alice', 'root'), 'NOT_FOUND', "no user named 'alice'");
  });

  test('a failed write on delete keeps the user and ends nothing', async () => {
    const { users, adapter, ended, audit } = await setup();
    await users.create(alice, 'root');
    adapter.failWith = new Error('disk full');
    await rejects(
      users.delete('alice', 'root'),
      'STORE_WRITE_FAILED',
      'could not write the store fake: disk full',
    );
    assert.equal(users.find('alice')?.username, 'alice');
    assert.deepEqual(ended, []);
    assert.equal(events(audit, 'user.deleted').length, 0);
  });

  test('setPassword: own change and admin reset end the sessions; a weak one changes nothing', async () => {
    const { users, audit, ended, hasher, clock } = await setup();
    const hash = hashSync('imported password', 4);
    await users.create({ username: 'alice', email: '', passwordHash: hash }, 'import');
    await rejects(
      users.setPassword('alice', 'password1234567890', 'alice'),
      'WEAK_PASSWORD',
      'password is blocklisted: it is a common or breached password, or a simple variant of one',
      { rule: 'blocklisted' },
    );
    assert.equal(hasher.hashes, 0);
    assert.equal(users.record('alice').passwordHash, hash);
    assert.deepEqual(ended, []);
    clock.advance(5000);
    const own = await users.setPassword('alice', STRONG, 'alice');
    assert.equal(own.origin, 'created', 'a password set here is no longer an import');
    assert.equal(own.passwordChangedAt, clock.now());
    assert.equal(await hasher.verify(STRONG, users.record('alice').passwordHash), true);
    await users.setPassword('ALICE', STRONG_2, 'root');
    assert.deepEqual(ended, [
      ['alice', 'password changed'],
      ['alice', 'password changed'],
    ]);
    assert.deepEqual(
      events(audit, 'user.password_changed').map((e) => [e.actor, e.details]),
      [
        ['alice', { reset: false }],
        ['root', { reset: true }],
      ],
    );
    await rejects(
      users.setPassword('nobody', STRONG, 'root'),
      'NOT_FOUND',
      "no user named 'nobody'",
    );
  });

  test('grant and revoke replace each other', async () => {
    const { users, audit } = await setup();
    await users.create(alice, 'root');
    let view = await users.grant('alice', 'security.secrets.read', 'root');
    assert.deepEqual([view.grants, view.revokes], [['security.secrets.read'], []]);
    view = await users.grant('alice', 'security.secrets.read', 'root');
    assert.deepEqual(view.grants, ['security.secrets.read'], 'granted once');
    view = await users.revoke('alice', 'security.secrets.read', 'root');
    assert.deepEqual([view.grants, view.revokes], [[], ['security.secrets.read']]);
    view = await users.revoke('alice', 'monitoring.*', 'root');
    assert.deepEqual(view.revokes, ['security.secrets.read', 'monitoring.*']);
    view = await users.grant('alice', 'security.secrets.read', 'root');
    assert.deepEqual([view.grants, view.revokes], [['security.secrets.read'], ['monitoring.*']]);
    assert.deepEqual(
      events(audit)
        .slice(1)
        .map((e) => [e.type, e.details]),
      [
        ['permission.granted', { permission: 'security.secrets.read' }],
        ['permission.granted', { permission: 'security.secrets.read' }],
        ['permission.revoked', { permission: 'security.secrets.read' }],
        ['permission.revoked', { permission: 'monitoring.*' }],
        ['permission.granted', { permission: 'security.secrets.read' }],
      ],
    );
    await assert.rejects(users.grant('alice', 'Not A Permission', 'root'), {
      code: 'INVALID_INPUT',
    });
  });

  test('unlock clears the lockout counters', async () => {
    const { users, audit, clock } = await setup();
    await users.create(alice, 'root');
    await users.setLockout('alice', {
      failures: 5,
      lastFailureAt: clock.now(),
      lockedUntil: clock.now() + 60_000,
      temporaryLockouts: 1,
      permanent: false,
    });
    assert.equal(users.view('alice').status, 'locked');
    assert.equal(users.view('alice').lockedUntil, clock.now() + 60_000);
    const view = await users.unlock('alice', 'root');
    assert.equal(view.status, 'active');
    assert.equal(view.failedLogins, 0);
    assert.equal(lockStatus(users.record('alice').lockout, clock.now()).locked, false);
    assert.equal(events(audit, 'user.unlocked')[0]?.subject, 'alice');
    await rejects(users.unlock('nobody', 'root'), 'NOT_FOUND', "no user named 'nobody'");
  });

  test('loggedIn resets the counters, keeps the time and address and swaps a fresh hash', async () => {
    const { users, clock } = await setup();
    await users.create(alice, 'root');
    const old = users.record('alice').passwordHash;
    await users.setLockout('alice', { ...users.record('alice').lockout, failures: 3 });
    clock.advance(10);
    let record = await users.loggedIn('alice', '192.0.2.1', null);
    assert.deepEqual(
      [record.lastLoginAt, record.lastLoginIp, record.lockout.failures],
      [clock.now(), '192.0.2.1', 0],
    );
    assert.equal(record.passwordHash, old);
    record = await users.loggedIn('alice', null, '$2b$04$fresh');
    assert.equal(record.passwordHash, '$2b$04$fresh');
  });

  test('no event ever holds a password or a hash', async () => {
    const { users, audit } = await setup();
    const imported = hashSync('imported password', 4);
    await users.create(alice, 'root');
    await users.create({ username: 'bob', email: '', passwordHash: imported }, 'import');
    await users.setPassword('alice', STRONG_2, 'alice');
    await users.setPassword('bob', STRONG, 'root');
    await users.setRoles('alice', ['admin'], 'root');
    await users.grant('bob', 'content.edit', 'root');
    await users.setStatus('bob', 'disabled', 'root');
    await users.unlock('alice', 'root');
    await users.delete('bob', 'root');
    const text = JSON.stringify(events(audit));
    for (const secret of [
      STRONG,
      STRONG_2,
      imported,
      users.record('alice').passwordHash,
      '$2b$',
      '$2y$',
    ])
      assert.equal(text.includes(secret), false, `an event holds ${secret}`);
    assert.equal(/passwordHash|"password"/.test(text), false);
  });
});
