import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  KNOWN_PERMISSION_SET,
  KNOWN_PERMISSIONS,
  PERMISSION_CATALOG,
} from '../../../../../daemon/security/rbac/catalog.js';
import { isWildcard, parsePermission } from '../../../../../daemon/security/rbac/permission.js';

describe('permission catalog', () => {
  test('holds the permissions of the issue and those the product uses', () => {
    assert.deepEqual(KNOWN_PERMISSIONS, [
      'api.access',
      'content.create',
      'content.delete',
      'content.edit',
      'content.moderate',
      'content.read',
      'monitoring.read',
      'monitoring.write',
      'security.audit.read',
      'security.blacklist.manage',
      'security.keys.manage',
      'security.read',
      'security.secrets.read',
      'security.secrets.write',
      'security.sessions.manage',
      'security.users.manage',
      'system.admin',
    ]);
  });

  test('every entry is a concrete, valid name with a description', () => {
    for (const name of KNOWN_PERMISSIONS) {
      assert.equal(parsePermission(name), name);
      assert.equal(isWildcard(name), false);
      assert.ok((PERMISSION_CATALOG[name] ?? '').length > 0, name);
    }
    // The set that lets a check skip parsing holds exactly these names.
    assert.deepEqual([...KNOWN_PERMISSION_SET].sort(), KNOWN_PERMISSIONS);
  });

  test('is frozen', () => {
    assert.equal(Object.isFrozen(PERMISSION_CATALOG), true);
    assert.equal(Object.isFrozen(KNOWN_PERMISSIONS), true);
  });
});
