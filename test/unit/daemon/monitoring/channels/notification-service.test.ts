import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { openCore, type Core } from '../../../../../daemon/core.js';
import { ChannelService } from '../../../../../daemon/monitoring/channels/channel-service.js';
import {
  MAX_DELIVERIES,
  NotificationService,
} from '../../../../../daemon/monitoring/channels/notification-service.js';
import { ManualScheduler } from '../../../../../daemon/monitoring/notifications/scheduler.js';
import type { NotifierLogger } from '../../../../../daemon/monitoring/notifiers/channel-kind.js';
import { AppError } from '../../../../../src/protocol/errors.js';
import type { DeliveryRecordWire } from '../../../../../src/protocol/notification-schemas.js';
import type { AlertView } from '../../../../../src/protocol/schemas.js';

const T0 = Date.UTC(2026, 0, 5);
const SECOND = 1_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/** A firing alert of rule `name` (its id is the name and the extra labels). */
function view(
  name: string,
  extra: Record<string, string> = {},
  muted: AlertView['muted'] = null,
): AlertView {
  return {
    id: [name, ...Object.values(extra)].join(','),
    rule: name,
    severity: 'warning',
    state: 'firing',
    muted,
    mutedBy: muted === null ? null : `${muted} by test`,
    labels: { alertname: name, severity: 'warning', ...extra },
    annotations: { summary: `${name} is high` },
    value: 1,
    activeAt: iso(T0),
    firedAt: iso(T0),
  };
}

/** Lets the store's deferred writes and the deliveries' promise chains run (bounded). */
async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`gave up waiting for ${what}`);
}

interface Setup {
  core: Core;
  scheduler: ManualScheduler;
  service: NotificationService;
  /** What log channels said, `notification: <subject>`. */
  lines: string[];
  /** What the service reported (bad state, limits). */
  problems: string[];
  /** Another service over the same store, as after a restart (optionally with other channels). */
  restart(
    at: number,
    channels?: ChannelService,
  ): { service: NotificationService; scheduler: ManualScheduler };
}

/** A core over memory whose clock is a manual scheduler at T0, and a service on that scheduler. */
async function setup(t: TestContext): Promise<Setup> {
  const scheduler = new ManualScheduler(T0);
  const lines: string[] = [];
  const problems: string[] = [];
  const logger: NotifierLogger = { info: (_fields, message) => void lines.push(message) };
  const core = await openCore({
    dataDir: null,
    clock: scheduler,
    minBcryptCost: 4,
    notifierLogger: logger,
  });
  t.after(() => core.close());
  const make = (s: ManualScheduler, channels: ChannelService): NotificationService => {
    const service = new NotificationService({
      store: core.store,
      audit: core.audit,
      scheduler: s,
      channels,
      externalURL: 'http://127.0.0.1:7070',
      log: (m) => problems.push(m),
    });
    t.after(() => service.close());
    return service;
  };
  const service = make(scheduler, core.channels);
  const restart = (at: number, channels?: ChannelService) => {
    const s = new ManualScheduler(at);
    return { service: make(s, channels ?? core.channels), scheduler: s };
  };
  return { core, scheduler, service, lines, problems, restart };
}

/** A log channel that cannot deliver: its notifications file is in a folder that does not exist. */
function brokenChannels(core: Core, scheduler: ManualScheduler): ChannelService {
  const sealer = { seal: async (p: string) => p, open: async (c: string) => c };
  return new ChannelService(core.store, core.audit, scheduler, sealer, {
    notificationsFile: '/nonexistent-folder/notifications.jsonl',
  });
}

const summary = (records: readonly DeliveryRecordWire[]) =>
  records.map(
    (r) =>
      `${r.channel} ${r.reason} ${r.attempt} ${r.outcome}${r.error === null ? '' : `: ${r.error}`}`,
  );

async function rejects(
  promise: Promise<unknown>,
  code: string,
  message: string,
  field?: string,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.message, message);
    assert.equal(error.details['field'], field);
    return true;
  });
}

/** The quick explicit default route to `channels`: no group wait, 1 s ticks, repeats every minute. */
const quickRoute = (channels: string[]) => ({
  id: 'default',
  channels,
  groupWaitMs: 0,
  groupIntervalMs: SECOND,
  repeatIntervalMs: MINUTE,
});

describe('NotificationService.routes', () => {
  it('without a default route, the default sends to every channel with the default timings', async (t) => {
    const { core, service } = await setup(t);
    const implicit = {
      id: 'default',
      channels: [] as string[],
      matchers: [],
      continue: false,
      groupBy: ['alertname'],
      groupWaitMs: 30 * SECOND,
      groupIntervalMs: 5 * MINUTE,
      repeatIntervalMs: 4 * HOUR,
    };
    assert.deepEqual(service.routes(), { routes: [], defaultRoute: implicit });
    await core.channels.add({ name: 'b', type: 'log', options: {} }, 'x');
    await core.channels.add({ name: 'a', type: 'log', options: {} }, 'x');
    assert.deepEqual(service.routes().defaultRoute, { ...implicit, channels: ['b', 'a'] });
  });

  it('an explicit default route replaces it; a stored route that no longer validates is skipped and logged', async (t) => {
    const { core, service, problems } = await setup(t);
    await core.channels.add({ name: 'a', type: 'log', options: {} }, 'x');
    await service.addRoute(quickRoute(['a']), 'x');
    await service.addRoute({ id: 'db', channels: ['a'], matchers: ['team=db'] }, 'x');
    await core.store.mutate(() => {
      core.store.data.routes.push({ id: 'broken', channels: ['a'], bogus: true });
      return { result: undefined, undo: () => void core.store.data.routes.pop() };
    });
    const { routes, defaultRoute } = service.routes();
    assert.deepEqual(
      routes.map((r) => r.id),
      ['db'],
    );
    assert.deepEqual(defaultRoute, {
      ...quickRoute(['a']),
      matchers: [],
      continue: false,
      groupBy: ['alertname'],
    });
    assert.deepEqual(problems, [
      "route broken no longer validates and is skipped: unknown route field 'bogus'",
    ]);
  });
});

describe('NotificationService: the dispatcher fed after each evaluation', () => {
  it('does nothing without a channel; once one is added and started, the implicit default route notifies after 30 s', async (t) => {
    const { core, scheduler, service, lines } = await setup(t);
    service.start();
    service.update([view('DiskFull')]);
    assert.equal(scheduler.pending, 0, 'no dispatcher, no timers');
    await core.channels.add({ name: 'logger', type: 'log', options: {} }, 'x');
    service.start();
    service.update([view('DiskFull')]);
    await scheduler.advance(30 * SECOND - 1);
    assert.deepEqual(lines, []);
    await scheduler.advance(1);
    await until('the notification', () => lines.length === 1);
    assert.deepEqual(lines, ['notification: [firing:1] DiskFull (warning): DiskFull is high']);
    await until('its record', () => core.channels.find('logger')?.lastDelivery !== null);
    assert.deepEqual(summary(core.store.data.deliveries), ['logger new-group 1 sent']);
    const [record] = core.store.data.deliveries;
    assert.equal(record?.groupKey, 'default:{alertname="DiskFull"}');
    assert.equal(record?.detail, 'logged');
    assert.equal(record?.at, iso(T0 + 30 * SECOND));
    assert.deepEqual(core.channels.find('logger')?.lastDelivery, record);
  });

  it('repeats an unchanged group every repeat interval; an ack stops the repeats, and they resume without it', async (t) => {
    const { core, scheduler, service, lines } = await setup(t);
    await core.channels.add({ name: 'logger', type: 'log', options: {} }, 'x');
    await service.addRoute(quickRoute(['logger']), 'x');
    service.update([view('Hot')]);
    await scheduler.advance(0);
    await until('the first notification', () => lines.length === 1);
    await scheduler.advance(MINUTE - SECOND);
    assert.equal(lines.length, 1, 'no repeat before the interval');
    await scheduler.advance(SECOND);
    await until('the repeat', () => lines.length === 2);

    service.update([view('Hot', {}, 'acked')]);
    await scheduler.advance(10 * MINUTE);
    assert.equal(lines.length, 2, 'acked: no repeat');
    service.update([view('Hot')]);
    await scheduler.advance(SECOND);
    await until('the repeat once the ack is gone', () => lines.length === 3);
    await until('the records', () => core.store.data.deliveries.length === 3);
    assert.deepEqual(
      core.store.data.deliveries.map((r) => [r.reason, r.at]),
      [
        ['new-group', iso(T0)],
        ['repeat', iso(T0 + MINUTE)],
        ['repeat', iso(T0 + 11 * MINUTE + SECOND)],
      ],
    );
  });

  it('saves its state to the store on change; a new service (a restart) carries on without a duplicate, repeats counted from the last send', async (t) => {
    const { core, scheduler, service, lines, restart } = await setup(t);
    await core.channels.add({ name: 'logger', type: 'log', options: {} }, 'x');
    await service.addRoute(quickRoute(['logger']), 'x');
    service.update([view('Hot')]);
    await scheduler.advance(0);
    await until('the notification', () => lines.length === 1);
    await until('the state saved', () => {
      const state = core.store.data.notificationState as {
        groups?: Array<{ key: string; channels: Record<string, { sentAt: number }> }>;
      } | null;
      return (
        state?.groups?.[0]?.key === 'default:{alertname="Hot"}' &&
        state.groups[0].channels['logger']?.sentAt === T0
      );
    });
    await service.close();
    service.update([view('Cold')]);
    assert.equal(scheduler.pending, 0, 'closed: nothing more is scheduled');

    const { service: later, scheduler: laterScheduler } = restart(T0 + 30 * SECOND);
    later.start();
    later.update([view('Hot')]);
    await laterScheduler.advance(29 * SECOND);
    assert.equal(lines.length, 1, 'no duplicate after the restart');
    await laterScheduler.advance(SECOND);
    await until('the repeat a minute after the first send', () => lines.length === 2);
    await until('its record', () => core.store.data.deliveries.length === 2);
    assert.deepEqual(
      core.store.data.deliveries.map((r) => [r.reason, r.at]),
      [
        ['new-group', iso(T0)],
        ['repeat', iso(T0 + MINUTE)],
      ],
    );
  });

  it('a delivery under way when the service closes is made after the restart', async (t) => {
    const { core, scheduler, lines, restart } = await setup(t);
    await core.channels.add({ name: 'logger', type: 'log', options: {} }, 'x');
    const { service: broken, scheduler: brokenScheduler } = restart(
      T0,
      brokenChannels(core, scheduler),
    );
    await broken.addRoute(quickRoute(['logger']), 'x');
    broken.update([view('Hot')]);
    await brokenScheduler.advance(0);
    await until('a failed attempt', () => core.store.data.deliveries.length === 1);
    assert.deepEqual(summary(core.store.data.deliveries), [
      'logger new-group 1 retrying: cannot append to the notifications file: ENOENT',
    ]);
    await broken.close();
    const saved = core.store.data.notificationState as {
      pending: Array<{ groupKey: string; channel: string }>;
    };
    assert.deepEqual(
      saved.pending.map((p) => [p.groupKey, p.channel]),
      [['default:{alertname="Hot"}', 'logger']],
    );

    const { service: fixed, scheduler: fixedScheduler } = restart(T0 + 5 * SECOND);
    fixed.start();
    await fixedScheduler.advance(0);
    await until('the notification after the restart', () => lines.length === 1);
    await until('its record', () => core.store.data.deliveries.length === 2);
    assert.deepEqual(summary(core.store.data.deliveries).slice(1), ['logger new-group 1 sent']);
  });

  it('stored state that cannot be used is dropped and said so', async (t) => {
    const { core, service, problems, scheduler, lines } = await setup(t);
    await core.channels.add({ name: 'logger', type: 'log', options: {} }, 'x');
    await core.store.mutate(() => {
      core.store.data.notificationState = { version: 99 };
      return { result: undefined, undo: () => undefined };
    });
    await service.addRoute(quickRoute(['logger']), 'x');
    assert.equal(problems.length, 1);
    assert.match(
      problems[0] ?? '',
      /^the stored notification state cannot be used and is dropped: dispatcher state is not valid at version: /,
    );
    service.update([view('Hot')]);
    await scheduler.advance(0);
    await until('the notification', () => lines.length === 1);
  });
});

describe('NotificationService.addRoute and removeRoute', () => {
  it('refuses an unknown channel, a bad id and a bad field; adds, replaces and removes with events; routes at once', async (t) => {
    const { core, scheduler, service, lines, problems } = await setup(t);
    await core.channels.add({ name: 'logger', type: 'log', options: {} }, 'x');
    await core.channels.add(
      { name: 'dba', type: 'log', options: {}, templates: { subject: 'dba: {{alertname}}' } },
      'x',
    );
    await rejects(
      service.addRoute({ id: 'db', channels: ['nope'] }, 'x'),
      'NOT_FOUND',
      "route db: no channel named 'nope'; add it first (clickup-brain monitoring --add-channel)",
    );
    await rejects(
      service.addRoute({ id: 'bad id', channels: ['dba'] }, 'x'),
      'INVALID_INPUT',
      "route id must be 1-64 characters: letters, digits, '.', '_' and '-', starting with a letter or digit",
      'id',
    );
    await rejects(
      service.addRoute({ id: 'db', channels: ['dba'], groupWaitMs: -1 }, 'x'),
      'INVALID_INPUT',
      'groupWaitMs must be a whole number of milliseconds from 0 to 3600000 (0 to 1h)',
      'groupWaitMs',
    );
    assert.deepEqual(core.store.data.routes, []);

    const added = await service.addRoute(
      { id: 'db', channels: ['dba'], matchers: ['team=db'], groupWaitMs: 0 },
      'local:ops',
    );
    assert.equal(added.created, true);
    assert.deepEqual(added.route, {
      id: 'db',
      channels: ['dba'],
      matchers: ['team=db'],
      continue: false,
      groupBy: ['alertname'],
      groupWaitMs: 0,
      groupIntervalMs: 5 * MINUTE,
      repeatIntervalMs: 4 * HOUR,
    });
    await service.addRoute(quickRoute(['logger']), 'local:ops');
    service.update([view('Slow', { team: 'db' }), view('Slow', { team: 'web' })]);
    await scheduler.advance(0);
    await until('both notifications', () => lines.length === 2);
    assert.deepEqual([...lines].sort(), [
      'notification: [firing:1] Slow (warning): Slow is high',
      'notification: dba: Slow',
    ]);

    const replaced = await service.addRoute(
      { id: 'db', channels: ['dba', 'logger'], matchers: ['team=db'] },
      'local:ops',
    );
    assert.equal(replaced.created, false);
    assert.deepEqual(
      core.store.data.routes.map((r) => r['id']),
      ['db', 'default'],
    );
    await rejects(service.removeRoute('nope', 'x'), 'NOT_FOUND', "no route 'nope'");
    const removed = await service.removeRoute('db', 'local:ops');
    assert.equal(removed.id, 'db');
    assert.deepEqual(
      core.store.data.routes.map((r) => r['id']),
      ['default'],
    );
    // Its group goes with it (the alert is routed again by the next update).
    assert.deepEqual(problems, [
      'notifications: group db:{alertname="Slow"} dropped: its route \'db\' no longer exists',
    ]);
    const events = core.audit.recent().filter((e) => e.type.startsWith('route.'));
    assert.deepEqual(
      events.map((e) => [e.type, e.actor, e.subject, e.details]),
      [
        ['route.added', 'local:ops', 'db', { channels: ['dba'] }],
        ['route.added', 'local:ops', 'default', { channels: ['logger'] }],
        ['route.updated', 'local:ops', 'db', { channels: ['dba', 'logger'] }],
        ['route.removed', 'local:ops', 'db', {}],
      ],
    );
  });
});

describe('NotificationService.test', () => {
  it('sends one test notification and records it, with an event; an unknown channel is NOT_FOUND', async (t) => {
    const { core, service, lines } = await setup(t);
    await core.channels.add({ name: 'logger', type: 'log', options: {} }, 'x');
    await rejects(service.test('nope', 'local:ops'), 'NOT_FOUND', "no channel named 'nope'");
    const record = await service.test('logger', 'local:ops');
    assert.deepEqual(
      { ...record, id: '' },
      {
        id: '',
        at: iso(T0),
        channel: 'logger',
        groupKey: 'test/logger',
        reason: 'test',
        attempt: 1,
        outcome: 'sent',
        detail: 'logged',
        error: null,
        durationMs: 0,
      },
    );
    assert.deepEqual(lines, [
      'notification: [firing:1] ClickupBrainTest (info): Test notification from clickup-brain, sent by local:ops',
    ]);
    await until('the record', () => core.store.data.deliveries.length === 1);
    assert.deepEqual(core.store.data.deliveries, [record]);
    const events = core.audit.recent().filter((e) => e.type === 'channel.tested');
    assert.deepEqual(
      events.map((e) => [e.actor, e.subject, e.outcome, e.details]),
      [['local:ops', 'logger', 'success', { error: null }]],
    );
  });

  it('a failed test is one attempt, failed, with the error in the record and the event', async (t) => {
    const { core, scheduler } = await setup(t);
    await core.channels.add({ name: 'logger', type: 'log', options: {} }, 'x');
    const broken = new NotificationService({
      store: core.store,
      audit: core.audit,
      scheduler,
      channels: brokenChannels(core, scheduler),
      externalURL: '',
      log: () => undefined,
    });
    const record = await broken.test('logger', 'local:ops');
    assert.deepEqual(
      [record.attempt, record.outcome, record.error],
      [1, 'failed', 'cannot append to the notifications file: ENOENT'],
    );
    const [event] = core.audit.recent().filter((e) => e.type === 'channel.tested');
    assert.deepEqual(
      [event?.outcome, event?.details],
      ['failure', { error: 'cannot append to the notifications file: ENOENT' }],
    );
  });
});

describe('NotificationService.deliveries', () => {
  it(`keeps the newest ${MAX_DELIVERIES} records; filters by time and channel; the newest 100 unless a limit is given`, async (t) => {
    const { core, service } = await setup(t);
    await core.channels.add({ name: 'logger', type: 'log', options: {} }, 'x');
    const seeded: DeliveryRecordWire[] = Array.from({ length: MAX_DELIVERIES }, (_, i) => ({
      id: `d${i}`,
      at: iso(T0 - (MAX_DELIVERIES - i) * SECOND),
      channel: i % 2 === 0 ? 'even' : 'odd',
      groupKey: 'g',
      reason: 'new-group',
      attempt: 1,
      outcome: 'sent',
      detail: null,
      error: null,
      durationMs: 1,
    }));
    await core.store.mutate(() => {
      core.store.data.deliveries.push(...seeded);
      return { result: undefined, undo: () => void core.store.data.deliveries.splice(0) };
    });
    const test = await service.test('logger', 'x');
    await until('the record', () => core.store.data.deliveries.at(-1)?.id === test.id);
    assert.equal(core.store.data.deliveries.length, MAX_DELIVERIES);
    assert.equal(core.store.data.deliveries[0]?.id, 'd1', 'the oldest dropped');

    const now = T0;
    assert.deepEqual(
      service.deliveries({ now }).map((r) => r.id),
      [...seeded.slice(-99).map((r) => r.id), test.id],
    );
    assert.deepEqual(
      service.deliveries({ now, limit: 2 }).map((r) => r.id),
      ['d999', test.id],
    );
    assert.deepEqual(
      service.deliveries({ now, sinceMs: 3 * SECOND }).map((r) => r.id),
      ['d997', 'd998', 'd999', test.id],
    );
    assert.deepEqual(
      service.deliveries({ now, channel: 'odd', limit: 3 }).map((r) => r.id),
      ['d995', 'd997', 'd999'],
    );
    assert.deepEqual(
      service.deliveries({ now, channel: 'logger' }).map((r) => r.id),
      [test.id],
    );
    assert.deepEqual(service.deliveries({ now, channel: 'nope' }), []);
  });
});
