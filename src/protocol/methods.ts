/**
 * @module The method table: the single source of truth for every method's name, params and result.
 *
 * The daemon's router validates params with these schemas before any handler runs; the client's
 * `request()` takes its types from {@link Methods}, which is inferred from the same table.
 */
import { z } from 'zod';
import {
  blacklistChange,
  blacklistEntry,
  configEntry,
  daemonStatus,
  healthReport,
} from './schemas.js';

const none = z.strictObject({});
const ipText = z.string().min(1).max(100);

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
    z.strictObject({ topics: z.array(z.enum(['health'])).min(1).optional() }),
    z.object({ topics: z.array(z.string()) }),
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
    z.strictObject({ topics: z.array(z.enum(['blacklist'])).min(1).optional() }),
    z.object({ topics: z.array(z.string()) }),
    false,
  ),
};

/** Notifications the daemon pushes to subscribers, by method name. */
export const notifications = {
  'security.blacklist.changed': blacklistChange,
  'monitoring.health.changed': healthReport,
};

/** The subscription topic each notification belongs to. */
export const notificationTopic = {
  'security.blacklist.changed': 'blacklist',
  'monitoring.health.changed': 'health',
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
