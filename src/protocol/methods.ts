/**
 * @module The method table: the single source of truth for every method's name, params and result.
 *
 * The daemon's router validates params with these schemas before any handler runs; the client's
 * `request()` takes its types from {@link Methods}, which is inferred from the same table.
 */
import { z } from 'zod';
import {
  ackInfo,
  alertTransition,
  alertView,
  blacklistChange,
  blacklistEntry,
  checkInfo,
  configEntry,
  daemonStatus,
  explainRow,
  forecastRow,
  healthReport,
  maintenanceInfo,
  metricInfo,
  metricType,
  ruleInfo,
  seriesData,
  severity,
  silenceInfo,
} from './schemas.js';
import { auditEvent } from './security-schemas.js';
import { securityMethods } from './security-methods.js';
import { notificationMethods } from './notification-methods.js';

const none = z.strictObject({});
const ipText = z.string().min(1).max(100);
const name = z.string().min(1).max(200);
const ms = z.number().int().nonnegative().max(315_360_000_000);
const labelMap = z.record(z.string().max(200), z.string().max(1000));

/** Declares one method. */
function method<P extends z.ZodType, R extends z.ZodType>(params: P, result: R, mutates: boolean) {
  return { params, result, mutates };
}

export const methods = {
  'daemon.hello': method(
    z.strictObject({
      client: z.string().min(1).max(64),
      version: z.string().min(1).max(64),
      protocol: z.number().int().positive(),
    }),
    z.object({ version: z.string(), protocol: z.number().int(), pid: z.number().int() }),
    false,
  ),
  'daemon.ping': method(none, z.object({ time: z.string() }), false),
  'daemon.status': method(none, daemonStatus, false),
  'daemon.shutdown': method(none, z.object({ stopping: z.boolean() }), false),

  'config.list': method(none, z.object({ entries: z.array(configEntry) }), false),
  'config.get': method(z.strictObject({ key: z.string().min(1).max(200) }), configEntry, false),
  'config.set': method(
    z.strictObject({ key: z.string().min(1).max(200), value: z.string().max(4096) }),
    configEntry,
    true,
  ),
  'config.unset': method(z.strictObject({ key: z.string().min(1).max(200) }), configEntry, true),

  'monitoring.health': method(none, healthReport, false),
  'monitoring.subscribe': method(
    z.strictObject({
      topics: z
        .array(z.enum(['health', 'alerts', 'checks', 'metrics']))
        .min(1)
        .optional(),
    }),
    z.object({ topics: z.array(z.string()) }),
    false,
  ),
  'monitoring.metrics.list': method(none, z.object({ metrics: z.array(metricInfo) }), false),
  'monitoring.metrics.get': method(
    z.strictObject({ name, rangeMs: ms.min(1000).optional() }),
    z.object({
      name: z.string(),
      type: metricType.nullable(),
      help: z.string(),
      series: z.array(seriesData),
    }),
    false,
  ),
  'monitoring.metrics.exposition': method(none, z.object({ text: z.string() }), false),
  'monitoring.push': method(
    z.strictObject({
      samples: z
        .array(
          z.strictObject({
            name,
            value: z.number(),
            type: metricType.optional(),
            labels: labelMap.optional(),
            help: z.string().max(1000).optional(),
          }),
        )
        .min(1)
        .max(10_000),
    }),
    z.object({ accepted: z.number().int() }),
    false,
  ),
  'monitoring.rules.list': method(none, z.object({ rules: z.array(ruleInfo) }), false),
  'monitoring.rules.add': method(
    z.strictObject({
      name,
      expr: z.string().min(1).max(10_000),
      severity: severity.optional(),
      forMs: ms.optional(),
      keepFiringForMs: ms.optional(),
      labels: labelMap.optional(),
      annotations: labelMap.optional(),
      description: z.string().max(2000).optional(),
    }),
    z.object({ rule: ruleInfo, created: z.boolean() }),
    true,
  ),
  'monitoring.rules.load': method(
    z.strictObject({
      text: z
        .string()
        .min(1)
        .max(4 * 1024 * 1024),
    }),
    z.object({ added: z.number().int(), updated: z.number().int() }),
    true,
  ),
  'monitoring.rules.remove': method(z.strictObject({ name }), z.object({ rule: ruleInfo }), true),
  'monitoring.rules.explain': method(
    z.strictObject({ name }),
    z.object({
      rule: ruleInfo,
      evaluatedAt: z.string(),
      rows: z.array(explainRow),
      error: z.string().nullable(),
    }),
    false,
  ),
  'monitoring.alerts.list': method(
    z.strictObject({
      history: z.boolean().optional(),
      /** The newest `limit` transitions that pass the filters (default 100). */
      limit: z.number().int().min(1).max(10_000).optional(),
      /** Only this rule's alerts and transitions. */
      rule: name.optional(),
      /** Only transitions at or after this time (ISO 8601, UTC). */
      since: z.iso.datetime().optional(),
    }),
    z.object({ alerts: z.array(alertView), history: z.array(alertTransition) }),
    false,
  ),
  'monitoring.alerts.ack': method(
    z.strictObject({
      id: z.string().min(1).max(64),
      comment: z.string().min(1).max(1000),
      durationMs: ms.min(1000).optional(),
    }),
    z.object({ ack: ackInfo }),
    true,
  ),
  'monitoring.silences.add': method(
    z.strictObject({
      matchers: z.array(z.string().min(1).max(1000)).min(1).max(50),
      durationMs: ms.min(1000),
      comment: z.string().min(1).max(1000),
    }),
    z.object({ silence: silenceInfo }),
    true,
  ),
  'monitoring.silences.list': method(none, z.object({ silences: z.array(silenceInfo) }), false),
  'monitoring.silences.remove': method(
    z.strictObject({ id: z.string().min(1).max(64) }),
    z.object({ silence: silenceInfo }),
    true,
  ),
  'monitoring.maintenance.add': method(
    z.strictObject({
      schedule: z.string().min(1).max(200),
      durationMs: ms.min(60_000),
      rule: name.nullable().optional(),
      timezone: z.string().min(1).max(100).optional(),
      comment: z.string().min(1).max(1000),
    }),
    z.object({ window: maintenanceInfo }),
    true,
  ),
  'monitoring.maintenance.list': method(
    none,
    z.object({ windows: z.array(maintenanceInfo) }),
    false,
  ),
  'monitoring.maintenance.remove': method(
    z.strictObject({ id: z.string().min(1).max(64) }),
    z.object({ window: maintenanceInfo }),
    true,
  ),
  'monitoring.checks.list': method(none, z.object({ checks: z.array(checkInfo) }), false),
  'monitoring.checks.add': method(
    z.strictObject({ definition: z.record(z.string(), z.unknown()) }),
    z.object({ check: checkInfo }),
    true,
  ),
  'monitoring.checks.load': method(
    z.strictObject({
      text: z
        .string()
        .min(1)
        .max(4 * 1024 * 1024),
    }),
    z.object({ added: z.number().int(), updated: z.number().int() }),
    true,
  ),
  'monitoring.checks.remove': method(
    z.strictObject({ name }),
    z.object({ check: checkInfo }),
    true,
  ),
  'monitoring.heartbeat': method(z.strictObject({ name }), z.object({ check: checkInfo }), false),
  'monitoring.forecast': method(
    z.strictObject({
      metric: name,
      threshold: z.number().optional(),
      rangeMs: ms.min(60_000).optional(),
    }),
    z.object({
      metric: z.string(),
      threshold: z.number().nullable(),
      rangeMs: z.number(),
      rows: z.array(forecastRow),
    }),
    false,
  ),

  'security.blacklist.add': method(
    z.strictObject({
      target: ipText,
      /** Lifetime in milliseconds; absent or null means permanent. */
      ttlMs: z.number().int().positive().max(315_360_000_000).nullable().optional(),
      reason: z.string().max(500).optional(),
    }),
    z.object({ entry: blacklistEntry, created: z.boolean() }),
    true,
  ),
  'security.blacklist.remove': method(
    z.strictObject({ target: ipText }),
    z.object({ entry: blacklistEntry }),
    true,
  ),
  'security.blacklist.list': method(none, z.object({ entries: z.array(blacklistEntry) }), false),
  'security.blacklist.check': method(
    z.strictObject({ ip: ipText }),
    z.object({ blocked: z.boolean(), entry: blacklistEntry.nullable() }),
    false,
  ),
  'security.subscribe': method(
    z.strictObject({
      topics: z
        .array(z.enum(['blacklist', 'events']))
        .min(1)
        .optional(),
    }),
    z.object({ topics: z.array(z.string()) }),
    false,
  ),
  ...securityMethods,
  ...notificationMethods,
};

/** Notifications the daemon pushes to subscribers, by method name. */
export const notifications = {
  'security.blacklist.changed': blacklistChange,
  'security.event': auditEvent,
  'monitoring.health.changed': healthReport,
  'monitoring.alerts.changed': alertTransition,
  'monitoring.checks.changed': checkInfo,
  /** Metric values moved (a push, or a scrape that extended the history). */
  'monitoring.metrics.changed': z.object({ at: z.string(), cause: z.enum(['push', 'scrape']) }),
};

/** The subscription topic each notification belongs to. */
export const notificationTopic = {
  'security.blacklist.changed': 'blacklist',
  'security.event': 'events',
  'monitoring.health.changed': 'health',
  'monitoring.alerts.changed': 'alerts',
  'monitoring.checks.changed': 'checks',
  'monitoring.metrics.changed': 'metrics',
} as const satisfies Record<keyof typeof notifications, string>;

type Table = typeof methods;
/** Every method name. */
export type MethodName = keyof Table;
/** The params a method takes (input side: optional fields may be left out). */
export type ParamsOf<M extends MethodName> = z.input<Table[M]['params']>;
/** The params as the handler sees them after validation. */
export type ValidParamsOf<M extends MethodName> = z.output<Table[M]['params']>;
/** What a method returns. */
export type ResultOf<M extends MethodName> = z.output<Table[M]['result']>;
/** Every notification name. */
export type NotificationName = keyof typeof notifications;
/** A notification's payload. */
export type NotificationOf<N extends NotificationName> = z.output<(typeof notifications)[N]>;
