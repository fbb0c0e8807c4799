import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './load.js';

const p = await load<{
  heldPermissions(list: unknown): string[];
  can(held: readonly string[], wanted: string): boolean;
}>('permissions.js');

test('held permissions from names or rows; revoked rows do not count', () => {
  assert.deepEqual(p.heldPermissions(['monitoring.read', 7, null]), ['monitoring.read']);
  assert.deepEqual(
    p.heldPermissions([
      { permission: 'monitoring.read', sources: ['role:viewer'] },
      { permission: 'monitoring.write', revokedBy: 'monitoring.write' },
    ]),
    ['monitoring.read'],
  );
  assert.deepEqual(p.heldPermissions(undefined), []);
});

test('exact names, * and prefix.* cover a permission', () => {
  assert.equal(p.can(['monitoring.read'], 'monitoring.read'), true);
  assert.equal(p.can(['monitoring.read'], 'monitoring.write'), false);
  assert.equal(p.can(['*'], 'security.users.manage'), true);
  assert.equal(p.can(['security.*'], 'security.users.manage'), true);
  assert.equal(p.can(['security.*'], 'securityx.read'), false);
  assert.equal(p.can([], 'monitoring.read'), false);
});
