/**
 * Shared by the notification tests: a frozen start, alerts and routes in one line, a dispatcher
 * on a manual scheduler with a recording deliver, and assertions for refusals.
 */
import assert from 'node:assert/strict';
import { AppError } from '../../../../../src/protocol/errors.js';
import type { Severity } from '../../../../../daemon/monitoring/alerts/severity.js';
import type {
  Notification,
  SendResult,
} from '../../../../../daemon/monitoring/notifiers/notification.js';
import { Dispatcher } from '../../../../../daemon/monitoring/notifications/dispatcher.js';
import type { DispatcherOptions } from '../../../../../daemon/monitoring/notifications/dispatcher-options.js';
import {
  parseRoute,
  type RouteSpec,
} from '../../../../../daemon/monitoring/notifications/route.js';
import { ManualScheduler } from '../../../../../daemon/monitoring/notifications/scheduler.js';
import type { DispatcherState } from '../../../../../daemon/monitoring/notifications/state.js';
import type {
  ActiveAlert,
  ChannelSettings,
  DeliveryRecord,
  MuteReason,
} from '../../../../../daemon/monitoring/notifications/types.js';

/** Monday 5 January 2026, 00:00 UTC. */
export const T0 = Date.UTC(2026, 0, 5);
export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const iso = (ms: number): string => new Date(ms).toISOString();

/** A firing, unmuted alert named `name` (its id is `name` and the extra labels, joined). */
export function alert(
  name: string,
  extra: Record<string, string> = {},
  more: {
    severity?: Severity;
    muted?: MuteReason | null;
    state?: 'pending' | 'firing';
    activeAt?: number;
    value?: number;
  } = {},
): ActiveAlert {
  const severity = more.severity ?? 'warning';
  const labels = { alertname: name, severity, ...extra };
  const id = [name, ...Object.entries(extra).map(([k, v]) => `${k}=${v}`)].join(',');
  return {
    id,
    rule: name,
    severity,
    labels,
    annotations: { summary: `${name} is high` },
    value: more.value ?? 1,
    state: more.state ?? 'firing',
    muted: more.muted ?? null,
    activeAt: iso(more.activeAt ?? T0),
    firedAt: iso(more.activeAt ?? T0),
  };
}

export function route(input: Record<string, unknown>): RouteSpec {
  return parseRoute(input);
}

/** Asserts `fn` throws an AppError with this code, message and field. */
export function refuses(fn: () => unknown, code: string, message: string, field?: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.message, message);
    assert.equal(error.details['field'], field);
    return true;
  });
}

/** Asserts `fn` throws a TypeError with this message. */
export function misused(fn: () => unknown, message: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof TypeError, `expected a TypeError, got ${String(error)}`);
    assert.equal(error.message, message);
    return true;
  });
}

export interface Sent {
  at: number;
  channel: string;
  notification: Notification;
  groupState: Record<string, string>;
}

export interface Harness {
  scheduler: ManualScheduler;
  dispatcher: Dispatcher;
  sent: Sent[];
  records: DeliveryRecord[];
  logs: string[];
  /** How the next deliveries answer (default: `HTTP 200`). */
  answer: (channel: string, notification: Notification, signal: AbortSignal) => Promise<SendResult>;
  channels: Record<string, ChannelSettings>;
  options: DispatcherOptions;
  /** Moves time to `T0 + ms` (never back). */
  at(ms: number): Promise<void>;
  /** A short description of each sent notification: `channel reason [fingerprint:status, …]`. */
  summary(): string[];
}

export interface HarnessOptions {
  routes?: RouteSpec[];
  defaultRoute?: RouteSpec;
  channels?: Record<string, ChannelSettings>;
  state?: DispatcherState;
  scheduler?: ManualScheduler;
  extra?: Partial<DispatcherOptions>;
}

/** A dispatcher at {@link T0}: default route to channel `ops` (sendResolved) with AM's timings. */
export function harness(options: HarnessOptions = {}): Harness {
  const scheduler = options.scheduler ?? new ManualScheduler(T0);
  const h = {
    scheduler,
    sent: [] as Sent[],
    records: [] as DeliveryRecord[],
    logs: [] as string[],
    channels: options.channels ?? { ops: { sendResolved: true } },
    answer: async (): Promise<SendResult> => ({ detail: 'HTTP 200' }),
  } as Partial<Harness> as Harness;
  let ids = 0;
  h.options = {
    scheduler,
    routes: options.routes ?? [],
    defaultRoute: options.defaultRoute ?? route({ id: 'default', channels: ['ops'] }),
    channel: (name) => h.channels[name],
    deliver: (channel, notification, groupState, signal) => {
      h.sent.push({ at: scheduler.now() - T0, channel, notification, groupState });
      return h.answer(channel, notification, signal);
    },
    record: (r) => h.records.push(r),
    log: (m) => h.logs.push(m),
    externalURL: 'https://brain.example/',
    newId: () => `r${++ids}`,
    ...options.extra,
  };
  h.dispatcher =
    options.state === undefined
      ? new Dispatcher(h.options)
      : Dispatcher.restore(options.state, h.options);
  h.at = (ms) => scheduler.advance(T0 + ms - scheduler.now());
  h.summary = () =>
    h.sent.map(
      (s) =>
        `${s.at / 1000}s ${s.channel} ${s.notification.reason} [${s.notification.alerts.map((a) => `${a.fingerprint}:${a.status}`).join(' ')}]`,
    );
  return h;
}
