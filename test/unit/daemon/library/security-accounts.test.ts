import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import {
  onlyEvent,
  openLibrary,
  STRONG,
  STRONG_2,
  T0,
  type TestLibrary,
} from './library-fixtures.js';

async function library(t: TestContext): Promise<TestLibrary> {
  const lib = await openLibrary();
  t.after(() => lib.core.close());
  return lib;
}

describe('createUser', () => {
  test('creates an active user with the given roles, audited under the actor', async (t) => {
    const { security, core } = await library(t);
    const user = await security.createUser('Ada', 'Ada@Example.COM', STRONG, ['ADMIN', 'user']);
    assert.equal(user.username, 'ada');
    assert.equal(user.displayName, 'Ada');
    assert.equal(user.email, 'Ada@example.com');
    assert.deepEqual(user.roles, ['admin', 'user']);
    assert.equal(user.status, 'active');
    assert.equal(user.createdAt, T0);
    assert.equal('passwordHash' in user, false);
    const event = onlyEvent(core.audit, 'user.created');
    assert.deepEqual([event.actor, event.subject], ['tests', 'ada']);
    assert.equal(JSON.stringify(core.audit.recent()).includes(STRONG), false);
  });

  test('roles default to user', async (t) => {
    const { security } = await library(t);
    assert.deepEqual((await security.createUser('bob', 'bob@example.com', STRONG)).roles, ['user']);
  });

  test('engine refusals pass through: WEAK_PASSWORD, CONFLICT, INVALID_INPUT', async (t) => {
    const { security } = await library(t);
    await assert.rejects(security.createUser('ada', 'ada@example.com', 'admin123'), {
      code: 'WEAK_PASSWORD',
      message: 'password is too short: at least 15 characters are required',
    });
    await security.createUser('ada', 'ada@example.com', STRONG);
    await assert.rejects(security.createUser('ADA', 'other@example.com', STRONG_2), {
      code: 'CONFLICT',
      message: "user 'ada' already exists",
    });
    await assert.rejects(security.createUser('cyd', 'not-an-email', STRONG), {
      code: 'INVALID_INPUT',
      message: 'email is not a valid address',
    });
    await assert.rejects(security.createUser('cyd', 'cy@example.com', STRONG, ['root']), {
      code: 'INVALID_INPUT',
      message: "'root' is not a role; valid roles: admin, user, moderator, guest, service",
    });
    assert.deepEqual(
      (await security.listUsers()).map((u) => u.username),
      ['ada'],
    );
  });

  test('wrong argument types are TypeErrors naming the argument', async (t) => {
    const { security } = await library(t);
    const call = security.createUser.bind(security) as (...args: unknown[]) => Promise<unknown>;
    await assert.rejects(
      call(42, 'a@example.com', STRONG),
      new TypeError('"username" must be a string'),
    );
    await assert.rejects(call('ada', null, STRONG), new TypeError('"email" must be a string'));
    await assert.rejects(
      call('ada', 'a@example.com', undefined),
      new TypeError('"password" must be a string'),
    );
    const roles = new TypeError('"roles" must be an array of role names');
    await assert.rejects(call('ada', 'a@example.com', STRONG, 'admin'), roles);
    await assert.rejects(call('ada', 'a@example.com', STRONG, ['admin', 1]), roles);
    assert.deepEqual(await security.listUsers(), []);
  });
});

describe('reading users', () => {
  test('listUsers is sorted by name; getUser matches any case', async (t) => {
    const { security } = await library(t);
    await security.createUser('zoe', 'zoe@example.com', STRONG);
    await security.createUser('ada', 'ada@example.com', STRONG_2);
    assert.deepEqual(
      (await security.listUsers()).map((u) => u.username),
      ['ada', 'zoe'],
    );
    assert.equal((await security.getUser('ZOE')).email, 'zoe@example.com');
  });

  test('an unknown user is NOT_FOUND; a non-string name a TypeError', async (t) => {
    const { security } = await library(t);
    await assert.rejects(security.getUser('ghost'), {
      code: 'NOT_FOUND',
      message: "no user named 'ghost'",
    });
    await assert.rejects(
      security.getUser(7 as unknown as string),
      new TypeError('"username" must be a string'),
    );
  });
});

describe('changing users', () => {
  test('setUserRoles replaces the roles', async (t) => {
    const { security, core } = await library(t);
    await security.createUser('ada', 'ada@example.com', STRONG);
    const user = await security.setUserRoles('ada', ['moderator', 'GUEST']);
    assert.deepEqual(user.roles, ['moderator', 'guest']);
    assert.equal(onlyEvent(core.audit, 'user.changed').actor, 'tests');
    await assert.rejects(security.setUserRoles('ada', []), {
      code: 'INVALID_INPUT',
      message: 'a user needs at least one role',
    });
    await assert.rejects(
      security.setUserRoles('ada', 'admin' as unknown as string[]),
      new TypeError('"roles" must be an array of role names'),
    );
    await assert.rejects(security.setUserRoles('ghost', ['user']), { code: 'NOT_FOUND' });
  });

  test('disableUser and enableUser', async (t) => {
    const { security, core } = await library(t);
    await security.createUser('ada', 'ada@example.com', STRONG);
    assert.equal((await security.disableUser('ada')).status, 'disabled');
    assert.equal(onlyEvent(core.audit, 'user.disabled').actor, 'tests');
    assert.equal((await security.enableUser('Ada')).status, 'active');
    assert.equal(onlyEvent(core.audit, 'user.enabled').subject, 'ada');
    await assert.rejects(security.disableUser('ghost'), { code: 'NOT_FOUND' });
    await assert.rejects(
      security.enableUser(undefined as unknown as string),
      new TypeError('"username" must be a string'),
    );
  });

  test('deleteUser returns the user as it was; it is gone after', async (t) => {
    const { security } = await library(t);
    await security.createUser('ada', 'ada@example.com', STRONG);
    assert.equal((await security.deleteUser('ada')).username, 'ada');
    await assert.rejects(security.getUser('ada'), { code: 'NOT_FOUND' });
    await assert.rejects(security.deleteUser('ada'), {
      code: 'NOT_FOUND',
      message: "no user named 'ada'",
    });
  });

  test('changePassword: the new password works, the old one does not, sessions end', async (t) => {
    const { security } = await library(t);
    await security.createUser('ada', 'ada@example.com', STRONG);
    const grant = await security.generateToken('ada', STRONG);
    await security.changePassword('ada', STRONG_2);
    await assert.rejects(security.authenticateUser('ada', STRONG), { code: 'AUTH_FAILED' });
    assert.equal((await security.authenticateUser('ada', STRONG_2)).username, 'ada');
    await assert.rejects(security.verifyToken(grant.accessToken), { code: 'TOKEN_REVOKED' });
    await assert.rejects(security.changePassword('ada', 'password'), {
      code: 'WEAK_PASSWORD',
      message: 'password is too short: at least 15 characters are required',
    });
    await assert.rejects(
      security.changePassword('ada', 12 as unknown as string),
      new TypeError('"newPassword" must be a string'),
    );
  });

  test('unlockUser clears a lockout', async (t) => {
    const { security } = await library(t);
    await security.createUser('ada', 'ada@example.com', STRONG);
    for (let i = 0; i < 5; i++) {
      await assert.rejects(security.authenticateUser('ada', 'wrong'), { code: 'AUTH_FAILED' });
    }
    assert.equal((await security.getUser('ada')).status, 'locked');
    const user = await security.unlockUser('ada');
    assert.deepEqual([user.status, user.failedLogins], ['active', 0]);
    assert.equal((await security.authenticateUser('ada', STRONG)).status, 'active');
    await assert.rejects(security.unlockUser('ghost'), { code: 'NOT_FOUND' });
  });
});

describe('permissions', () => {
  async function people(t: TestContext): Promise<TestLibrary> {
    const lib = await library(t);
    await lib.security.createUser('root', 'root@example.com', STRONG, ['admin']);
    await lib.security.createUser('ada', 'ada@example.com', STRONG_2, ['user']);
    return lib;
  }

  test('checkPermission: allowed and denied, by name or by user', async (t) => {
    const { security } = await people(t);
    const ada = await security.getUser('ada');
    assert.equal(await security.checkPermission('root', 'system.admin'), true);
    assert.equal(await security.checkPermission(ada, 'system.admin'), false);
    assert.equal(await security.checkPermission(ada, 'monitoring.read'), true);
    assert.equal(await security.checkPermission('ghost', 'content.read'), false);
  });

  test('explainPermission gives the reason and what decided', async (t) => {
    const { security } = await people(t);
    const root = await security.explainPermission('root', 'system.admin');
    assert.deepEqual([root.allowed, root.via], [true, 'role:admin']);
    assert.deepEqual(await security.explainPermission('ghost', 'content.read'), {
      allowed: false,
      reason: "no user named 'ghost'",
      via: null,
    });
  });

  test('the owner rule uses the resource', async (t) => {
    const { security } = await people(t);
    const own = { type: 'content', ownerId: 'ada' };
    assert.equal(await security.checkPermission('ada', 'content.edit', own), true);
    assert.equal(
      await security.checkPermission('ada', 'content.edit', { type: 'content', ownerId: 'bob' }),
      false,
    );
    assert.equal(await security.checkPermission('ada', 'content.edit'), false);
  });

  test('grantPermission and revokePermission change the answer', async (t) => {
    const { security, core } = await people(t);
    assert.deepEqual((await security.grantPermission('ada', 'monitoring.*')).grants, [
      'monitoring.*',
    ]);
    assert.equal(await security.checkPermission('ada', 'monitoring.write'), true);
    assert.equal(onlyEvent(core.audit, 'permission.granted').actor, 'tests');
    const revoked = await security.revokePermission('root', 'system.admin');
    assert.deepEqual(revoked.revokes, ['system.admin']);
    const decision = await security.explainPermission('root', 'system.admin');
    assert.deepEqual([decision.allowed, decision.via], [false, 'revoke:system.admin']);
    await assert.rejects(security.grantPermission('ada', 'monitoring'), {
      code: 'INVALID_INPUT',
      message:
        "'monitoring' is not a valid permission: it needs an action after the domain, like monitoring.read",
    });
    await assert.rejects(security.revokePermission('ghost', 'content.read'), {
      code: 'NOT_FOUND',
    });
    await assert.rejects(
      security.grantPermission('ada', ['x'] as unknown as string),
      new TypeError('"permission" must be a string'),
    );
    await assert.rejects(
      security.revokePermission(null as unknown as string, 'content.read'),
      new TypeError('"username" must be a string'),
    );
  });

  test('wrong argument types are TypeErrors naming the argument', async (t) => {
    const { security } = await people(t);
    const check = security.checkPermission.bind(security) as (
      ...args: unknown[]
    ) => Promise<unknown>;
    await assert.rejects(
      check(5, 'content.read'),
      new TypeError('"username" must be a string or a user with a username'),
    );
    await assert.rejects(
      check({ name: 'ada' }, 'content.read'),
      new TypeError('"username" must be a string or a user with a username'),
    );
    await assert.rejects(check('ada', 5), new TypeError('"permission" must be a string'));
    await assert.rejects(
      check('ada', 'content.edit', 'mine'),
      new TypeError('"resource" must be an object like { type, ownerId }'),
    );
    await assert.rejects(
      check('ada', 'content.edit', { type: 1 }),
      new TypeError('"resource.type" must be a string'),
    );
    await assert.rejects(
      check('ada', 'content.edit', { ownerId: 1 }),
      new TypeError('"resource.ownerId" must be a string or null'),
    );
    // A pattern is not a permission one can be checked for: refused as input, naming it.
    await assert.rejects(check('ada', 'content.*'), {
      code: 'INVALID_INPUT',
      message: "'content.*' is a pattern; name one permission to check",
      details: { field: 'permission' },
    });
  });
});
