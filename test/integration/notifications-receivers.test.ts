/**
 * Alert notifications through the real CLI and daemon to real receivers on loopback: a webhook
 * gets Alertmanager's v4 payload when an alert fires and when it resolves, Slack gets an
 * attachment coloured by severity, and a command channel runs a real script with the
 * notification on its stdin. The delivery log and `--channels` say what was sent.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cliJson,
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
  recordingScript,
  waitForRequests,
  type DeliveryJson,
  addWebhookChannel,
} from '../helpers/notifications.js';

const ZERO_TIME = '0001-01-01T00:00:00Z';

interface ChannelJson {
  name: string;
  type: string;
  options: Record<string, unknown>;
  sendResolved: boolean;
  minSeverity: string;
  lastDelivery: DeliveryJson | null;
}

interface SlackMessage {
  channel?: string;
  username?: string;
  attachments: Array<{
    color: string;
    fallback: string;
    title: string;
    title_link: string;
    text: string;
    fields: Array<{ title: string; value: string; short: boolean }>;
    ts: number;
  }>;
}

describe('notifications: receivers', () => {
  it('webhook: the v4 payload when an alert fires and when it resolves; the log lists both as sent', async (t) => {
    const home = await monitoringHome(t);
    const hook = await httpReceiver(t);
    await addWebhookChannel(home, 'hook', `${hook.url}/alerts/k3y-in-path`, ['--send-resolved']);
    await quickDefaultRoute(home, ['hook']);
    await pushGauge(home, 'disk_used', 95, { mount: '/data' });
    await cliOk(home, [
      'monitoring',
      '--add-rule',
      'DiskFull',
      '--expr',
      'disk_used > 90',
      '--severity',
      'warning',
      '--annotation',
      'summary=the disk is nearly full',
    ]);
    const firing = await waitForAlert(home, 'DiskFull', 'firing');

    await waitForRequests(hook, 1, 'the firing notification');
    const [first] = hook.requests;
    assert.ok(first !== undefined);
    assert.equal(first.method, 'POST');
    assert.equal(first.url, '/alerts/k3y-in-path');
    assert.match(String(first.headers['content-type']), /^application\/json/);
    const body = first.json as Record<string, unknown>;
    const externalURL = String(body['externalURL']);
    assert.match(externalURL, /^http:\/\/127\.0\.0\.1:\d+$/);
    const labels = { mount: '/data', alertname: 'DiskFull', severity: 'warning' };
    const alert = {
      status: 'firing',
      labels,
      annotations: { summary: 'the disk is nearly full' },
      startsAt: firing.activeAt,
      endsAt: ZERO_TIME,
      generatorURL: `${externalURL}/alerts?rule=DiskFull`,
      fingerprint: firing.id,
    };
    assert.deepEqual(body, {
      receiver: 'hook',
      status: 'firing',
      alerts: [alert],
      groupLabels: { alertname: 'DiskFull' },
      commonLabels: labels,
      commonAnnotations: { summary: 'the disk is nearly full' },
      externalURL,
      version: '4',
      groupKey: 'default:{alertname="DiskFull"}',
      truncatedAlerts: 0,
      reason: 'new-group',
    });
    // Alertmanager's fields in its order, then our reason; severity and value stay out.
    assert.deepEqual(Object.keys(body), [
      'receiver',
      'status',
      'alerts',
      'groupLabels',
      'commonLabels',
      'commonAnnotations',
      'externalURL',
      'version',
      'groupKey',
      'truncatedAlerts',
      'reason',
    ]);
    assert.deepEqual(Object.keys((body['alerts'] as object[])[0] as object), Object.keys(alert));

    await pushGauge(home, 'disk_used', 40, { mount: '/data' });
    await waitForNoAlert(home, 'DiskFull');
    await waitForRequests(hook, 2, 'the resolved notification');
    const resolved = hook.requests[1]?.json as {
      status: string;
      alerts: Array<Record<string, unknown>>;
      groupKey: string;
    };
    assert.equal(resolved.status, 'resolved');
    assert.equal(resolved.groupKey, 'default:{alertname="DiskFull"}');
    assert.equal(resolved.alerts.length, 1);
    const [gone] = resolved.alerts;
    assert.equal(gone?.['status'], 'resolved');
    assert.equal(gone?.['fingerprint'], firing.id);
    assert.equal(gone?.['startsAt'], firing.activeAt);
    assert.ok(
      Date.parse(String(gone?.['endsAt'])) > Date.parse(firing.activeAt),
      `endsAt ${String(gone?.['endsAt'])}`,
    );
    assert.equal((resolved as { reason?: string }).reason, 'resolved');

    const records = await deliveriesOf(home);
    assert.deepEqual(
      records.map((r) => [
        r.channel,
        r.reason,
        r.attempt,
        r.outcome,
        r.detail,
        r.error,
        r.groupKey,
      ]),
      [
        ['hook', 'new-group', 1, 'sent', 'HTTP 200', null, 'default:{alertname="DiskFull"}'],
        ['hook', 'resolved', 1, 'sent', 'HTTP 200', null, 'default:{alertname="DiskFull"}'],
      ],
    );
    const table = await cliOk(home, ['monitoring', '--notifications']);
    assert.match(table, /^TIME\s+CHANNEL\s+REASON\s+TRY\s+OUTCOME\s+TOOK\s+DETAIL\s+GROUP$/m);
    assert.match(
      table,
      /\shook\s+new-group\s+1\s+sent\s+\d+ ms\s+HTTP 200\s+default:\{alertname="DiskFull"\}$/m,
    );
    assert.match(
      table,
      /\shook\s+resolved\s+1\s+sent\s+\d+ ms\s+HTTP 200\s+default:\{alertname="DiskFull"\}$/m,
    );
    assert.equal(hook.requests.length, 2, 'nothing else was sent');

    // The channel shows its last delivery, and its URL (a credential) only as ***.
    const { channels } = await cliJson<{ channels: ChannelJson[] }>(home, [
      'monitoring',
      '--channels',
    ]);
    assert.equal(channels.length, 1);
    assert.deepEqual(channels[0]?.options, { url: '***' });
    assert.equal(channels[0]?.sendResolved, true);
    assert.deepEqual(channels[0]?.lastDelivery, records[1]);
    const human = await cliOk(home, ['monitoring', '--channels']);
    assert.match(human, /^hook\s+webhook\s+url=\*\*\*\s+info\+, resolved\s+sent /m);
    assert.doesNotMatch(human, /k3y-in-path/);
  });

  it('slack: one attachment per group, coloured by severity, green once resolved', async (t) => {
    const home = await monitoringHome(t);
    const slack = await httpReceiver(t);
    await cliOk(home, [
      'monitoring',
      '--add-channel',
      'chat',
      '--type',
      'slack',
      '--url',
      `${slack.url}/services/T000/B000/XXXX`,
      '--option',
      'channel=#ops',
      '--option',
      'username=brain',
      '--send-resolved',
    ]);
    await quickDefaultRoute(home, ['chat']);
    await pushGauge(home, 'load_avg', 9, { host: 'web-1' });
    for (const [name, severity] of [
      ['LoadCritical', 'critical'],
      ['LoadWarning', 'warning'],
      ['LoadInfo', 'info'],
    ] as const) {
      await cliOk(home, [
        'monitoring',
        '--add-rule',
        name,
        '--expr',
        'load_avg > 5',
        '--severity',
        severity,
        '--annotation',
        'summary=load is high on <web-1>',
      ]);
    }
    await waitForRequests(slack, 3, 'a message per rule');
    const byRule = (messages: SlackMessage[]) =>
      new Map(
        messages.map((m) => [
          m.attachments[0]?.fields.find((f) => f.title === 'alertname')?.value,
          m,
        ]),
      );
    const fired = byRule(slack.requests.slice(0, 3).map((r) => r.json as SlackMessage));
    assert.deepEqual([...fired.keys()].sort(), ['LoadCritical', 'LoadInfo', 'LoadWarning']);
    assert.deepEqual(
      [...fired.entries()].map(([rule, m]) => [rule, m.attachments[0]?.color]).sort(),
      [
        ['LoadCritical', 'danger'],
        ['LoadInfo', '#439FE0'],
        ['LoadWarning', 'warning'],
      ],
    );
    for (const request of slack.requests.slice(0, 3)) {
      assert.equal(request.url, '/services/T000/B000/XXXX');
      assert.match(String(request.headers['content-type']), /^application\/json/);
    }
    const critical = fired.get('LoadCritical');
    assert.ok(critical !== undefined);
    assert.equal(critical.channel, '#ops');
    assert.equal(critical.username, 'brain');
    const [attachment] = critical.attachments;
    assert.ok(attachment !== undefined);
    // The title is the default subject; a value from an alert is escaped for Slack.
    assert.equal(
      attachment.title,
      '[firing:1] LoadCritical (critical): load is high on &lt;web-1&gt;',
    );
    assert.equal(attachment.fallback, attachment.title);
    assert.match(attachment.title_link, /^http:\/\/127\.0\.0\.1:\d+\/alerts\?rule=LoadCritical$/);
    assert.match(
      attachment.text,
      /^load is high on &lt;web-1&gt;\n• LoadCritical \(critical\): value 9 since \S+$/,
    );
    assert.deepEqual(attachment.fields, [
      { title: 'alertname', value: 'LoadCritical', short: true },
      { title: 'host', value: 'web-1', short: true },
      { title: 'severity', value: 'critical', short: true },
    ]);
    assert.ok(
      Number.isInteger(attachment.ts) && Math.abs(attachment.ts * 1000 - Date.now()) < 600_000,
    );

    await pushGauge(home, 'load_avg', 1, { host: 'web-1' });
    await waitForRequests(slack, 6, 'the resolved messages');
    const resolved = byRule(slack.requests.slice(3, 6).map((r) => r.json as SlackMessage));
    assert.deepEqual(
      [...resolved.entries()]
        .map(([rule, m]) => [rule, m.attachments[0]?.color, m.attachments[0]?.title.slice(0, 10)])
        .sort(),
      [
        ['LoadCritical', 'good', '[resolved]'],
        ['LoadInfo', 'good', '[resolved]'],
        ['LoadWarning', 'good', '[resolved]'],
      ],
    );
    const records = await deliveriesOf(home, 'chat');
    assert.equal(records.length, 6);
    assert.ok(records.every((r) => r.outcome === 'sent' && r.detail === 'HTTP 200'));
  });

  it('command: a real script gets the notification as JSON on its stdin', async (t) => {
    const home = await monitoringHome(t);
    const script = await recordingScript(t);
    await cliOk(home, [
      'monitoring',
      '--add-channel',
      'pager',
      '--type',
      'command',
      '--option',
      `path=${script.path}`,
      '--option',
      `args=${JSON.stringify([script.out])}`,
      '--send-resolved',
    ]);
    await quickDefaultRoute(home, ['pager']);
    await pushGauge(home, 'queue_depth', 700, { queue: 'mail' });
    await cliOk(home, [
      'monitoring',
      '--add-rule',
      'QueueDeep',
      '--expr',
      'queue_depth > 500',
      '--severity',
      'critical',
    ]);
    const firing = await waitForAlert(home, 'QueueDeep', 'firing');
    const runs = await script.waitForRuns(1);
    const input = JSON.parse(runs[0] as string) as Record<string, unknown>;
    assert.equal(input['receiver'], 'pager');
    assert.equal(input['status'], 'firing');
    assert.equal(input['reason'], 'new-group');
    assert.equal(input['groupKey'], 'default:{alertname="QueueDeep"}');
    assert.deepEqual(input['groupLabels'], { alertname: 'QueueDeep' });
    assert.deepEqual(input['alerts'], [
      {
        status: 'firing',
        labels: { queue: 'mail', alertname: 'QueueDeep', severity: 'critical' },
        annotations: {},
        startsAt: firing.activeAt,
        endsAt: ZERO_TIME,
        generatorURL: `${String(input['externalURL'])}/alerts?rule=QueueDeep`,
        fingerprint: firing.id,
        severity: 'critical',
        value: 700,
      },
    ]);

    await pushGauge(home, 'queue_depth', 3, { queue: 'mail' });
    const both = await script.waitForRuns(2);
    const second = JSON.parse(both[1] as string) as {
      status: string;
      reason: string;
      alerts: Array<{ status: string }>;
    };
    assert.equal(second.status, 'resolved');
    assert.equal(second.reason, 'resolved');
    assert.deepEqual(
      second.alerts.map((a) => a.status),
      ['resolved'],
    );
    const records = await deliveriesOf(home, 'pager');
    assert.deepEqual(
      records.map((r) => [r.reason, r.outcome, r.detail]),
      [
        ['new-group', 'sent', 'exit 0'],
        ['resolved', 'sent', 'exit 0'],
      ],
    );
  });
});
