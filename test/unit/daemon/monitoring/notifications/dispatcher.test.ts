import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DeliveryError,
  type SendResult,
} from '../../../../../daemon/monitoring/notifiers/notification.js';
import { ManualScheduler } from '../../../../../daemon/monitoring/notifications/scheduler.js';
import { parseDispatcherState } from '../../../../../daemon/monitoring/notifications/state.js';
import { alert, harness, HOUR, iso, MINUTE, route, SECOND, T0 } from './fixtures.js';

const ZERO = '0001-01-01T00:00:00Z';

describe('Dispatcher: group_wait', () => {
  test('alerts arriving within the wait go out together when it ends, with the whole payload', async () => {
    const h = harness();
    const a = alert('HighCPU', { host: 'a' });
    const b = alert('HighCPU', { host: 'b' }, { activeAt: T0 + 10 * SECOND, value: 97.5 });
    h.dispatcher.update([a]);
    await h.at(10 * SECOND);
    h.dispatcher.update([a, b, alert('DiskFull')]);
    await h.at(30 * SECOND - 1);
    assert.equal(h.sent.length, 0);
    await h.at(30 * SECOND);
    assert.deepEqual(h.summary(), [
      '30s ops new-group [HighCPU,host=a:firing HighCPU,host=b:firing]',
    ]);
    assert.deepEqual(h.sent[0]?.notification, {
      receiver: 'ops',
      groupKey: 'default:{alertname="HighCPU"}',
      status: 'firing',
      groupLabels: { alertname: 'HighCPU' },
      commonLabels: { alertname: 'HighCPU', severity: 'warning' },
      commonAnnotations: { summary: 'HighCPU is high' },
      externalURL: 'https://brain.example/',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'HighCPU', severity: 'warning', host: 'a' },
          annotations: { summary: 'HighCPU is high' },
          startsAt: iso(T0),
          endsAt: ZERO,
          generatorURL: 'https://brain.example/alerts?rule=HighCPU',
          fingerprint: 'HighCPU,host=a',
          severity: 'warning',
          value: 1,
        },
        {
          status: 'firing',
          labels: { alertname: 'HighCPU', severity: 'warning', host: 'b' },
          annotations: { summary: 'HighCPU is high' },
          startsAt: iso(T0 + 10 * SECOND),
          endsAt: ZERO,
          generatorURL: 'https://brain.example/alerts?rule=HighCPU',
          fingerprint: 'HighCPU,host=b',
          severity: 'warning',
          value: 97.5,
        },
      ],
      truncatedAlerts: 0,
      reason: 'new-group',
    });
    assert.deepEqual(h.sent[0]?.groupState, {});
    // The other alertname is another group, with its own wait from when it arrived.
    await h.at(40 * SECOND);
    assert.deepEqual(h.summary().slice(1), ['40s ops new-group [DiskFull:firing]']);
  });

  test('a group whose alerts went away before the wait ended sends nothing and is removed', async () => {
    const h = harness();
    h.dispatcher.update([alert('Blip')]);
    await h.at(10 * SECOND);
    h.dispatcher.update([]);
    await h.at(HOUR);
    assert.equal(h.sent.length, 0);
    assert.equal(h.dispatcher.groupCount, 0);
    assert.equal(h.scheduler.pending, 0);
  });

  test('pending alerts are not notified', async () => {
    const h = harness();
    h.dispatcher.update([alert('Slow', {}, { state: 'pending' })]);
    await h.at(HOUR);
    assert.equal(h.sent.length, 0);
    assert.equal(h.dispatcher.groupCount, 0);
  });
});

describe('Dispatcher: group_interval and repeat_interval', () => {
  test('a new alert in a sent group waits for the next group_interval tick; an unchanged one sends nothing', async () => {
    const h = harness();
    const a = alert('HighCPU', { host: 'a' });
    h.dispatcher.update([a]);
    await h.at(MINUTE);
    const c = alert('HighCPU', { host: 'c' }, { activeAt: T0 + MINUTE });
    h.dispatcher.update([a, c]);
    await h.at(5 * MINUTE + 30 * SECOND - 1);
    assert.equal(h.sent.length, 1);
    await h.at(5 * MINUTE + 30 * SECOND);
    assert.deepEqual(h.summary(), [
      '30s ops new-group [HighCPU,host=a:firing]',
      '330s ops new-alerts [HighCPU,host=a:firing HighCPU,host=c:firing]',
    ]);
    await h.at(HOUR);
    assert.equal(h.sent.length, 2);
  });

  test('an unchanged group is sent again when repeat_interval has passed since the last send, not before', async () => {
    const h = harness();
    h.dispatcher.update([alert('HighCPU')]);
    await h.at(30 * SECOND + 4 * HOUR - 1);
    assert.equal(h.sent.length, 1);
    await h.at(30 * SECOND + 4 * HOUR);
    await h.at(30 * SECOND + 8 * HOUR);
    assert.deepEqual(h.summary(), [
      '30s ops new-group [HighCPU:firing]',
      '14430s ops repeat [HighCPU:firing]',
      '28830s ops repeat [HighCPU:firing]',
    ]);
  });

  test('a repeat falls on the first tick after the interval when it is not a multiple of group_interval', async () => {
    const h = harness({
      defaultRoute: route({
        id: 'default',
        channels: ['ops'],
        groupWaitMs: 0,
        groupIntervalMs: 7 * MINUTE,
        repeatIntervalMs: 20 * MINUTE,
      }),
    });
    h.dispatcher.update([alert('HighCPU')]);
    await h.at(HOUR);
    assert.deepEqual(
      h.sent.map((s) => `${s.at / MINUTE}m ${s.notification.reason}`),
      ['0m new-group', '21m repeat', '42m repeat'],
    );
  });

  test('a tick during a slow delivery flushes again as soon as it ends', async () => {
    const h = harness();
    let finish: (r: SendResult) => void = () => {};
    h.answer = () => new Promise((resolve) => (finish = resolve));
    const a = alert('HighCPU', { host: 'a' });
    h.dispatcher.update([a]);
    await h.at(MINUTE);
    h.dispatcher.update([a, alert('HighCPU', { host: 'b' })]);
    await h.at(6 * MINUTE);
    assert.equal(h.sent.length, 1);
    finish({ detail: 'HTTP 200' });
    await h.at(6 * MINUTE);
    assert.deepEqual(h.summary(), [
      '30s ops new-group [HighCPU,host=a:firing]',
      '360s ops new-alerts [HighCPU,host=a:firing HighCPU,host=b:firing]',
    ]);
  });
});

describe('Dispatcher: resolved', () => {
  test('resolved alerts go only to channels with sendResolved; the group is removed once all is told', async () => {
    const h = harness({
      channels: { ops: { sendResolved: true }, chat: { sendResolved: false } },
      defaultRoute: route({ id: 'default', channels: ['ops', 'chat'] }),
    });
    const a = alert('HighCPU', { host: 'a' });
    const b = alert('HighCPU', { host: 'b' });
    h.dispatcher.update([a, b]);
    await h.at(MINUTE);
    h.dispatcher.update([b]);
    await h.at(6 * MINUTE);
    h.dispatcher.update([]);
    await h.at(11 * MINUTE);
    assert.deepEqual(h.summary(), [
      '30s ops new-group [HighCPU,host=a:firing HighCPU,host=b:firing]',
      '30s chat new-group [HighCPU,host=a:firing HighCPU,host=b:firing]',
      '330s ops resolved [HighCPU,host=b:firing HighCPU,host=a:resolved]',
      '630s ops resolved [HighCPU,host=b:resolved]',
    ]);
    const partly = h.sent[2]?.notification;
    assert.equal(partly?.status, 'firing');
    assert.equal(partly?.alerts[1]?.endsAt, iso(T0 + MINUTE));
    const all = h.sent[3]?.notification;
    assert.equal(all?.status, 'resolved');
    assert.equal(all?.alerts[0]?.endsAt, iso(T0 + 6 * MINUTE));
    assert.equal(h.dispatcher.groupCount, 0);
    // Firing again later opens a new group, told to both.
    h.dispatcher.update([b]);
    await h.at(12 * MINUTE);
    assert.deepEqual(h.summary().slice(4), [
      '690s ops new-group [HighCPU,host=b:firing]',
      '690s chat new-group [HighCPU,host=b:firing]',
    ]);
  });

  test('resolved alerts are kept while a channel could not be told, and sent to it at the next tick', async () => {
    const h = harness({
      channels: { ops: { sendResolved: true }, pager: { sendResolved: true } },
      defaultRoute: route({ id: 'default', channels: ['ops', 'pager'] }),
    });
    h.dispatcher.update([alert('HighCPU')]);
    await h.at(MINUTE);
    h.dispatcher.update([]);
    h.answer = async (channel) => {
      if (channel === 'pager') throw new DeliveryError('HTTP 503', true);
      return { detail: 'HTTP 200' };
    };
    await h.at(5 * MINUTE + 30 * SECOND);
    assert.equal(h.dispatcher.groupCount, 1);
    h.answer = async () => ({ detail: 'HTTP 200' });
    await h.at(10 * MINUTE + 30 * SECOND);
    assert.deepEqual(h.summary().slice(2), [
      '330s ops resolved [HighCPU:resolved]',
      '330s pager resolved [HighCPU:resolved]',
      '630s pager resolved [HighCPU:resolved]',
    ]);
    assert.equal(h.dispatcher.groupCount, 0);
  });
});

describe('Dispatcher: muted alerts', () => {
  test('a group whose alerts are all muted sends nothing, not even a repeat or their resolution', async () => {
    const h = harness();
    const muted = [
      alert('HighCPU', { host: 'a' }, { muted: 'silenced' }),
      alert('HighCPU', { host: 'b' }, { muted: 'acked' }),
      alert('HighCPU', { host: 'c' }, { muted: 'inhibited' }),
      alert('HighCPU', { host: 'd' }, { muted: 'maintenance' }),
    ];
    h.dispatcher.update(muted);
    await h.at(5 * HOUR);
    assert.equal(h.sent.length, 0);
    assert.equal(h.dispatcher.groupCount, 1);
    h.dispatcher.update([]);
    await h.at(6 * HOUR);
    assert.equal(h.sent.length, 0);
    assert.equal(h.dispatcher.groupCount, 0);
  });

  test('muted alerts are left out; unmuted they count as new; muted again they drop out of repeats', async () => {
    const h = harness();
    const a = alert('HighCPU', { host: 'a' });
    h.dispatcher.update([a, alert('HighCPU', { host: 'b' }, { muted: 'acked' })]);
    await h.at(MINUTE);
    h.dispatcher.update([a, alert('HighCPU', { host: 'b' })]);
    await h.at(6 * MINUTE);
    h.dispatcher.update([
      alert('HighCPU', { host: 'a' }, { muted: 'silenced' }),
      alert('HighCPU', { host: 'b' }),
    ]);
    await h.at(5 * MINUTE + 30 * SECOND + 4 * HOUR);
    assert.deepEqual(h.summary(), [
      '30s ops new-group [HighCPU,host=a:firing]',
      '330s ops new-alerts [HighCPU,host=a:firing HighCPU,host=b:firing]',
      '14730s ops repeat [HighCPU,host=b:firing]',
    ]);
  });
});

describe('Dispatcher: routes and grouping', () => {
  const channels = {
    a: { sendResolved: true },
    b: { sendResolved: true },
    c: { sendResolved: true },
  };

  test('a route with continue lets later routes take the alert too; unmatched alerts take the default route', async () => {
    const h = harness({
      channels,
      routes: [
        route({ id: 'api', channels: ['a'], matchers: ['service=api'], continue: true }),
        route({ id: 'ops', channels: ['b'], matchers: ['team=ops'] }),
        route({ id: 'late', channels: ['c'], matchers: ['team=ops'] }),
      ],
      defaultRoute: route({ id: 'default', channels: ['c'] }),
    });
    h.dispatcher.update([
      alert('X', { service: 'api', team: 'ops' }),
      alert('Y', { service: 'web', team: 'ops' }),
      alert('Z'),
    ]);
    await h.at(30 * SECOND);
    assert.deepEqual(
      h.sent
        .map(
          (s) =>
            `${s.channel} ${s.notification.groupKey} ${s.notification.alerts.map((x) => x.fingerprint).join(' ')}`,
        )
        .sort(),
      [
        'a api:{alertname="X"} X,service=api,team=ops',
        'b ops:{alertname="X"} X,service=api,team=ops',
        'b ops:{alertname="Y"} Y,service=web,team=ops',
        'c default:{alertname="Z"} Z',
      ],
    );
  });

  test("groupBy ['...'] makes a group of each label set; groupBy names group by those labels only", async () => {
    const all = harness({
      defaultRoute: route({ id: 'default', channels: ['ops'], groupBy: ['...'] }),
    });
    const alerts = [alert('HighCPU', { host: 'a' }), alert('HighCPU', { host: 'b' })];
    all.dispatcher.update(alerts);
    await all.at(30 * SECOND);
    assert.deepEqual(
      all.sent.map((s) => s.notification.groupKey),
      [
        'default:{alertname="HighCPU",host="a",severity="warning"}',
        'default:{alertname="HighCPU",host="b",severity="warning"}',
      ],
    );
    assert.deepEqual(all.sent[0]?.notification.groupLabels, {
      alertname: 'HighCPU',
      severity: 'warning',
      host: 'a',
    });
    const byHost = harness({
      defaultRoute: route({ id: 'default', channels: ['ops'], groupBy: ['severity', 'zone'] }),
    });
    byHost.dispatcher.update(alerts);
    await byHost.at(30 * SECOND);
    assert.deepEqual(byHost.summary(), [
      '30s ops new-group [HighCPU,host=a:firing HighCPU,host=b:firing]',
    ]);
    assert.equal(byHost.sent[0]?.notification.groupKey, 'default:{severity="warning"}');
  });

  test("minSeverity: a route's sends milder alerts on; a channel's leaves them out of its notifications", async () => {
    const h = harness({
      channels: {
        pager: { sendResolved: true, minSeverity: 'critical' },
        ops: { sendResolved: true },
      },
      routes: [
        route({
          id: 'urgent',
          channels: ['pager', 'ops'],
          minSeverity: 'critical',
          groupBy: ['service'],
        }),
      ],
      defaultRoute: route({ id: 'default', channels: ['pager', 'ops'], groupBy: ['service'] }),
    });
    h.dispatcher.update([
      alert('Down', { service: 'api' }, { severity: 'emergency' }),
      alert('Slow', { service: 'api' }),
      alert('Slow', { service: 'web' }),
    ]);
    await h.at(30 * SECOND);
    assert.deepEqual(
      h.sent.map(
        (s) =>
          `${s.channel} ${s.notification.groupKey} ${s.notification.alerts.map((x) => x.fingerprint).join(' ')}`,
      ),
      [
        'pager urgent:{service="api"} Down,service=api',
        'ops urgent:{service="api"} Down,service=api',
        'ops default:{service="api"} Slow,service=api',
        'ops default:{service="web"} Slow,service=web',
      ],
    );
  });

  test('at most 100 alerts a notification, most severe first; the rest are counted', async () => {
    const h = harness();
    const alerts = Array.from({ length: 105 }, (_, i) =>
      alert(
        'Many',
        { n: String(i).padStart(3, '0') },
        { severity: i === 104 ? 'critical' : 'warning' },
      ),
    );
    h.dispatcher.update(alerts);
    await h.at(30 * SECOND);
    const n = h.sent[0]?.notification;
    assert.equal(n?.alerts.length, 100);
    assert.equal(n?.truncatedAlerts, 5);
    assert.equal(n?.alerts[0]?.fingerprint, 'Many,n=104');
    assert.equal(n?.alerts[99]?.fingerprint, 'Many,n=098');
    assert.deepEqual(n?.commonLabels, { alertname: 'Many' });
  });
});

describe('Dispatcher: failures', () => {
  test('an unknown channel gives a failed record at each flush, and the others are sent', async () => {
    const h = harness({ defaultRoute: route({ id: 'default', channels: ['ops', 'gone'] }) });
    h.dispatcher.update([alert('HighCPU')]);
    await h.at(5 * MINUTE + 30 * SECOND);
    assert.deepEqual(h.summary(), ['30s ops new-group [HighCPU:firing]']);
    assert.deepEqual(h.records, [
      {
        id: 'r1',
        at: iso(T0 + 30 * SECOND),
        channel: 'gone',
        groupKey: 'default:{alertname="HighCPU"}',
        reason: 'new-group',
        attempt: 1,
        outcome: 'failed',
        detail: null,
        error: "unknown channel 'gone'",
        durationMs: 0,
      },
      {
        id: 'r2',
        at: iso(T0 + 330 * SECOND),
        channel: 'gone',
        groupKey: 'default:{alertname="HighCPU"}',
        reason: 'new-group',
        attempt: 1,
        outcome: 'failed',
        detail: null,
        error: "unknown channel 'gone'",
        durationMs: 0,
      },
    ]);
  });

  test('a failed delivery is tried again at the next tick; the group state a channel returns comes back to it', async () => {
    const h = harness();
    h.answer = async () => {
      throw new DeliveryError('HTTP 400', false);
    };
    h.dispatcher.update([alert('HighCPU')]);
    await h.at(30 * SECOND);
    h.answer = async () => ({ detail: 'HTTP 200', groupState: { task: 'T1' } });
    await h.at(5 * MINUTE + 30 * SECOND);
    h.answer = async () => ({ detail: 'HTTP 200' });
    await h.at(5 * MINUTE + 30 * SECOND + 4 * HOUR);
    assert.deepEqual(h.summary(), [
      '30s ops new-group [HighCPU:firing]',
      '330s ops new-group [HighCPU:firing]',
      '14730s ops repeat [HighCPU:firing]',
    ]);
    assert.deepEqual(
      h.sent.map((s) => s.groupState),
      [{}, {}, { task: 'T1' }],
    );
    assert.deepEqual(h.dispatcher.snapshot().groups[0]?.channels['ops']?.groupState, {
      task: 'T1',
    });
  });

  test('too many groups or alerts: the rest are not grouped, and the log says so', async () => {
    const h = harness({ extra: { maxGroups: 1, maxAlertsPerGroup: 2 } });
    h.dispatcher.update([
      alert('A', { n: '1' }),
      alert('A', { n: '2' }),
      alert('A', { n: '3' }),
      alert('B'),
    ]);
    await h.at(30 * SECOND);
    assert.deepEqual(h.summary(), ['30s ops new-group [A,n=1:firing A,n=2:firing]']);
    assert.deepEqual(h.logs, [
      'notifications: 2 alert(s) not grouped: at most 1 groups of 2 alerts',
    ]);
  });
});

describe('Dispatcher: snapshot, restore and close', () => {
  const hang = (_c: string, _n: unknown, signal: AbortSignal) =>
    new Promise<SendResult>((_resolve, reject) =>
      signal.addEventListener('abort', () => reject(new Error('aborted'))),
    );

  test('a delivery under way when the daemon stops is kept, and sent at once after restore', async () => {
    let changes = 0;
    const before = harness({ extra: { onChange: () => changes++ } });
    before.answer = hang;
    before.dispatcher.update([alert('HighCPU')]);
    await before.at(30 * SECOND);
    assert.equal(before.sent.length, 1);
    const saved = before.dispatcher.snapshot();
    assert.deepEqual(saved.pending, [
      {
        groupKey: 'default:{alertname="HighCPU"}',
        channel: 'ops',
        reason: 'new-group',
        queuedAt: T0 + 30 * SECOND,
      },
    ]);
    assert.ok(changes >= 2);
    before.dispatcher.close();
    await before.at(HOUR);
    assert.equal(before.sent.length, 1);
    assert.deepEqual(before.dispatcher.snapshot(), saved);
    const state = parseDispatcherState(JSON.parse(JSON.stringify(saved)));
    const after = harness({ state, scheduler: new ManualScheduler(T0 + 2 * MINUTE) });
    await after.at(2 * MINUTE);
    assert.deepEqual(after.summary(), ['120s ops new-group [HighCPU:firing]']);
    assert.deepEqual(after.sent[0]?.notification, before.sent[0]?.notification);
    assert.deepEqual(after.dispatcher.snapshot().pending, []);
  });

  test('the repeat schedule carries on from the last send', async () => {
    const before = harness();
    before.dispatcher.update([alert('HighCPU')]);
    await before.at(HOUR);
    const state = parseDispatcherState(JSON.parse(JSON.stringify(before.dispatcher.snapshot())));
    assert.equal(state.groups[0]?.channels['ops']?.sentAt, T0 + 30 * SECOND);
    before.dispatcher.close();
    const after = harness({ state, scheduler: new ManualScheduler(T0 + HOUR) });
    after.dispatcher.update([alert('HighCPU')]);
    await after.at(30 * SECOND + 4 * HOUR - 1);
    assert.equal(after.sent.length, 0);
    await after.at(30 * SECOND + 4 * HOUR);
    assert.deepEqual(after.summary(), ['14430s ops repeat [HighCPU:firing]']);
  });

  test('unsent changes flush at once after restore; a group still in its wait keeps it', async () => {
    const before = harness();
    const a = alert('HighCPU', { host: 'a' });
    before.dispatcher.update([a]);
    await before.at(MINUTE);
    before.dispatcher.update([a, alert('HighCPU', { host: 'b' }), alert('DiskFull')]);
    await before.at(MINUTE + 10 * SECOND);
    const state = before.dispatcher.snapshot();
    before.dispatcher.close();
    const after = harness({ state, scheduler: new ManualScheduler(T0 + 3 * MINUTE) });
    await after.at(3 * MINUTE);
    // DiskFull's wait ended while the daemon was down: overdue, it goes out at once too.
    assert.deepEqual(after.summary(), [
      '180s ops new-alerts [HighCPU,host=a:firing HighCPU,host=b:firing]',
      '180s ops new-group [DiskFull:firing]',
    ]);
    const waiting = harness({ state, scheduler: new ManualScheduler(T0 + MINUTE + 20 * SECOND) });
    await waiting.at(MINUTE + 30 * SECOND - 1);
    assert.deepEqual(waiting.summary(), [
      '80s ops new-alerts [HighCPU,host=a:firing HighCPU,host=b:firing]',
    ]);
    await waiting.at(MINUTE + 30 * SECOND);
    assert.deepEqual(waiting.summary().slice(1), ['90s ops new-group [DiskFull:firing]']);
  });

  test('groups of a route that no longer exists are dropped on restore', () => {
    const before = harness({
      routes: [route({ id: 'api', channels: ['ops'], matchers: ['service=api'] })],
    });
    before.dispatcher.update([alert('X', { service: 'api' }), alert('Y')]);
    const after = harness({ state: before.dispatcher.snapshot() });
    assert.equal(after.dispatcher.groupCount, 1);
    assert.deepEqual(after.logs, [
      'notifications: group api:{alertname="X"} dropped: its route \'api\' no longer exists',
    ]);
  });

  test('close stops the timers, aborts deliveries under way and ignores later updates', async () => {
    const h = harness();
    let seen: AbortSignal | null = null;
    h.answer = (c, n, signal) => {
      seen = signal;
      return hang(c, n, signal);
    };
    h.dispatcher.update([alert('HighCPU')]);
    await h.at(30 * SECOND);
    h.dispatcher.close();
    h.dispatcher.close();
    assert.equal((seen as AbortSignal | null)?.aborted, true);
    h.dispatcher.update([alert('Other')]);
    assert.equal(h.dispatcher.groupCount, 1);
    assert.equal(h.scheduler.pending, 0);
  });
});
