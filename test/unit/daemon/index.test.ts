import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ManualClock,
  ROLE_NAMES,
  Role,
  SecuritySystem,
  openSystems,
} from '../../../daemon/index.js';

const T0 = Date.UTC(2026, 0, 1);

describe('library entry', () => {
  test("Role names the spec's roles", () => {
    assert.deepEqual(Role, {
      ADMIN: 'admin',
      USER: 'user',
      MODERATOR: 'moderator',
      GUEST: 'guest',
      SERVICE: 'service',
    });
    assert.deepEqual(Object.values(Role).sort(), [...ROLE_NAMES].sort());
  });

  test('openSystems passes the security options to the engine', async (t) => {
    const systems = openSystems({
      clock: new ManualClock(T0),
      actor: 'svc',
      security: { bcryptCost: 10, tokenTtlMs: 120_000 },
    });
    t.after(() => systems.close());
    const { security } = systems;
    assert.ok(security instanceof SecuritySystem);
    const password = 'Vq8#mZ2!pL4@xR7w-kT';
    await security.createUser('ada', 'ada@example.com', password, [Role.ADMIN]);
    const grant = await security.generateToken('ada', password);
    assert.equal(grant.expiresAt, T0 + 120_000);
    assert.deepEqual((await security.verifyToken(grant.accessToken)).roles, ['admin']);
    const { entry } = await security.addToBlacklist('192.0.2.1');
    assert.equal(entry.createdBy, 'svc');
  });

  test('bad security options are a TypeError when the systems open', () => {
    assert.throws(
      () => openSystems({ security: { bcryptCost: 4 } }),
      new TypeError('"security.bcryptCost" option must be an integer from 10 to 16'),
    );
    assert.throws(
      () => openSystems({ security: 'fast' as never }),
      new TypeError('"security" option must be an object'),
    );
  });
});
