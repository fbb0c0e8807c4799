/**
 * @module One flush of one group to one channel: decide (channel filters, then de-duplication),
 * build the notification, deliver it, and record what the channel was told.
 */
import type { NotifyReason } from '../notifiers/notification.js';
import { buildNotification } from './build.js';
import { needsUpdate } from './dedup.js';
import type { ResolvedDispatcherOptions } from './dispatcher-options.js';
import type { AggregationGroup, ChannelView } from './group.js';
import type { RouteSpec } from './route.js';
import type { PendingDelivery } from './state.js';
import type { ChannelSettings } from './types.js';

/** What the dispatcher lends a flush. */
export interface FlushContext {
  o: ResolvedDispatcherOptions;
  /** Deliveries under way, by {@link pendingKey}. */
  pending: Map<string, PendingDelivery>;
  /** Aborts when the dispatcher closes. */
  signal: AbortSignal;
}

export const pendingKey = (groupKey: string, channel: string): string => `${groupKey}\n${channel}`;

interface Decision {
  settings: ChannelSettings | undefined;
  view: ChannelView;
  reason: NotifyReason | null;
}

/** Whether (and why) the channel must be sent the group now. An unknown channel wants nothing resolved. */
export function decide(
  o: ResolvedDispatcherOptions,
  group: AggregationGroup,
  route: RouteSpec,
  channel: string,
  now: number,
): Decision {
  const settings = o.channel(channel);
  const sendResolved = settings?.sendResolved ?? false;
  const view = group.viewFor(settings ?? { sendResolved });
  // Nothing unmuted to say: Alertmanager stops before de-duplication, so the entry stays as is.
  if (view.alerts.length === 0) return { settings, view, reason: null };
  const reason = needsUpdate(
    group.channels.get(channel),
    view.firing,
    view.resolved,
    sendResolved,
    route.repeatIntervalMs,
    now,
  );
  return { settings, view, reason };
}

/**
 * Sends the group to one channel if it must.
 *
 * @returns whether the channel is up to date (told, or nothing to tell); false after a failed
 * delivery, so that resolved alerts are kept for the next flush.
 */
export async function flushChannel(
  ctx: FlushContext,
  group: AggregationGroup,
  route: RouteSpec,
  channel: string,
  now: number,
): Promise<boolean> {
  const { o } = ctx;
  const { settings, view, reason } = decide(o, group, route, channel, now);
  if (reason === null) return true;
  const sendResolved = settings?.sendResolved ?? false;
  const entry = group.channels.get(channel);
  const alerts = view.alerts.filter((a) => a.status === 'firing' || sendResolved);
  const next = { firing: [...view.firing], resolved: [...view.resolved], sentAt: now };
  if (alerts.length === 0) {
    // Everything resolved and the channel does not want to hear it: its entry is cleared unsent.
    group.channels.set(channel, { ...next, groupState: entry?.groupState ?? {} });
    return true;
  }
  if (settings === undefined) {
    const at = new Date(now).toISOString();
    o.record({
      id: o.newId(),
      at,
      channel,
      groupKey: group.key,
      reason,
      attempt: 1,
      outcome: 'failed',
      detail: null,
      error: `unknown channel '${channel}'`,
      durationMs: 0,
    });
    return false;
  }
  const notification = buildNotification({
    receiver: channel,
    groupKey: group.key,
    groupLabels: group.labels,
    reason,
    alerts,
    externalURL: o.externalURL,
    generatorURL: o.generatorURL,
    maxAlerts: o.maxAlertsPerNotification,
  });
  const key = pendingKey(group.key, channel);
  ctx.pending.set(key, { groupKey: group.key, channel, reason, queuedAt: now });
  o.onChange();
  try {
    const result = await Promise.resolve().then(() =>
      o.deliver(channel, notification, { ...(entry?.groupState ?? {}) }, ctx.signal),
    );
    // Closed meanwhile: the snapshot already holds this delivery as pending.
    if (ctx.signal.aborted) return false;
    group.channels.set(channel, {
      ...next,
      groupState: result.groupState ?? entry?.groupState ?? {},
    });
    ctx.pending.delete(key);
    return true;
  } catch {
    // The delivery recorded its attempts. Nothing is logged sent, so the next flush tries again.
    if (!ctx.signal.aborted) ctx.pending.delete(key);
    return false;
  }
}
