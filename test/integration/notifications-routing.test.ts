/**
 * Which alerts reach which channels, through the real CLI and daemon: alerts of one rule are
 * grouped into one notification and another rule makes its own group; a route's matchers pick
 * its alerts and `--continue` sends them on to the next matching route; a channel's
 * `--min-severity` leaves milder alerts out; a silence made before an alert fires keeps it from
 * being notified, and an acked alert is left out of its group's next notification.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  alertsOf,
  cliJson,
  cliOk,
  monitoringHome,
  poll,
  pushGauge,
  waitForAlert,
  type SilenceJson,
} from '../helpers/monitoring.js';
import {
  deliveriesOf,
  httpReceiver,
  quickDefaultRoute,
  waitForRequests,
  type HttpReceiver,
  addWebhookChannel,
} from '../helpers/notifications.js';

interface Payload {
  status: string;
  groupKey: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  alerts: Array<{ status: string; labels: Record<string, string>; fingerprint: string }>;
}

const payloads = (receiver: HttpReceiver): Payload[] =>
  receiver.requests.map((r) => r.json as Payload);

/** The value of `label` of each alert of a payload, sorted. */
const labelsOf = (payload: Payload | undefined, label: string): string[] =>
  (payload?.alerts ?? []).map((a) => a.labels[label] ?? '(none)').sort();

describe('notifications: grouping and routing', () => {
  it('two alerts of a rule within group_wait come in one notification; another rule makes its own group', async (t) => {
    const home = await monitoringHome(t);
    const hook = await httpReceiver(t);
    await addWebhookChannel(home, 'hook', hook.url);
    await cliOk(home, [
      'monitoring',
      '--add-route',
      'default',
      '--channel',
      'hook',
      '--group-wait',
      '3s',
      '--group-interval',
      '1s',
    ]);
    await pushGauge(home, 'cpu_busy', 95, { host: 'a' });
    await pushGauge(home, 'cpu_busy', 97, { host: 'b' });
    await cliOk(home, [
      'monitoring',
      '--add-rule',
      'CpuHigh',
      '--expr',
      'cpu_busy > 90',
      '--severity',
      'warning',
    ]);
    await cliOk(home, [
      'monitoring',
      '--add-rule',
      'CpuPegged',
      '--expr',
      'cpu_busy > 96',
      '--severity',
      'critical',
    ]);

    await waitForRequests(hook, 2, 'a notification per rule');
    const byKey = new Map(payloads(hook).map((p) => [p.groupKey, p]));
    assert.deepEqual([...byKey.keys()].sort(), [
      'default:{alertname="CpuHigh"}',
      'default:{alertname="CpuPegged"}',
    ]);
    const high = byKey.get('default:{alertname="CpuHigh"}');
    assert.deepEqual(
      labelsOf(high, 'host'),
      ['a', 'b'],
      'both alerts of the rule in one notification',
    );
    assert.deepEqual(high?.groupLabels, { alertname: 'CpuHigh' });
    assert.deepEqual(
      high?.commonLabels,
      { alertname: 'CpuHigh', severity: 'warning' },
      'host differs, so it is not common',
    );
    const pegged = byKey.get('default:{alertname="CpuPegged"}');
    assert.deepEqual(labelsOf(pegged, 'host'), ['b']);
    const records = await deliveriesOf(home, 'hook');
    assert.deepEqual(
      records.map((r) => [r.reason, r.outcome]),
      [
        ['new-group', 'sent'],
        ['new-group', 'sent'],
      ],
    );
  });

  it('a route with --match takes only matching alerts; --continue sends them on to the next matching route', async (t) => {
    const home = await monitoringHome(t);
    const dbReceiver = await httpReceiver(t);
    const teamsReceiver = await httpReceiver(t);
    const restReceiver = await httpReceiver(t);
    for (const [name, r] of [
      ['db', dbReceiver],
      ['teams', teamsReceiver],
      ['rest', restReceiver],
    ] as const) {
      await cliOk(home, ['monitoring', '--add-channel', name, '--type', 'webhook', '--url', r.url]);
    }
    const quick = ['--group-wait', '0s', '--group-interval', '1s'];
    await cliOk(home, [
      'monitoring',
      '--add-route',
      'dbteam',
      '--channel',
      'db',
      '--match',
      'team=db',
      '--continue',
      ...quick,
    ]);
    await cliOk(home, [
      'monitoring',
      '--add-route',
      'anyteam',
      '--channel',
      'teams',
      '--match',
      'team=~"db|web"',
      ...quick,
    ]);
    await quickDefaultRoute(home, ['rest']);
    const routes = await cliOk(home, ['monitoring', '--routes']);
    assert.match(
      routes,
      /^ROUTE\s+MATCH\s+SEVERITY\s+CHANNELS\s+GROUP BY\s+WAIT \/ INTERVAL \/ REPEAT\s+CONTINUE$/m,
    );
    assert.match(routes, /^dbteam\s+team=db\s+-\s+db\s+alertname\s+0s \/ 1s \/ 4h\s+yes$/m);
    assert.match(
      routes,
      /^anyteam\s+team=~"db\|web"\s+-\s+teams\s+alertname\s+0s \/ 1s \/ 4h\s+no$/m,
    );
    assert.match(
      routes,
      /^default \(default\)\s+\(any\)\s+-\s+rest\s+alertname\s+0s \/ 1s \/ 4h\s+no$/m,
    );

    await pushGauge(home, 'error_rate', 5, { team: 'db' });
    await pushGauge(home, 'error_rate', 6, { team: 'web' });
    await pushGauge(home, 'error_rate', 7, { team: 'ops' });
    await cliOk(home, ['monitoring', '--add-rule', 'Errors', '--expr', 'error_rate > 1']);

    await waitForRequests(dbReceiver, 1, 'the db route');
    await waitForRequests(teamsReceiver, 1, 'the team route');
    await waitForRequests(restReceiver, 1, 'the default route');
    const [db] = payloads(dbReceiver);
    assert.equal(db?.groupKey, 'dbteam:{alertname="Errors"}');
    assert.deepEqual(labelsOf(db, 'team'), ['db']);
    const [teams] = payloads(teamsReceiver);
    assert.equal(teams?.groupKey, 'anyteam:{alertname="Errors"}');
    assert.deepEqual(
      labelsOf(teams, 'team'),
      ['db', 'web'],
      'the db alert continued to this route',
    );
    const [rest] = payloads(restReceiver);
    assert.equal(rest?.groupKey, 'default:{alertname="Errors"}');
    assert.deepEqual(labelsOf(rest, 'team'), ['ops'], 'only the alert no route matched');
    // The three groups were formed from one evaluation's alerts: each receiver got its one.
    assert.deepEqual(
      [dbReceiver, teamsReceiver, restReceiver].map((r) => r.requests.length),
      [1, 1, 1],
    );
  });

  it("a channel's --min-severity leaves milder alerts out", async (t) => {
    const home = await monitoringHome(t);
    const everything = await httpReceiver(t);
    const pager = await httpReceiver(t);
    await addWebhookChannel(home, 'all', everything.url);
    await addWebhookChannel(home, 'pager', pager.url, ['--min-severity', 'critical']);
    assert.match(
      await cliOk(home, ['monitoring', '--channels']),
      /^pager\s+webhook\s+url=\*\*\*\s+critical\+\s+never$/m,
    );
    await quickDefaultRoute(home, ['all', 'pager']);
    await pushGauge(home, 'room_temp', 80);
    await cliOk(home, [
      'monitoring',
      '--add-rule',
      'RoomWarm',
      '--expr',
      'room_temp > 50',
      '--severity',
      'warning',
    ]);
    await cliOk(home, [
      'monitoring',
      '--add-rule',
      'RoomHot',
      '--expr',
      'room_temp > 70',
      '--severity',
      'critical',
    ]);

    await waitForRequests(everything, 2, 'both alerts on the channel without a minimum');
    await waitForRequests(pager, 1, 'the critical alert on the pager');
    assert.deepEqual(
      payloads(everything)
        .map((p) => p.commonLabels['alertname'])
        .sort(),
      ['RoomHot', 'RoomWarm'],
    );
    // Each group's flush decided for both channels at once: the warning one went to `all` only.
    assert.deepEqual(
      payloads(pager).map((p) => p.commonLabels['alertname']),
      ['RoomHot'],
    );
    assert.deepEqual(
      (await deliveriesOf(home, 'pager')).map((r) => [r.groupKey, r.outcome]),
      [['default:{alertname="RoomHot"}', 'sent']],
    );
  });

  it('an alert silenced before it fires is not notified (until the silence ends)', async (t) => {
    const home = await monitoringHome(t);
    const hook = await httpReceiver(t);
    await addWebhookChannel(home, 'hook', hook.url);
    await quickDefaultRoute(home, ['hook']);
    const { silence } = await cliJson<{ silence: SilenceJson }>(home, [
      'monitoring',
      '--silence',
      'alertname=Noisy',
      '--for',
      '1h',
      '--comment',
      'known flapping',
    ]);
    await pushGauge(home, 'fan_rpm', 9000);
    await cliOk(home, ['monitoring', '--add-rule', 'Noisy', '--expr', 'fan_rpm > 5000']);
    const noisy = await waitForAlert(home, 'Noisy', 'firing');
    assert.equal(noisy.muted, 'silenced');
    // A rule added after it fires too: once its notification is in, Noisy's group has flushed.
    await cliOk(home, ['monitoring', '--add-rule', 'Loud', '--expr', 'fan_rpm > 8000']);
    await waitForRequests(hook, 1, "Loud's notification");
    assert.deepEqual(
      payloads(hook).map((p) => p.commonLabels['alertname']),
      ['Loud'],
    );
    assert.ok(
      (await alertsOf(home)).alerts.some(
        (a) => a.rule === 'Noisy' && a.state === 'firing' && a.muted === 'silenced',
      ),
    );

    await cliOk(home, ['monitoring', '--unsilence', silence.id]);
    await waitForRequests(hook, 2, "Noisy's notification once the silence ended");
    const noisyPayload = payloads(hook)[1];
    assert.equal(noisyPayload?.groupKey, 'default:{alertname="Noisy"}');
    assert.deepEqual(
      noisyPayload?.alerts.map((a) => a.fingerprint),
      [noisy.id],
    );
  });

  it("an acked alert is left out of its group's next notification", async (t) => {
    const home = await monitoringHome(t);
    const hook = await httpReceiver(t);
    await addWebhookChannel(home, 'hook', hook.url, ['--send-resolved']);
    await quickDefaultRoute(home, ['hook']);
    await pushGauge(home, 'oven_temp', 300, { oven: 'a' });
    await cliOk(home, ['monitoring', '--add-rule', 'OvenHot', '--expr', 'oven_temp > 250']);
    const first = await waitForAlert(home, 'OvenHot', 'firing');
    await waitForRequests(hook, 1, 'the first notification');
    await cliOk(home, ['monitoring', '--ack', first.id, '--comment', 'on it']);
    await poll('the alert acked', async () =>
      (await alertsOf(home)).alerts.some((a) => a.id === first.id && a.muted === 'acked'),
    );

    await pushGauge(home, 'oven_temp', 310, { oven: 'b' });
    await waitForRequests(hook, 2, 'the notification of the new alert');
    const second = payloads(hook)[1];
    assert.equal(second?.status, 'firing');
    assert.deepEqual(
      labelsOf(second, 'oven'),
      ['b'],
      'the acked alert is left out, and not said to be resolved',
    );
    const records = await deliveriesOf(home, 'hook');
    assert.deepEqual(
      records.map((r) => r.reason),
      ['new-group', 'new-alerts'],
    );
  });
});
