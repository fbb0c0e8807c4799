import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startEmbeddedDashboard } from '../../../../../daemon/http/server/embedded.js';
import { openSystems } from '../../../../../daemon/index.js';
import { openTestCore, STRONG } from '../../security/engine/engine-fixtures.js';
import { send } from './http-fixtures.js';

describe('the embedded dashboard', () => {
  it('serves the same guarded routes from the embedding process, with real protocol handlers', async () => {
    const { core, clock } = await openTestCore();
    await core.security.users.create(
      { username: 'ada', email: 'ada@example.com', password: STRONG, roles: ['admin'] },
      'test',
    );
    const dashboard = await startEmbeddedDashboard({ core, clock, port: 0 });
    try {
      assert.equal(dashboard.status.state, 'listening');
      const port = dashboard.status.state === 'listening' ? dashboard.status.port : 0;
      assert.equal((await send(port, '/healthz')).status, 200);
      assert.equal((await send(port, '/api/v1/session')).status, 401);
      const { accessToken } = await core.security.auth.login('ada', STRONG);
      const session = await send(port, '/api/v1/session', {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      assert.equal((session.json() as { username: string }).username, 'ada');
    } finally {
      await dashboard.stop();
      await core.close();
    }
  });

  it('refuses a bad port with a TypeError naming the option', async () => {
    const { core, clock } = await openTestCore();
    await assert.rejects(startEmbeddedDashboard({ core, clock, port: 70_000 }), {
      name: 'TypeError',
      message: '"dashboardPort" option must be a whole number from 0 to 65535',
    });
    await core.close();
  });

  it('MonitoringSystem.start({ dashboardPort }) serves it until stop()', async () => {
    const systems = openSystems({ security: { bcryptCost: 10 } });
    try {
      assert.equal(systems.monitoring.dashboardUrl, null);
      await systems.monitoring.start({ dashboardPort: 0 });
      // Read through a function: TypeScript keeps the getter narrowed to null after the assert.
      const url = String(((m) => m.dashboardUrl)(systems.monitoring));
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const port = Number(new URL(url).port);
      assert.deepEqual((await send(port, '/healthz')).json(), { status: 'ok' });
      await systems.monitoring.stop();
      assert.equal(((m) => m.dashboardUrl)(systems.monitoring), null);
      await assert.rejects(send(port, '/healthz'), { code: 'ECONNREFUSED' });
    } finally {
      await systems.close();
    }
  });
});
