import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkPermission,
  effectivePermissions,
  rolesTable,
  type Principal,
} from '../../../../../daemon/security/rbac/authorizer.js';
import { KNOWN_PERMISSIONS } from '../../../../../daemon/security/rbac/catalog.js';

function principal(username: string, roles: string[], more: Partial<Principal> = {}): Principal {
  return { username, roles, grants: [], revokes: [], ...more };
}

const admin = principal('root', ['admin']);
const alice = principal('alice', ['user']);
const guest = principal('visitor', ['guest']);
const mod = principal('mo', ['moderator']);
const svc = principal('exporter', ['service']);

describe('checkPermission: roles', () => {
  test('the spec example: an admin may system.admin, a user may not', () => {
    assert.deepEqual(checkPermission(admin, 'system.admin'), {
      allowed: true,
      reason: 'root holds system.admin through role admin (*)',
      via: 'role:admin',
    });
    assert.deepEqual(checkPermission(alice, 'system.admin'), {
      allowed: false,
      reason: 'no role or grant of alice gives system.admin',
      via: null,
    });
  });

  test('an admin holds every permission of the catalog and any other', () => {
    for (const name of [...KNOWN_PERMISSIONS, 'reports.export']) {
      assert.equal(checkPermission(admin, name).allowed, true, name);
    }
  });

  test('default sets per role', () => {
    const cases: Array<[Principal, string, boolean]> = [
      [alice, 'monitoring.read', true],
      [alice, 'content.create', true],
      [alice, 'content.read', true],
      [alice, 'api.access', true],
      [alice, 'monitoring.write', false],
      [alice, 'content.moderate', false],
      [alice, 'security.read', false],
      [guest, 'content.read', true],
      [guest, 'monitoring.read', false],
      [guest, 'api.access', false],
      [guest, 'content.create', false],
      [mod, 'content.moderate', true],
      [mod, 'content.edit', true],
      [mod, 'content.delete', true],
      [mod, 'security.sessions.manage', true],
      [mod, 'security.read', true],
      [mod, 'security.users.manage', false],
      [mod, 'monitoring.write', false],
      [svc, 'api.access', true],
      [svc, 'monitoring.read', true],
      [svc, 'monitoring.write', true],
      [svc, 'content.read', false],
      [svc, 'security.read', false],
    ];
    for (const [user, permission, allowed] of cases) {
      assert.equal(
        checkPermission(user, permission).allowed,
        allowed,
        `${user.username} ${permission}`,
      );
    }
  });

  test('role names in any case count; unknown roles give nothing', () => {
    assert.equal(checkPermission(principal('a', ['ADMIN']), 'system.admin').allowed, true);
    assert.deepEqual(checkPermission(principal('b', ['superuser', 'root']), 'content.read'), {
      allowed: false,
      reason: 'no role or grant of b gives content.read',
      via: null,
    });
  });

  test('a user with several roles: via names the first role listed that covers it', () => {
    const both = principal('both', ['guest', 'user']);
    assert.equal(checkPermission(both, 'content.read').via, 'role:guest');
    assert.equal(checkPermission(both, 'monitoring.read').via, 'role:user');
  });
});

describe('checkPermission: grants and revokes', () => {
  test('a direct grant, exact or wildcard', () => {
    const bob = principal('bob', ['guest'], { grants: ['monitoring.*', 'security.audit.read'] });
    assert.deepEqual(checkPermission(bob, 'monitoring.write'), {
      allowed: true,
      reason: 'bob holds monitoring.write through a direct grant (monitoring.*)',
      via: 'grant',
    });
    assert.equal(checkPermission(bob, 'security.audit.read').via, 'grant');
    assert.equal(checkPermission(bob, 'monitoringx.read').allowed, false);
    assert.equal(checkPermission(bob, 'security.read').allowed, false);
  });

  test('a role is preferred to a grant in via', () => {
    const carol = principal('carol', ['user'], { grants: ['monitoring.read'] });
    assert.equal(checkPermission(carol, 'monitoring.read').via, 'role:user');
  });

  test('an explicit revoke beats a role', () => {
    const limited = principal('ops', ['admin'], { revokes: ['security.keys.manage'] });
    assert.deepEqual(checkPermission(limited, 'security.keys.manage'), {
      allowed: false,
      reason: 'security.keys.manage is revoked for ops (revoke security.keys.manage)',
      via: 'revoke:security.keys.manage',
    });
    assert.equal(checkPermission(limited, 'security.secrets.read').allowed, true);
  });

  test('a wildcard revoke beats a role and a grant', () => {
    const dave = principal('dave', ['service'], {
      grants: ['monitoring.read'],
      revokes: ['monitoring.*'],
    });
    assert.deepEqual(checkPermission(dave, 'monitoring.read'), {
      allowed: false,
      reason: 'monitoring.read is revoked for dave (revoke monitoring.*)',
      via: 'revoke:monitoring.*',
    });
    assert.equal(checkPermission(dave, 'api.access').allowed, true);
  });

  test('revoking * takes everything', () => {
    const none = principal('none', ['admin'], { grants: ['content.read'], revokes: ['*'] });
    assert.equal(checkPermission(none, 'content.read').via, 'revoke:*');
  });
});

describe('checkPermission: account status', () => {
  test('a disabled or locked user holds nothing', () => {
    assert.deepEqual(checkPermission({ ...admin, status: 'disabled' }, 'system.admin'), {
      allowed: false,
      reason: "root's account is disabled",
      via: null,
    });
    assert.deepEqual(checkPermission({ ...alice, status: 'locked' }, 'content.read'), {
      allowed: false,
      reason: "alice's account is locked",
      via: null,
    });
    assert.equal(checkPermission({ ...alice, status: 'active' }, 'content.read').allowed, true);
  });
});

describe('checkPermission: the owner rule', () => {
  const own = { type: 'content', ownerId: 'alice' };
  const theirs = { type: 'content', ownerId: 'zoe' };

  test('a user holding content.create may edit and delete content they own', () => {
    assert.deepEqual(checkPermission(alice, 'content.edit', own), {
      allowed: true,
      reason: 'alice owns this content and holds content.create through role user (content.create)',
      via: 'owner',
    });
    assert.equal(checkPermission(alice, 'content.delete', own).via, 'owner');
  });

  test("but not other people's, nor unowned resources, nor without a resource", () => {
    const denied = {
      allowed: false,
      reason: 'no role or grant of alice gives content.edit',
      via: null,
    };
    assert.deepEqual(checkPermission(alice, 'content.edit', theirs), denied);
    assert.deepEqual(
      checkPermission(alice, 'content.edit', { type: 'content', ownerId: null }),
      denied,
    );
    assert.deepEqual(checkPermission(alice, 'content.edit', { ownerId: '' }), denied);
    assert.deepEqual(checkPermission(alice, 'content.edit', {}), denied);
    assert.deepEqual(checkPermission(alice, 'content.edit'), denied);
  });

  test('it covers edit and delete only', () => {
    assert.equal(checkPermission(alice, 'content.moderate', own).allowed, false);
    assert.equal(checkPermission(alice, 'content.publish', own).allowed, false);
  });

  test('it needs X.create for the same X, at any depth', () => {
    assert.equal(checkPermission(guest, 'content.edit', { ownerId: 'visitor' }).allowed, false);
    const writer = principal('w', ['guest'], { grants: ['reports.drafts.create'] });
    assert.deepEqual(checkPermission(writer, 'reports.drafts.delete', { ownerId: 'w' }), {
      allowed: true,
      reason:
        'w owns this resource and holds reports.drafts.create through a direct grant (reports.drafts.create)',
      via: 'owner',
    });
    assert.equal(checkPermission(writer, 'reports.edit', { ownerId: 'w' }).allowed, false);
  });

  test('a revoke of the action or of X.create beats ownership', () => {
    const noEdit = principal('alice', ['user'], { revokes: ['content.edit'] });
    assert.equal(checkPermission(noEdit, 'content.edit', own).via, 'revoke:content.edit');
    assert.equal(checkPermission(noEdit, 'content.delete', own).via, 'owner');
    const noCreate = principal('alice', ['user'], { revokes: ['content.create'] });
    assert.equal(checkPermission(noCreate, 'content.edit', own).allowed, false);
  });

  test("a moderator edits anyone's content through the role, not ownership", () => {
    assert.equal(checkPermission(mod, 'content.edit', theirs).via, 'role:moderator');
  });

  test('a disabled owner gets nothing', () => {
    assert.equal(
      checkPermission({ ...alice, status: 'disabled' }, 'content.edit', own).allowed,
      false,
    );
  });
});

describe('checkPermission: wrong use', () => {
  const message =
    '"permission" must be a lower-case permission like monitoring.read, not a pattern or other text';

  test('the permission must be a concrete, canonical name', () => {
    for (const permission of [
      'monitoring.*',
      '*',
      'Monitoring.read',
      ' monitoring.read',
      'monitoring',
      '',
      7 as unknown as string,
    ]) {
      assert.throws(
        () => checkPermission(admin, permission),
        { name: 'TypeError', message },
        String(permission),
      );
    }
  });

  test('the user must have the documented shape', () => {
    assert.throws(() => checkPermission(null as unknown as Principal, 'a.b'), {
      name: 'TypeError',
      message: '"user" must be an object',
    });
    assert.throws(() => checkPermission({ ...alice, username: 1 } as unknown as Principal, 'a.b'), {
      name: 'TypeError',
      message: '"user.username" must be a string',
    });
    assert.throws(
      () => checkPermission({ ...alice, grants: 'content.read' } as unknown as Principal, 'a.b'),
      {
        name: 'TypeError',
        message: '"user.grants" must be an array of strings',
      },
    );
    assert.throws(
      () => checkPermission({ ...alice, revokes: [1] } as unknown as Principal, 'a.b'),
      {
        name: 'TypeError',
        message: '"user.revokes" must be an array of strings',
      },
    );
    assert.throws(
      () => effectivePermissions({ ...alice, roles: undefined } as unknown as Principal),
      {
        name: 'TypeError',
        message: '"user.roles" must be an array of strings',
      },
    );
  });
});

describe('effectivePermissions', () => {
  test('a user: each permission with its source and pattern', () => {
    assert.deepEqual(effectivePermissions(alice), [
      { permission: 'api.access', sources: ['role:user'], patterns: ['api.access'] },
      { permission: 'content.create', sources: ['role:user'], patterns: ['content.create'] },
      { permission: 'content.read', sources: ['role:user'], patterns: ['content.read'] },
      { permission: 'monitoring.read', sources: ['role:user'], patterns: ['monitoring.read'] },
    ]);
  });

  test('an admin: * itself, then every catalog permission through it', () => {
    const rows = effectivePermissions(admin);
    assert.deepEqual(rows[0], { permission: '*', sources: ['role:admin'], patterns: ['*'] });
    assert.deepEqual(
      rows.slice(1).map((r) => r.permission),
      KNOWN_PERMISSIONS,
    );
    for (const r of rows.slice(1)) assert.deepEqual(r.sources, ['role:admin']);
  });

  test('sources merge roles and grants; grants outside the catalog and wildcard grants are listed', () => {
    const erin = principal('erin', ['guest', 'user'], {
      grants: ['content.read', 'reports.*', 'reports.export'],
    });
    assert.deepEqual(effectivePermissions(erin), [
      { permission: 'api.access', sources: ['role:user'], patterns: ['api.access'] },
      { permission: 'content.create', sources: ['role:user'], patterns: ['content.create'] },
      {
        permission: 'content.read',
        sources: ['role:guest', 'role:user', 'grant'],
        patterns: ['content.read'],
      },
      { permission: 'monitoring.read', sources: ['role:user'], patterns: ['monitoring.read'] },
      { permission: 'reports.*', sources: ['grant'], patterns: ['reports.*'] },
      {
        permission: 'reports.export',
        sources: ['grant'],
        patterns: ['reports.*', 'reports.export'],
      },
    ]);
  });

  test('revoked rows stay, marked with the revoke', () => {
    const frank = principal('frank', ['moderator'], {
      revokes: ['content.moderate', 'security.*', 'ghost.perm'],
    });
    assert.deepEqual(effectivePermissions(frank), [
      { permission: 'api.access', sources: ['role:moderator'], patterns: ['api.access'] },
      { permission: 'content.*', sources: ['role:moderator'], patterns: ['content.*'] },
      { permission: 'content.create', sources: ['role:moderator'], patterns: ['content.*'] },
      { permission: 'content.delete', sources: ['role:moderator'], patterns: ['content.*'] },
      { permission: 'content.edit', sources: ['role:moderator'], patterns: ['content.*'] },
      {
        permission: 'content.moderate',
        sources: ['role:moderator'],
        patterns: ['content.*'],
        revokedBy: 'content.moderate',
      },
      { permission: 'content.read', sources: ['role:moderator'], patterns: ['content.*'] },
      { permission: 'monitoring.read', sources: ['role:moderator'], patterns: ['monitoring.read'] },
      {
        permission: 'security.read',
        sources: ['role:moderator'],
        patterns: ['security.read'],
        revokedBy: 'security.*',
      },
      {
        permission: 'security.sessions.manage',
        sources: ['role:moderator'],
        patterns: ['security.sessions.manage'],
        revokedBy: 'security.*',
      },
    ]);
  });

  test('a wildcard row is marked only when a revoke covers the whole pattern', () => {
    const partial = effectivePermissions(principal('g', ['admin'], { revokes: ['system.admin'] }));
    assert.deepEqual(partial[0], { permission: '*', sources: ['role:admin'], patterns: ['*'] });
    assert.equal(partial.find((r) => r.permission === 'system.admin')?.revokedBy, 'system.admin');
    const whole = effectivePermissions(principal('h', ['moderator'], { revokes: ['*'] }));
    assert.ok(whole.every((r) => r.revokedBy === '*'));
  });

  test('nobody holds nothing', () => {
    assert.deepEqual(effectivePermissions(principal('n', [])), []);
    assert.deepEqual(
      effectivePermissions(principal('n', ['nonsense'], { revokes: ['content.read'] })),
      [],
    );
  });
});

describe('rolesTable', () => {
  test('the five roles with descriptions and permissions', () => {
    assert.deepEqual(rolesTable(), [
      { role: 'admin', description: 'full system access and administration', permissions: ['*'] },
      {
        role: 'user',
        description: 'standard access: reads monitoring, creates content and edits its own',
        permissions: ['api.access', 'content.create', 'content.read', 'monitoring.read'],
      },
      {
        role: 'moderator',
        description: "content moderation (any user's content) and user sessions",
        permissions: [
          'api.access',
          'content.*',
          'monitoring.read',
          'security.read',
          'security.sessions.manage',
        ],
      },
      {
        role: 'guest',
        description: 'read-only access to public content',
        permissions: ['content.read'],
      },
      {
        role: 'service',
        description: 'service-to-service API access: reads and writes monitoring data',
        permissions: ['api.access', 'monitoring.read', 'monitoring.write'],
      },
    ]);
  });

  test('returns copies', () => {
    const table = rolesTable();
    table[0]?.permissions.push('x.y');
    assert.deepEqual(rolesTable()[0]?.permissions, ['*']);
  });
});
