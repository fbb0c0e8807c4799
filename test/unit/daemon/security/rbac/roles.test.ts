import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePermission } from '../../../../../daemon/security/rbac/permission.js';
import {
  ROLE_DESCRIPTIONS,
  ROLE_NAMES,
  ROLE_PERMISSIONS,
  isRoleName,
  parseRole,
} from '../../../../../daemon/security/rbac/roles.js';

const VALID = 'admin, user, moderator, guest, service';

describe('roles', () => {
  test('the five roles of the spec, in order', () => {
    assert.deepEqual(ROLE_NAMES, ['admin', 'user', 'moderator', 'guest', 'service']);
  });

  test('default permission sets', () => {
    assert.deepEqual(ROLE_PERMISSIONS, {
      admin: ['*'],
      user: ['api.access', 'content.create', 'content.read', 'monitoring.read'],
      moderator: [
        'api.access',
        'content.*',
        'monitoring.read',
        'security.read',
        'security.sessions.manage',
      ],
      guest: ['content.read'],
      service: ['api.access', 'monitoring.read', 'monitoring.write'],
    });
  });

  test('every default permission is a valid name or pattern', () => {
    for (const role of ROLE_NAMES) {
      for (const permission of ROLE_PERMISSIONS[role])
        assert.equal(parsePermission(permission), permission);
    }
  });

  test('the defaults cannot be changed at run time', () => {
    assert.equal(Object.isFrozen(ROLE_PERMISSIONS), true);
    for (const role of ROLE_NAMES) assert.equal(Object.isFrozen(ROLE_PERMISSIONS[role]), true);
  });

  test('one description per role', () => {
    assert.deepEqual(Object.keys(ROLE_DESCRIPTIONS), [...ROLE_NAMES]);
    assert.equal(ROLE_DESCRIPTIONS.admin, 'full system access and administration');
    assert.equal(ROLE_DESCRIPTIONS.guest, 'read-only access to public content');
  });
});

describe('parseRole', () => {
  test('reads every role, in any case', () => {
    for (const role of ROLE_NAMES) {
      assert.equal(parseRole(role), role);
      assert.equal(parseRole(role.toUpperCase()), role);
    }
    assert.equal(parseRole('ADMIN'), 'admin');
    assert.equal(parseRole('Moderator'), 'moderator');
    assert.equal(parseRole(' service '), 'service');
  });

  test('refuses an unknown role, listing the valid ones', () => {
    for (const text of ['root', '', 'admins', 'UserRole.ADMIN']) {
      assert.throws(() => parseRole(text), {
        code: 'INVALID_INPUT',
        message: `'${text}' is not a role; valid roles: ${VALID}`,
        details: { field: 'role' },
      });
    }
  });

  test('shortens a long unknown value in the message', () => {
    assert.throws(() => parseRole('x'.repeat(100)), {
      code: 'INVALID_INPUT',
      message: `'${'x'.repeat(40)}…' is not a role; valid roles: ${VALID}`,
    });
  });

  test('refuses a non-string', () => {
    for (const value of [undefined, null, 1, ['admin'], {}]) {
      assert.throws(() => parseRole(value), {
        code: 'INVALID_INPUT',
        message: `role must be a string, one of: ${VALID}`,
        details: { field: 'role' },
      });
    }
  });
});

describe('isRoleName', () => {
  test('exact lower-case names only', () => {
    assert.equal(isRoleName('admin'), true);
    assert.equal(isRoleName('ADMIN'), false);
    assert.equal(isRoleName('root'), false);
    assert.equal(isRoleName(3), false);
  });
});
