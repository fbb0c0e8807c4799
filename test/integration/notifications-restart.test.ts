/**
 * Notifications across a daemon restart, through the real CLI and daemon: with the receiver
 * down, a notification that could not be delivered is still delivered once the receiver comes
 * up after the restart — also a resolved one, which only the stored dispatcher state remembers,
 * and also after the daemon was killed; and a group already notified is not notified again right
 * after a restart (its repeat schedule carries on).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freePort } from '../helpers/free-port.js';
import { waitForExit, type TestHome } from '../helpers/home.js';
import {
  alertsOf,
  cliOk,
  monitoringHome,
  pushGauge,
  waitForAlert,
  waitForNoAlert,
} from '../helpers/monitoring.js';
import {
  deliveriesOf,
  httpReceiver,
  quickDefaultRoute,
  waitForDeliveries,
  waitForRequests,
  addWebhookChannel,
} from '../helpers/notifications.js';

interface Payload {
  status: string;
  groupKey: string;
  alerts: Array<{ status: string; fingerprint: string }>;
}

/** `daemon restart`, or a SIGKILL and `daemon start` (nothing saved on the way out). */
async function restart(home: TestHome, how: 'restart' | 'kill'): Promise<void> {
  if (how === 'restart') {
    await cliOk(home, ['daemon', 'restart']);
    return;
  }
  const pid = await home.daemonPid();
  assert.ok(pid !== null);
  process.kill(pid, 'SIGKILL');
  assert.ok(await waitForExit(pid));
  await cliOk(home, ['daemon', 'start']);
}

/** A home with the webhook channel `hook` to `port` (sending resolved too) and the quick default route. */
async function hookHome(t: Parameters<typeof monitoringHome>[0], port: number): Promise<TestHome> {
  const home = await monitoringHome(t);
  await addWebhookChannel(home, 'hook', `http://127.0.0.1:${port}/hook`, ['--send-resolved']);
  await quickDefaultRoute(home, ['hook']);
  return home;
}

describe('notifications: across a restart', () => {
  it('an alert that fired while the receiver was down is delivered after a restart, once it is up', async (t) => {
    const port = await freePort();
    const home = await hookHome(t, port);
    await pushGauge(home, 'pump_pressure', 12);
    await cliOk(home, ['monitoring', '--add-rule', 'PumpHigh', '--expr', 'pump_pressure > 10']);
    const firing = await waitForAlert(home, 'PumpHigh', 'firing');
    await waitForDeliveries(home, 'a failed attempt', (all) =>
      all.some((r) => r.outcome !== 'sent'),
    );

    await restart(home, 'restart');
    const hook = await httpReceiver(t, { port });
    await waitForRequests(hook, 1, 'the notification after the restart');
    const payload = hook.requests[0]?.json as Payload;
    assert.equal(payload.status, 'firing');
    assert.equal(payload.groupKey, 'default:{alertname="PumpHigh"}');
    assert.deepEqual(
      payload.alerts.map((a) => a.fingerprint),
      [firing.id],
    );
    const records = await waitForDeliveries(home, 'the sent record', (all) =>
      all.some((r) => r.outcome === 'sent'),
    );
    assert.ok(
      records.every((r) => r.outcome === 'sent' || r.error?.includes('ECONNREFUSED') === true),
      JSON.stringify(records.map((r) => r.error)),
    );
  });

  for (const how of ['restart', 'kill'] as const) {
    it(`an alert that resolved while the receiver was down is told resolved after a ${how === 'restart' ? 'restart' : 'SIGKILL and start'}`, async (t) => {
      const port = await freePort();
      const home = await hookHome(t, port);
      let hook = await httpReceiver(t, { port });
      await pushGauge(home, 'valve_open', 1);
      await cliOk(home, ['monitoring', '--add-rule', 'ValveOpen', '--expr', 'valve_open > 0']);
      const firing = await waitForAlert(home, 'ValveOpen', 'firing');
      await waitForRequests(hook, 1, 'the firing notification');

      await hook.close();
      await pushGauge(home, 'valve_open', 0);
      await waitForNoAlert(home, 'ValveOpen');
      await waitForDeliveries(home, 'a failed attempt to tell it resolved', (all) =>
        all.some((r) => r.reason === 'resolved' && r.outcome !== 'sent'),
      );

      await restart(home, how);
      // The engine has no alert left: only the stored notification state knows what to tell.
      assert.deepEqual((await alertsOf(home)).alerts, []);
      hook = await httpReceiver(t, { port });
      await waitForRequests(hook, 1, 'the resolved notification after the restart');
      const payload = hook.requests[0]?.json as Payload;
      assert.equal(payload.status, 'resolved');
      assert.deepEqual(
        payload.alerts.map((a) => [a.fingerprint, a.status]),
        [[firing.id, 'resolved']],
      );
      await waitForDeliveries(home, 'the resolved notification sent', (all) =>
        all.some((r) => r.reason === 'resolved' && r.outcome === 'sent'),
      );
    });
  }

  it('a group already notified is not notified again right after a restart', async (t) => {
    const hookPort = await freePort();
    const home = await hookHome(t, hookPort);
    const hook = await httpReceiver(t, { port: hookPort });
    await pushGauge(home, 'tank_level', 95);
    await cliOk(home, ['monitoring', '--add-rule', 'TankFull', '--expr', 'tank_level > 90']);
    const firing = await waitForAlert(home, 'TankFull', 'firing');
    await waitForRequests(hook, 1, 'the first notification');

    await restart(home, 'restart');
    const again = await waitForAlert(home, 'TankFull', 'firing');
    assert.equal(again.id, firing.id);
    // A rule added after the restart fires too: once its notification is in, TankFull's group
    // has been through the evaluations since the restart (and a fresh one would have been sent).
    await cliOk(home, ['monitoring', '--add-rule', 'TankMarker', '--expr', 'tank_level > 50']);
    await waitForDeliveries(home, "the marker's notification", (all) =>
      all.some((r) => r.groupKey === 'default:{alertname="TankMarker"}' && r.outcome === 'sent'),
    );
    const groups = hook.requests.map((r) => (r.json as Payload).groupKey);
    assert.deepEqual(groups, [
      'default:{alertname="TankFull"}',
      'default:{alertname="TankMarker"}',
    ]);
    assert.deepEqual(
      (await deliveriesOf(home)).map((r) => [r.groupKey, r.reason]),
      [
        ['default:{alertname="TankFull"}', 'new-group'],
        ['default:{alertname="TankMarker"}', 'new-group'],
      ],
    );
  });
});
