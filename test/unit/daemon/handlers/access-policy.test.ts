import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  accessGate,
  METHOD_PERMISSIONS,
  someoneManagesUsers,
} from '../../../../daemon/handlers/access-policy.js';
import type { RequestContext } from '../../../../daemon/router.js';
import type { MethodName } from '../../../../src/protocol/methods.js';
import { AppError } from '../../../../src/protocol/errors.js';
import { openTestCore, STRONG } from '../security/engine/engine-fixtures.js';

function context(principal: RequestContext['connection']['principal'] = null): RequestContext {
  return {
    connection: { id: 1, hello: null, subscriptions: new Set(), principal },
    actor: 'operator',
  };
}

async function setup() {
  const { core, clock } = await openTestCore();
  const gate = accessGate(core);
  const { security } = core;
  return { core, clock, gate, security };
}

/** A logged-in principal for `username` (created with `roles`). */
async function principal(
  security: Awaited<ReturnType<typeof setup>>['security'],
  username: string,
  roles: string[],
) {
  await security.users.create(
    { username, email: `${username}@example.com`, password: STRONG, roles },
    'operator',
  );
  const { session } = await security.auth.login(username, STRONG);
  return { username, sessionId: session.id };
}

function refused(run: () => void, code: string, message: string, permission: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, code);
    assert.equal(error.message, message);
    assert.deepEqual(error.details, { permission });
    return true;
  });
}

describe('accessGate', () => {
  test('an empty store lets the operator bootstrap', async () => {
    const { gate } = await setup();
    for (const method of Object.keys(METHOD_PERMISSIONS) as MethodName[])
      assert.equal(gate(method, {}, context()), undefined, method);
  });

  test('methods that need no permission stay open to the operator', async () => {
    const { gate, security } = await setup();
    await principal(security, 'root', ['admin']);
    for (const method of [
      'daemon.status',
      'security.status',
      'security.users.list',
      'security.login',
      'security.authenticate',
      'security.logout',
      'security.check',
    ] as MethodName[])
      assert.equal(gate(method, {}, context()), undefined, method);
  });

  test('a guarded method needs a logged-in user', async () => {
    const { gate, security } = await setup();
    await principal(security, 'root', ['admin']);
    refused(
      () => gate('security.users.create', {}, context()),
      'UNAUTHORISED',
      "security.users.create needs a logged-in user with security.users.manage: run 'clickup-brain security --login <username>'",
      'security.users.manage',
    );
  });

  test('an ended session is refused and forgotten on the connection', async () => {
    const { gate, security } = await setup();
    const root = await principal(security, 'root', ['admin']);
    await security.auth.logout(root.sessionId, 'root');
    const ctx = context(root);
    refused(
      () => gate('security.secrets.get', { name: 'x' }, ctx),
      'UNAUTHORISED',
      "your session has ended: run 'clickup-brain security --login root'",
      'security.secrets.read',
    );
    assert.equal(ctx.connection.principal, null);
  });

  test('a disabled or deleted user loses the session with the account', async () => {
    const { gate, security } = await setup();
    await principal(security, 'root', ['admin']);
    const bob = await principal(security, 'bob', ['admin']);
    await security.users.setStatus('bob', 'disabled', 'root');
    refused(
      () => gate('security.rotateKeys', {}, context(bob)),
      'UNAUTHORISED',
      "your session has ended: run 'clickup-brain security --login bob'",
      'security.keys.manage',
    );
    const carol = await principal(security, 'carol', ['admin']);
    await security.users.delete('carol', 'root');
    refused(
      () => gate('security.sign', {}, context(carol)),
      'UNAUTHORISED',
      "your session has ended: run 'clickup-brain security --login carol'",
      'security.keys.manage',
    );
  });

  test('a live principal needs the permission', async () => {
    const { gate, security } = await setup();
    const root = await principal(security, 'root', ['admin']);
    const alice = await principal(security, 'alice', ['user']);
    refused(
      () => gate('security.secrets.get', { name: 'x' }, context(alice)),
      'FORBIDDEN',
      'alice may not security.secrets.get: no role or grant of alice gives security.secrets.read',
      'security.secrets.read',
    );
    await security.users.grant('alice', 'security.secrets.read', 'root');
    assert.equal(gate('security.secrets.get', { name: 'x' }, context(alice)), undefined);
    assert.equal(gate('security.secrets.list', {}, context(alice)), undefined);
    refused(
      () => gate('security.secrets.put', { name: 'x' }, context(alice)),
      'FORBIDDEN',
      'alice may not security.secrets.put: no role or grant of alice gives security.secrets.write',
      'security.secrets.write',
    );
    for (const method of Object.keys(METHOD_PERMISSIONS) as MethodName[])
      assert.equal(gate(method, {}, context(root)), undefined, `admin may ${method}`);
    await security.users.revoke('root', 'security.keys.manage', 'root');
    refused(
      () => gate('security.rotateKeys', {}, context(root)),
      'FORBIDDEN',
      'root may not security.rotateKeys: security.keys.manage is revoked for root (revoke security.keys.manage)',
      'security.keys.manage',
    );
  });

  test('a locked account holds nothing while the lock lasts', async () => {
    const { gate, security, clock } = await setup();
    const root = await principal(security, 'root', ['admin']);
    await security.users.setLockout('root', {
      ...security.users.record('root').lockout,
      lockedUntil: clock.now() + 60_000,
    });
    refused(
      () => gate('security.users.unlock', { username: 'root' }, context(root)),
      'FORBIDDEN',
      "root may not security.users.unlock: root's account is locked",
      'security.users.manage',
    );
  });

  test('a user may change their own password and list their own sessions', async () => {
    const { gate, security } = await setup();
    await principal(security, 'root', ['admin']);
    const alice = await principal(security, 'alice', ['guest']);
    const ctx = context(alice);
    assert.equal(
      gate('security.users.setPassword', { username: 'ALICE', password: 'x' }, ctx),
      undefined,
    );
    assert.equal(gate('security.sessions.list', { username: 'alice' }, ctx), undefined);
    refused(
      () => gate('security.users.setPassword', { username: 'root', password: 'x' }, ctx),
      'FORBIDDEN',
      'alice may not security.users.setPassword: no role or grant of alice gives security.users.manage',
      'security.users.manage',
    );
    refused(
      () => gate('security.sessions.list', {}, ctx),
      'FORBIDDEN',
      'alice may not security.sessions.list: no role or grant of alice gives security.sessions.manage',
      'security.sessions.manage',
    );
    refused(
      () => gate('security.users.delete', { username: 'alice' }, ctx),
      'FORBIDDEN',
      'alice may not security.users.delete: no role or grant of alice gives security.users.manage',
      'security.users.manage',
    );
    refused(
      () => gate('security.sessions.list', null, ctx),
      'FORBIDDEN',
      'alice may not security.sessions.list: no role or grant of alice gives security.sessions.manage',
      'security.sessions.manage',
    );
  });
});

describe('operator recovery when nobody can manage users', () => {
  test('the operator may manage users again once no account can, and only then', async () => {
    const { gate, security, clock } = await setup();
    await security.users.create(
      { username: 'ada', email: 'ada@example.com', password: STRONG, roles: ['admin'] },
      'operator',
    );
    await security.users.create(
      { username: 'bob', email: 'bob@example.com', password: STRONG, roles: ['user'] },
      'operator',
    );
    const create = (): void => void gate('security.users.create', { username: 'cy' }, context());
    const message =
      "security.users.create needs a logged-in user with security.users.manage: run 'clickup-brain security --login <username>'";
    refused(create, 'UNAUTHORISED', message, 'security.users.manage');
    assert.equal(someoneManagesUsers(security.users.list()), true);

    // A lock that ends by itself does not open the way: failed logins must not hand out rights.
    for (let i = 0; i < 5; i++)
      await security.auth.login('ada', 'wrong password here').catch(() => undefined);
    assert.equal(security.users.view('ada').status, 'locked');
    refused(create, 'UNAUTHORISED', message, 'security.users.manage');

    // The only admin is demoted: nobody can manage users, so the operator may again…
    clock.advance(3_600_000);
    await security.users.setRoles('ada', ['user'], 'ada');
    assert.equal(someoneManagesUsers(security.users.list()), false);
    create();
    // …but only for managing users: secrets still need a login.
    refused(
      () => void gate('security.secrets.get', { name: 'x' }, context()),
      'UNAUTHORISED',
      "security.secrets.get needs a logged-in user with security.secrets.read: run 'clickup-brain security --login <username>'",
      'security.secrets.read',
    );
  });
});
