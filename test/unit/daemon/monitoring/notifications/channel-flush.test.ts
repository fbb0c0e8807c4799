import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decide,
  flushChannel,
  pendingKey,
  type FlushContext,
} from '../../../../../daemon/monitoring/notifications/channel-flush.js';
import { resolveDispatcherOptions } from '../../../../../daemon/monitoring/notifications/dispatcher-options.js';
import { AggregationGroup } from '../../../../../daemon/monitoring/notifications/group.js';
import type { Notification } from '../../../../../daemon/monitoring/notifiers/notification.js';
import { ManualScheduler } from '../../../../../daemon/monitoring/notifications/scheduler.js';
import { alert, route, T0 } from './fixtures.js';

function context(channels: Record<string, { sendResolved: boolean }>) {
  const sent: Notification[] = [];
  const r = route({ id: 'default', channels: Object.keys(channels) });
  const o = resolveDispatcherOptions({
    scheduler: new ManualScheduler(T0),
    routes: [],
    defaultRoute: r,
    channel: (name) => channels[name],
    deliver: async (_c, n) => {
      sent.push(n);
      return { detail: 'ok', groupState: { id: '7' } };
    },
    record: () => {},
  });
  const ctx: FlushContext = { o, pending: new Map(), signal: new AbortController().signal };
  return { ctx, sent, route: r };
}

test('decide: nothing to say when every alert is muted; the dedup reason otherwise', () => {
  const { ctx, route: r } = context({ ops: { sendResolved: true } });
  const group = new AggregationGroup('k', 'default', {}, T0);
  group.upsert(alert('A', {}, { muted: 'acked' }));
  assert.equal(decide(ctx.o, group, r, 'ops', T0).reason, null);
  group.upsert(alert('B'));
  assert.equal(decide(ctx.o, group, r, 'ops', T0).reason, 'new-group');
});

test('a channel without sendResolved has its entry cleared unsent when all is resolved', async () => {
  const { ctx, sent, route: r } = context({ chat: { sendResolved: false } });
  const group = new AggregationGroup('k', 'default', {}, T0);
  group.upsert(alert('A'));
  assert.equal(await flushChannel(ctx, group, r, 'chat', T0), true);
  assert.deepEqual(group.channels.get('chat'), {
    firing: ['A'],
    resolved: [],
    sentAt: T0,
    groupState: { id: '7' },
  });
  group.resolveMissing(new Set(), T0 + 1);
  assert.equal(await flushChannel(ctx, group, r, 'chat', T0 + 2), true);
  assert.equal(sent.length, 1);
  assert.deepEqual(group.channels.get('chat'), {
    firing: [],
    resolved: ['A'],
    sentAt: T0 + 2,
    groupState: { id: '7' },
  });
  assert.equal(ctx.pending.size, 0);
  assert.equal(pendingKey('k', 'chat'), 'k\nchat');
});
