/**
 * @module Alert notifications in the daemon: the channels, the routes, and the dispatcher that
 * groups alerts and delivers them (daemon/monitoring/notifications/), persisted so that a restart
 * forgets nothing — its groups and undelivered notifications are written to the store on every
 * change, and the delivery log keeps the most recent attempts.
 *
 * Without a route named `default`, the default route sends to every channel, so that a new user
 * who adds one channel hears about every alert.
 */
import { NotFoundError } from '../../../src/protocol/errors.js';
import type { DeliveryRecordWire, RouteInfo } from '../../../src/protocol/notification-schemas.js';
import type { AlertView } from '../../../src/protocol/schemas.js';
import type { Store } from '../../store/store.js';
import type { AuditLog } from '../../security/audit-log.js';
import { Dispatcher, DEFAULT_ROUTE_ID, deliverWithRetry, parseDispatcherState, parseRoute, type RouteSpec, type Scheduler } from '../notifications/index.js';
import type { DeliveryRecord } from '../notifications/types.js';
import type { Notification, SendResult } from '../notifiers/notification.js';
import { parseChannelName } from './channel-name.js';
import type { ChannelService } from './channel-service.js';
import { testNotification } from './test-notification.js';

/** Delivery records kept in the store. */
export const MAX_DELIVERIES = 1000;
/** Per attempt. */
export const DELIVERY_TIMEOUT_MS = 10_000;

export interface NotificationServiceOptions {
  store: Store;
  audit: AuditLog;
  scheduler: Scheduler;
  channels: ChannelService;
  /** The dashboard's URL, for links in notifications. */
  externalURL: string;
  /** Told about state that could not be used and limits reached. */
  log: (message: string) => void;
}

export class NotificationService {
  private dispatcher: Dispatcher | null = null;
  private persistQueued = false;
  private closed = false;

  constructor(private readonly o: NotificationServiceOptions) {}

  /** The stored routes, each re-validated (one that no longer validates is skipped and logged). */
  private storedRoutes(): RouteSpec[] {
    const routes: RouteSpec[] = [];
    for (const raw of this.o.store.data.routes) {
      try {
        routes.push(parseRoute(raw));
      } catch (error) {
        this.o.log(`route ${String(raw['id'])} no longer validates and is skipped: ${(error as Error).message}`);
      }
    }
    return routes;
  }

  /** The routes in order, and the default route (explicit, or every channel). */
  routes(): { routes: RouteSpec[]; defaultRoute: RouteSpec } {
    const all = this.storedRoutes();
    const explicit = all.find((r) => r.id === DEFAULT_ROUTE_ID);
    const channels = this.o.store.data.channels.map((c) => c.name);
    // A route needs a channel; with none yet, the implicit default route is shown with none.
    const defaultRoute = explicit ?? { ...parseRoute({ id: DEFAULT_ROUTE_ID, channels: ['-'] }), channels };
    return { routes: all.filter((r) => r.id !== DEFAULT_ROUTE_ID), defaultRoute };
  }

  /** Starts (or restarts, after a change of routes or channels) the dispatcher from the stored state. */
  start(): void {
    this.closed = false;
    const previous = this.dispatcher;
    let state = previous?.snapshot() ?? null;
    previous?.close();
    if (state === null && this.o.store.data.notificationState !== null) {
      try {
        state = parseDispatcherState(this.o.store.data.notificationState);
      } catch (error) {
        this.o.log(`the stored notification state cannot be used and is dropped: ${(error as Error).message}`);
      }
    }
    const { routes, defaultRoute } = this.routes();
    if (this.o.store.data.channels.length === 0) {
      // No channel at all: nothing to send to. Alerts are picked up again once one is added.
      this.dispatcher = null;
      return;
    }
    const options = {
      scheduler: this.o.scheduler,
      routes,
      defaultRoute,
      channel: (name: string) => {
        const c = this.o.channels.find(name);
        return c === undefined ? undefined : { sendResolved: c.sendResolved, minSeverity: c.minSeverity };
      },
      // Timeouts, retries with backoff and jitter, and a record of every attempt.
      deliver: (channel: string, notification: Notification, groupState: Record<string, string>, signal: AbortSignal) =>
        deliverWithRetry((attemptSignal) => this.send(channel, notification, groupState, attemptSignal), {
          channel,
          groupKey: notification.groupKey,
          reason: notification.reason,
          scheduler: this.o.scheduler,
          timeoutMs: DELIVERY_TIMEOUT_MS,
          record: (r: DeliveryRecord) => void this.record(r),
          signal,
        }),
      record: (r: DeliveryRecord) => void this.record(r),
      externalURL: this.o.externalURL,
      onChange: () => this.persistSoon(),
      log: this.o.log,
    };
    this.dispatcher = state === null ? new Dispatcher(options) : Dispatcher.restore(state, options);
  }

  private async send(channel: string, notification: Notification, groupState: Record<string, string>, signal: AbortSignal): Promise<SendResult> {
    const notifier = await this.o.channels.notifier(channel);
    return notifier.send(notification, { signal, clock: this.o.scheduler, timeoutMs: DELIVERY_TIMEOUT_MS, groupState });
  }

  /** Feeds the alerts after an evaluation. */
  update(alerts: readonly AlertView[]): void {
    this.dispatcher?.update(alerts);
  }

  /** Writes the dispatcher's state once per tick of changes (the store group-commits). */
  private persistSoon(): void {
    if (this.persistQueued || this.dispatcher === null) return;
    this.persistQueued = true;
    queueMicrotask(() => {
      this.persistQueued = false;
      if (this.dispatcher === null || this.closed) return;
      void this.persistNow().catch((error: unknown) => this.o.log(`saving the notification state failed: ${(error as Error).message}`));
    });
  }

  private async persistNow(): Promise<void> {
    const state = this.dispatcher?.snapshot() ?? null;
    const { store } = this.o;
    await store.mutate(() => {
      const before = store.data.notificationState;
      store.data.notificationState = state as Record<string, unknown> | null;
      return { result: undefined, undo: () => void (store.data.notificationState = before) };
    });
  }

  private async record(r: DeliveryRecordWire): Promise<void> {
    const { store } = this.o;
    await store.mutate(() => {
      const list = store.data.deliveries;
      list.push(r);
      const dropped = list.length > MAX_DELIVERIES ? list.splice(0, list.length - MAX_DELIVERIES) : [];
      return {
        result: undefined,
        undo: () => {
          list.splice(list.indexOf(r), 1);
          list.unshift(...dropped);
        },
      };
    }).catch((error: unknown) => this.o.log(`keeping a delivery record failed: ${(error as Error).message}`));
    if (r.outcome !== 'retrying') await this.o.channels.noteDelivery(r).catch(() => undefined);
  }

  /** The delivery log, newest last. */
  deliveries(query: { sinceMs?: number; channel?: string; limit?: number; now: number }): DeliveryRecordWire[] {
    const since = query.sinceMs === undefined ? null : query.now - query.sinceMs;
    const matching = this.o.store.data.deliveries.filter((r) => (since === null || Date.parse(r.at) >= since) && (query.channel === undefined || r.channel === query.channel));
    return matching.slice(-(query.limit ?? 100));
  }

  /** Sends a test notification through a channel now (one attempt) and reports the outcome. */
  async test(name: string, actor: string): Promise<DeliveryRecordWire> {
    const channel = this.o.channels.find(name);
    if (channel === undefined) throw new NotFoundError(`no channel named '${name.slice(0, 64)}'`);
    const seen: { last: DeliveryRecordWire | null } = { last: null };
    const notification = testNotification(channel.name, this.o.externalURL, this.o.scheduler.now(), actor);
    await deliverWithRetry((signal) => this.send(channel.name, notification, {}, signal), {
      channel: channel.name,
      groupKey: notification.groupKey,
      reason: 'test',
      scheduler: this.o.scheduler,
      maxAttempts: 1,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      record: (r) => {
        seen.last = r;
        void this.record(r);
      },
    }).catch(() => undefined);
    const { last } = seen;
    if (last === null) throw new Error('the test delivery left no record');
    await this.o.audit.append({ type: 'channel.tested', actor, subject: channel.name, outcome: last.outcome === 'sent' ? 'success' : 'failure', details: { error: last.error } });
    return last;
  }

  /** Adds or replaces a route, then restarts the dispatcher with the new routes. */
  async addRoute(input: Record<string, unknown>, actor: string): Promise<{ route: RouteInfo; created: boolean }> {
    parseChannelName(input['id'], 'id');
    const route = parseRoute(input);
    for (const channel of route.channels) {
      if (this.o.channels.find(channel) === undefined) throw new NotFoundError(`route ${route.id}: no channel named '${channel}'; add it first (clickup-brain monitoring --add-channel)`);
    }
    const { store } = this.o;
    const list = store.data.routes;
    const at = list.findIndex((r) => r['id'] === route.id);
    const old = at === -1 ? undefined : list[at];
    const stored = { ...route } as Record<string, unknown>;
    await store.mutate(() => {
      if (old === undefined) list.push(stored);
      else list[at] = stored;
      return { result: undefined, undo: () => (old === undefined ? void list.splice(list.indexOf(stored), 1) : void (list[list.indexOf(stored)] = old)) };
    });
    await this.o.audit.append({ type: old === undefined ? 'route.added' : 'route.updated', actor, subject: route.id, outcome: 'success', details: { channels: route.channels } });
    this.start();
    return { route, created: old === undefined };
  }

  /** @throws NotFoundError */
  async removeRoute(id: string, actor: string): Promise<RouteInfo> {
    const { store } = this.o;
    const list = store.data.routes;
    const at = list.findIndex((r) => r['id'] === id);
    if (at === -1) throw new NotFoundError(`no route '${id.slice(0, 64)}'`);
    const old = list[at] as Record<string, unknown>;
    await store.mutate(() => {
      list.splice(at, 1);
      return { result: undefined, undo: () => void list.splice(at, 0, old) };
    });
    await this.o.audit.append({ type: 'route.removed', actor, subject: id, outcome: 'success' });
    this.start();
    return parseRoute(old);
  }

  /** Stops timers and deliveries (the state is already stored). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.dispatcher !== null) await this.persistNow().catch(() => undefined);
    this.dispatcher?.close();
    this.dispatcher = null;
  }
}
