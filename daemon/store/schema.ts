/**
 * @module The store's shape and current schema version.
 */
import { z } from 'zod';
import { userRecordSchema } from '../security/users/user-record.js';
import { sessionRecordSchema } from '../security/tokens/session-record.js';
import { secretRecordSchema } from '../security/vault/secret-record.js';
import { channelRecordSchema } from '../monitoring/channels/channel-record.js';
import { deliveryRecord } from '../../src/protocol/notification-schemas.js';
import {
  ackInfo,
  alertTransition,
  blacklistEntry,
  maintenanceInfo,
  severity,
  silenceInfo,
} from '../../src/protocol/schemas.js';

/** Version written by this build; older files are migrated on open. */
export const STORE_VERSION = 6;

const stringMap = z.record(z.string(), z.string());

export const ruleRecord = z.object({
  name: z.string(),
  expr: z.string(),
  severity,
  forMs: z.number(),
  keepFiringForMs: z.number(),
  labels: stringMap,
  annotations: stringMap,
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RuleRecord = z.infer<typeof ruleRecord>;

/** A live alert as persisted, so alert state survives a restart (times in ms). */
export const alertRecord = z.object({
  id: z.string(),
  rule: z.string(),
  severity,
  labels: stringMap,
  annotations: stringMap,
  state: z.enum(['pending', 'firing']),
  value: z.number(),
  activeAt: z.number(),
  firedAt: z.number().nullable(),
  lastActiveAt: z.number(),
  keepFiringSince: z.number().optional(),
});

export const ipOffenseSchema = z.object({
  ip: z.string(),
  offenses: z.number().int().positive(),
  lastBanAt: z.number().int().nonnegative(),
});
export type IpOffense = z.infer<typeof ipOffenseSchema>;

export const storeSchema = z.object({
  version: z.literal(STORE_VERSION),
  blacklist: z.array(blacklistEntry),
  rules: z.array(ruleRecord),
  /** Health-check definitions, re-validated by the check module on load. */
  checks: z.array(z.record(z.string(), z.unknown())),
  silences: z.array(silenceInfo),
  acks: z.array(ackInfo),
  alerts: z.array(alertRecord),
  /** The most recent alert transitions, newest last (bounded). */
  alertHistory: z.array(alertTransition),
  /** Recurring maintenance windows. */
  maintenance: z.array(maintenanceInfo),
  /** Accounts, with password hashes and lockout counters. */
  users: z.array(userRecordSchema),
  /** Login sessions (one refresh-token family each), holding only hashes of their tokens. */
  sessions: z.array(sessionRecordSchema),
  /** Named secrets, encrypted with the key ring. */
  secrets: z.array(secretRecordSchema),
  /** How often each IP was banned automatically, so repeat offenders are banned longer. */
  ipOffenses: z.array(ipOffenseSchema),
  /** Addresses and networks never banned automatically (besides loopback). */
  allowlist: z.array(z.string()),
  /** The last security posture assessment (see security/posture), or null before the first. */
  lastPosture: z.record(z.string(), z.unknown()).nullable(),
  /** Notification channels (secrets sealed). */
  channels: z.array(channelRecordSchema),
  /** Notification routes, re-validated by the routing module on load. */
  routes: z.array(z.record(z.string(), z.unknown())),
  /** The dispatcher's groups and undelivered notifications, so a restart forgets nothing. */
  notificationState: z.record(z.string(), z.unknown()).nullable(),
  /** The most recent delivery attempts, newest last (bounded). */
  deliveries: z.array(deliveryRecord),
  /**
   * Hourly uptime of each health check, by check name: `[epoch hour, ok runs, runs]`, oldest
   * first, at most 31 days (see monitoring/checks/uptime-buckets.ts).
   */
  checkUptime: z.record(
    z.string(),
    z.array(
      z.tuple([z.number().int(), z.number().int().nonnegative(), z.number().int().nonnegative()]),
    ),
  ),
});

export type StoreData = z.infer<typeof storeSchema>;

/** The contents of a new store. */
export function emptyStore(): StoreData {
  return {
    version: STORE_VERSION,
    blacklist: [],
    rules: [],
    checks: [],
    silences: [],
    acks: [],
    alerts: [],
    alertHistory: [],
    maintenance: [],
    users: [],
    sessions: [],
    secrets: [],
    ipOffenses: [],
    allowlist: [],
    lastPosture: null,
    channels: [],
    routes: [],
    notificationState: null,
    deliveries: [],
    checkUptime: {},
  };
}
