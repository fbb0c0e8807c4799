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

  test('start({ dashboardStatusPage }) serves the public status page while the option says on', async (t) => {
    const systems = openSystems({ security: { bcryptCost: 10 } });
    // The dashboard stops before the store closes.
    t.after(async () => {
      await systems.monitoring.stop();
      await systems.close();
    });
    let on = false;
    await systems.monitoring.start({ dashboardPort: 0, dashboardStatusPage: () => on });
    const base = String(((m) => m.dashboardUrl)(systems.monitoring)).replace(/\/$/, '');
    const get = async (path: string): Promise<{ status: number; type: string; text: string }> => {
      const res = await fetch(`${base}${path}`, { redirect: 'manual' });
      return {
        status: res.status,
        type: String(res.headers.get('content-type')),
        text: await res.text(),
      };
    };
    const offPage = await get('/status');
    assert.equal(offPage.status, 404);
    const offApi = await get('/api/v1/status');
    assert.equal(offApi.status, 404);
    assert.deepEqual(JSON.parse(offApi.text), {
      error: {
        code: 'NOT_FOUND',
        message: 'the public status page is off (config http.statusPage)',
      },
    });
    on = true;
    const page = await get('/status');
    assert.equal(page.status, 200);
    assert.match(page.type, /^text\/html/);
    const api = await get('/api/v1/status');
    assert.equal(api.status, 200);
    const body = JSON.parse(api.text) as { checks: unknown[]; incidents: unknown[] };
    assert.deepEqual([body.checks, body.incidents], [[], []]);
    on = false;
    assert.equal((await get('/status')).status, 404);
    assert.equal((await get('/api/v1/status')).status, 404);
  });

  test('the embedded status page is off by default; a bad dashboardStatusPage is a TypeError before anything starts', async (t) => {
    const systems = openSystems({ security: { bcryptCost: 10 } });
    // The dashboard stops before the store closes.
    t.after(async () => {
      await systems.monitoring.stop();
      await systems.close();
    });
    await assert.rejects(
      systems.monitoring.start({ dashboardPort: 0, dashboardStatusPage: 'on' as never }),
      new TypeError('"dashboardStatusPage" option must be a boolean or a function returning one'),
    );
    assert.equal(systems.monitoring.dashboardUrl, null);
    await systems.monitoring.start({ dashboardPort: 0 });
    const base = String(((m) => m.dashboardUrl)(systems.monitoring)).replace(/\/$/, '');
    assert.equal((await fetch(`${base}/status`)).status, 404);
    assert.equal((await fetch(`${base}/api/v1/status`)).status, 404);
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
