import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  MAX_PERMISSION_LENGTH,
  canonicalPermission,
  isWildcard,
  parsePermission,
  permissionMatches,
} from '../../../../../daemon/security/rbac/permission.js';

const EXPECTED =
  'expected domain.action like monitoring.read (segments of a-z, 0-9, _ and - starting with a letter, joined by dots) or a pattern like monitoring.* or *';

function invalid(message: string): { code: string; message: string; details: { field: string } } {
  return { code: 'INVALID_INPUT', message, details: { field: 'permission' } };
}

describe('parsePermission', () => {
  test('accepts domain.action names at any depth, and returns them as given', () => {
    for (const name of [
      'monitoring.read',
      'security.users.manage',
      'system.admin',
      'api.access',
      'a.b',
      'reports.export_csv',
      'x1.y-2.z3',
    ]) {
      assert.equal(parsePermission(name), name);
    }
  });

  test('accepts wildcard patterns: * alone and a whole last segment', () => {
    assert.equal(parsePermission('*'), '*');
    assert.equal(parsePermission('monitoring.*'), 'monitoring.*');
    assert.equal(parsePermission('security.users.*'), 'security.users.*');
  });

  test('trims and lower-cases', () => {
    assert.equal(parsePermission('  Monitoring.READ\n'), 'monitoring.read');
    assert.equal(parsePermission('SECURITY.*'), 'security.*');
  });

  test('refuses a non-string', () => {
    for (const value of [undefined, null, 42, ['monitoring.read'], { name: 'x' }]) {
      assert.throws(
        () => parsePermission(value),
        invalid(`permission must be a string; ${EXPECTED}`),
      );
    }
  });

  test('refuses an empty or blank name', () => {
    assert.throws(() => parsePermission(''), invalid(`permission is empty; ${EXPECTED}`));
    assert.throws(() => parsePermission('   '), invalid(`permission is empty; ${EXPECTED}`));
  });

  test('refuses a name without an action', () => {
    assert.throws(
      () => parsePermission('monitoring'),
      invalid(
        `'monitoring' is not a valid permission: it needs an action after the domain, like monitoring.read`,
      ),
    );
  });

  test('refuses a wildcard that is not a whole last segment', () => {
    for (const text of [
      'monitoring*',
      'monitoring.re*',
      '*.read',
      'a.*.b',
      '**',
      'monitoring.**',
      '.*',
    ]) {
      assert.throws(
        () => parsePermission(text),
        invalid(
          `'${text}' is not a valid permission: a wildcard must be a whole last segment (monitoring.*) or * alone`,
        ),
        text,
      );
    }
  });

  test('refuses other shapes with the expected form', () => {
    for (const text of [
      'monitoring.',
      '.read',
      'monitoring..read',
      '1x.read',
      'monitoring.read!',
      'mon itoring.read',
      'a.b/c',
      'monitoring.1read',
    ]) {
      assert.throws(
        () => parsePermission(text),
        invalid(`'${text}' is not a valid permission: ${EXPECTED}`),
        text,
      );
    }
  });

  test(`refuses a name longer than ${MAX_PERMISSION_LENGTH} characters`, () => {
    const long = `a.${'b'.repeat(MAX_PERMISSION_LENGTH - 2)}`;
    assert.equal(parsePermission(long), long);
    assert.throws(
      () => parsePermission(`${long}c`),
      invalid(`permission is longer than ${MAX_PERMISSION_LENGTH} characters`),
    );
  });
});

describe('permissionMatches', () => {
  test('exact names', () => {
    assert.equal(permissionMatches('monitoring.read', 'monitoring.read'), true);
    assert.equal(permissionMatches('monitoring.read', 'monitoring.write'), false);
    assert.equal(permissionMatches('monitoring.read', 'monitoring.read.all'), false);
  });

  test('domain.* covers its domain at any depth, and nothing that only shares a prefix', () => {
    assert.equal(permissionMatches('monitoring.*', 'monitoring.read'), true);
    assert.equal(permissionMatches('monitoring.*', 'monitoring.alerts.ack'), true);
    assert.equal(permissionMatches('monitoring.*', 'monitoringx.read'), false);
    assert.equal(permissionMatches('monitoring.*', 'monitoring'), false);
    assert.equal(permissionMatches('security.users.*', 'security.users.manage'), true);
    assert.equal(permissionMatches('security.users.*', 'security.sessions.manage'), false);
  });

  test('* covers everything', () => {
    for (const name of ['system.admin', 'a.b', 'security.keys.manage', 'monitoring.*']) {
      assert.equal(permissionMatches('*', name), true);
    }
  });

  test('answers whether one pattern covers another', () => {
    assert.equal(permissionMatches('security.*', 'security.users.*'), true);
    assert.equal(permissionMatches('monitoring.*', 'monitoring.*'), true);
    assert.equal(permissionMatches('security.users.*', 'security.*'), false);
    assert.equal(permissionMatches('monitoring.read', 'monitoring.*'), false);
    assert.equal(permissionMatches('monitoring.*', '*'), false);
  });
});

describe('isWildcard', () => {
  test('patterns and names', () => {
    assert.equal(isWildcard('*'), true);
    assert.equal(isWildcard('monitoring.*'), true);
    assert.equal(isWildcard('monitoring.read'), false);
  });
});

describe('canonicalPermission', () => {
  test('gives a catalog name as it is and parses anything else, refusing as parsePermission does', () => {
    assert.equal(canonicalPermission('monitoring.read'), 'monitoring.read');
    assert.equal(canonicalPermission(' Reports.Export '), 'reports.export');
    assert.equal(canonicalPermission('security.*'), 'security.*');
    assert.throws(() => canonicalPermission('monitoring'), {
      code: 'INVALID_INPUT',
      message:
        "'monitoring' is not a valid permission: it needs an action after the domain, like monitoring.read",
    });
    assert.throws(() => canonicalPermission(7), {
      code: 'INVALID_INPUT',
      message: /^permission must be a string/,
    });
  });
});
