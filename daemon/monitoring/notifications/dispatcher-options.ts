/**
 * @module The dispatcher's options: what is injected, the limits, and their checks (wrong use is
 * a TypeError naming the option).
 */
import { randomUUID } from 'node:crypto';
import type { Notification, SendResult } from '../notifiers/notification.js';
import type { GroupAlert } from './group.js';
import { routeSpecSchema, type RouteSpec } from './route.js';
import type { Scheduler } from './scheduler.js';
import { STATE_LIMITS } from './state.js';
import type { ChannelSettings, DeliveryRecord } from './types.js';

/**
 * Delivers one notification to one channel, retries included (see `deliverWithRetry`), and
 * settles with the channel's result or rejects when it gave up. `groupState` is what the channel
 * kept for this group; `signal` aborts when the dispatcher closes.
 */
export type Deliver = (
  channel: string,
  notification: Notification,
  groupState: Record<string, string>,
  signal: AbortSignal,
) => Promise<SendResult>;

export interface DispatcherOptions {
  scheduler: Scheduler;
  /** In order; the first match wins unless it says `continue`. */
  routes: readonly RouteSpec[];
  /** Takes the alerts no route matches. */
  defaultRoute: RouteSpec;
  /** A channel's settings by name, or undefined when there is no such channel. */
  channel: (name: string) => ChannelSettings | undefined;
  deliver: Deliver;
  /** Receives the records the dispatcher makes itself (a notification for an unknown channel). */
  record: (record: DeliveryRecord) => void;
  /** The dashboard's URL, sent as `externalURL` (default ''). */
  externalURL?: string;
  /** The link sent with each alert (default: the dashboard's alerts of its rule, or '' without an externalURL). */
  generatorURL?: (alert: GroupAlert) => string;
  /** Aggregation groups kept at most (default 1 000); alerts that would open more are not notified. */
  maxGroups?: number;
  /** Alerts one group holds at most (default 1 000). */
  maxAlertsPerGroup?: number;
  /** Alerts one notification carries at most (default 100); the rest are counted. */
  maxAlertsPerNotification?: number;
  /** Called when the state worth keeping changed (debounce before writing it). */
  onChange?: () => void;
  /** Told what the dispatcher had to drop or ignore. */
  log?: (message: string) => void;
  /** Ids of the records it makes (default random UUIDs). */
  newId?: () => string;
}

export type ResolvedDispatcherOptions = Required<DispatcherOptions>;

function limit(value: number | undefined, name: string, fallback: number, max: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max)
    throw new TypeError(`"${name}" option must be an integer from 1 to ${max}`);
  return v;
}

function checkRoute(route: unknown, name: string): RouteSpec {
  if (!routeSpecSchema.safeParse(route).success)
    throw new TypeError(`"${name}" option must hold routes from parseRoute`);
  return route as RouteSpec;
}

/** Checks the options and applies the defaults. @throws TypeError naming the wrong option. */
export function resolveDispatcherOptions(options: DispatcherOptions): ResolvedDispatcherOptions {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('options must be an object');
  const { scheduler } = options;
  if (
    typeof scheduler?.now !== 'function' ||
    typeof scheduler.setTimer !== 'function' ||
    typeof scheduler.clearTimer !== 'function'
  ) {
    throw new TypeError('"scheduler" option must have now, setTimer and clearTimer');
  }
  if (!Array.isArray(options.routes)) throw new TypeError('"routes" option must be an array');
  const routes = options.routes.map((r) => checkRoute(r, 'routes'));
  const defaultRoute = checkRoute(options.defaultRoute, 'defaultRoute');
  const ids = new Set<string>();
  for (const route of [...routes, defaultRoute]) {
    if (ids.has(route.id))
      throw new TypeError(`"routes" option: route id '${route.id}' is used twice`);
    ids.add(route.id);
  }
  for (const key of ['channel', 'deliver', 'record'] as const) {
    if (typeof options[key] !== 'function')
      throw new TypeError(`"${key}" option must be a function`);
  }
  for (const key of ['generatorURL', 'onChange', 'log', 'newId'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function')
      throw new TypeError(`"${key}" option must be a function`);
  }
  const externalURL = options.externalURL ?? '';
  if (typeof externalURL !== 'string') throw new TypeError('"externalURL" option must be a string');
  const base = externalURL.replace(/\/+$/, '');
  return {
    scheduler,
    routes,
    defaultRoute,
    channel: options.channel,
    deliver: options.deliver,
    record: options.record,
    externalURL,
    generatorURL:
      options.generatorURL ??
      ((alert) => (base === '' ? '' : `${base}/alerts?rule=${encodeURIComponent(alert.rule)}`)),
    maxGroups: limit(options.maxGroups, 'maxGroups', 1_000, STATE_LIMITS.groups),
    maxAlertsPerGroup: limit(
      options.maxAlertsPerGroup,
      'maxAlertsPerGroup',
      1_000,
      STATE_LIMITS.alertsPerGroup,
    ),
    maxAlertsPerNotification: limit(
      options.maxAlertsPerNotification,
      'maxAlertsPerNotification',
      100,
      10_000,
    ),
    onChange: options.onChange ?? (() => {}),
    log: options.log ?? (() => {}),
    newId: options.newId ?? randomUUID,
  };
}
