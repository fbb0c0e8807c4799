/**
 * Roles and permissions through the real CLI and daemon: the --roles table, a user's effective
 * permissions with their sources, --grant and --revoke (a revoke wins over every role), and what a
 * logged-in user without the permission is refused (FORBIDDEN, exit 4).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestHome } from '../helpers/home.js';
import {
  PASSWORDS,
  adminHome,
  createUser,
  fails,
  failsJson,
  login,
  ok,
  okJson,
  pw,
  table,
  user,
  type UserJson,
} from '../helpers/security.js';

interface PermissionsJson {
  username: string;
  status: string;
  roles: string[];
  permissions: Array<{
    permission: string;
    sources: string[];
    patterns: string[];
    revokedBy?: string;
  }>;
}

const ROLES: string[][] = [
  ['ROLE', 'PERMISSIONS', 'DESCRIPTION'],
  ['admin', '*', 'full system access and administration'],
  [
    'user',
    'api.access, content.create, content.read, monitoring.read',
    'standard access: reads monitoring, creates content and edits its own',
  ],
  [
    'moderator',
    'api.access, content.*, monitoring.read, security.read, security.sessions.manage',
    "content moderation (any user's content) and user sessions",
  ],
  ['guest', 'content.read', 'read-only access to public content'],
  [
    'service',
    'api.access, monitoring.read, monitoring.write',
    'service-to-service API access: reads and writes monitoring data',
  ],
];

describe('roles and permissions', () => {
  let home: TestHome;
  before(async () => {
    home = await adminHome();
    await createUser(home, 'bob', PASSWORDS.bob);
  });
  after(() => home.cleanup());

  it('--roles prints each role with its permissions, and --json the same', async () => {
    assert.deepEqual(table(await ok(home, ['security', '--roles'])), ROLES);
    const { roles } = await okJson<{
      roles: Array<{ role: string; permissions: string[]; description: string }>;
    }>(home, ['security', '--roles']);
    assert.deepEqual(
      roles.map((r) => [r.role, r.permissions.join(', '), r.description]),
      ROLES.slice(1),
    );
  });

  it('--permissions shows what a user holds and through which role', async () => {
    const out = await ok(home, ['security', '--permissions', 'bob']);
    assert.equal(out.split('\n')[0], 'bob (user; active)');
    assert.deepEqual(table(out.slice(out.indexOf('\n') + 1)), [
      ['PERMISSION', 'HELD', 'WHY'],
      ['api.access', 'yes', 'role:user'],
      ['content.create', 'yes', 'role:user'],
      ['content.read', 'yes', 'role:user'],
      ['monitoring.read', 'yes', 'role:user'],
    ]);
    const { permissions } = await okJson<PermissionsJson>(home, [
      'security',
      '--permissions',
      'bob',
    ]);
    assert.deepEqual(permissions[0], {
      permission: 'api.access',
      sources: ['role:user'],
      patterns: ['api.access'],
    });
  });

  it('--grant adds a permission beyond the roles; --revoke wins over the role that gives one', async () => {
    assert.equal(
      await ok(home, ['security', '--grant', 'bob', 'monitoring.write']),
      'Granted monitoring.write to bob\n',
    );
    assert.equal(
      await ok(home, ['security', '--revoke', 'bob', 'content.create']),
      'Revoked content.create from bob\n',
    );
    const { user: bob } = await okJson<{ user: UserJson }>(home, [
      'security',
      '--grant',
      'bob',
      'security.secrets.*',
    ]);
    assert.deepEqual(bob.grants, ['monitoring.write', 'security.secrets.*']);
    assert.deepEqual(bob.revokes, ['content.create']);
    const out = await ok(home, ['security', '--permissions', 'bob']);
    assert.deepEqual(table(out.slice(out.indexOf('\n') + 1)), [
      ['PERMISSION', 'HELD', 'WHY'],
      ['api.access', 'yes', 'role:user'],
      ['content.create', 'no', 'revoked (content.create)'],
      ['content.read', 'yes', 'role:user'],
      ['monitoring.read', 'yes', 'role:user'],
      ['monitoring.write', 'yes', 'grant'],
      // A wildcard grant is shown as held, and so is each known permission it covers.
      ['security.secrets.*', 'yes', 'grant'],
      ['security.secrets.read', 'yes', 'grant'],
      ['security.secrets.write', 'yes', 'grant'],
    ]);
  });

  it('a grant lets the user do what it names', async () => {
    await login(home, 'bob', PASSWORDS.bob);
    assert.equal(
      await ok(home, ['security', '--put-secret', 'bob/token'], { input: 'value-of-bob\n' }),
      'Stored secret bob/token (12 bytes, key version 1)\n',
    );
    assert.equal(await ok(home, ['security', '--get-secret', 'bob/token']), 'value-of-bob');
  });

  it('a logged-in user without security.users.manage gets FORBIDDEN (exit 4) for --create-user', async () => {
    const args = ['security', '--create-user', 'carol', 'carol@example.com', '--password-stdin'];
    const message =
      'bob may not security.users.create: no role or grant of bob gives security.users.manage';
    await fails(home, args, 4, message, pw(PASSWORDS.carol));
    assert.deepEqual(await failsJson(home, args, 4, pw(PASSWORDS.carol)), {
      code: 'FORBIDDEN',
      message,
      permission: 'security.users.manage',
    });
    await fails(
      home,
      ['security', '--grant', 'bob', 'security.users.manage'],
      4,
      'bob may not security.grant: no role or grant of bob gives security.users.manage',
    );
    await fails(
      home,
      ['security', '--rotate-keys'],
      4,
      'bob may not security.rotateKeys: no role or grant of bob gives security.keys.manage',
    );
  });

  it('a revoke beats a role that holds the permission', async () => {
    await login(home, 'ada', PASSWORDS.ada);
    await ok(home, ['security', '--set-roles', 'bob', '--role', 'moderator']);
    await ok(home, ['security', '--revoke', 'bob', 'security.sessions.manage']);
    await login(home, 'bob', PASSWORDS.bob);
    await fails(
      home,
      ['security', '--sessions'],
      4,
      'bob may not security.sessions.list: security.sessions.manage is revoked for bob (revoke security.sessions.manage)',
    );
    const { permissions } = await okJson<PermissionsJson>(home, [
      'security',
      '--permissions',
      'bob',
    ]);
    assert.deepEqual(
      permissions.find((p) => p.permission === 'security.sessions.manage'),
      {
        permission: 'security.sessions.manage',
        sources: ['role:moderator'],
        patterns: ['security.sessions.manage'],
        revokedBy: 'security.sessions.manage',
      },
    );
  });

  it('bad permissions and unknown users are refused; nothing changes', async () => {
    await login(home, 'ada', PASSWORDS.ada);
    const before = await user(home, 'bob');
    const message =
      "'bad permission' is not a valid permission: expected domain.action like monitoring.read (segments of a-z, 0-9, _ and - starting with a letter, joined by dots) or a pattern like monitoring.* or *";
    assert.deepEqual(await failsJson(home, ['security', '--grant', 'bob', 'bad permission'], 2), {
      code: 'INVALID_INPUT',
      message,
      field: 'permission',
    });
    await fails(home, ['security', '--revoke', 'bob', 'bad permission'], 2, message);
    await fails(
      home,
      ['security', '--grant', 'nobody', 'monitoring.read'],
      1,
      "no user named 'nobody'",
    );
    await fails(home, ['security', '--permissions', 'nobody'], 1, "no user named 'nobody'");
    assert.deepEqual(await user(home, 'bob'), before);
  });
});
