/**
 * @module Shapes of the data that travels over the socket, as zod schemas.
 *
 * Only the daemon and the tests load this at run time; the CLI uses the inferred types alone, so
 * it never pays for loading zod.
 */
import { z } from 'zod';

export const healthStatus = z.enum(['healthy', 'degraded', 'unhealthy']);
export type HealthStatus = z.infer<typeof healthStatus>;

export const healthCheckResult = z.object({
  name: z.string(),
  status: healthStatus,
  detail: z.string(),
  latencyMs: z.number(),
  lastRun: z.string(),
});
export type HealthCheckResult = z.infer<typeof healthCheckResult>;

export const healthReport = z.object({
  status: healthStatus,
  checks: z.array(healthCheckResult),
  checkedAt: z.string(),
});
export type HealthReport = z.infer<typeof healthReport>;

export const blacklistEntry = z.object({
  /** Canonical form: an address (`203.0.113.7`, `2001:db8::1`) or a network (`10.0.0.0/8`). */
  target: z.string(),
  family: z.union([z.literal(4), z.literal(6)]),
  prefixLength: z.number().int(),
  source: z.enum(['manual', 'auto']),
  reason: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** ISO time, or null for a permanent entry. */
  expiresAt: z.string().nullable(),
  createdBy: z.string(),
});
export type BlacklistEntry = z.infer<typeof blacklistEntry>;

export const blacklistChange = z.object({
  action: z.enum(['added', 'updated', 'removed', 'expired']),
  entry: blacklistEntry,
});
export type BlacklistChange = z.infer<typeof blacklistChange>;

export const configEntry = z.object({
  key: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]),
  defaultValue: z.union([z.string(), z.number(), z.boolean()]),
  isDefault: z.boolean(),
  description: z.string(),
  /** `live`: applied at once; `restart`: applied when the daemon next starts. */
  applies: z.enum(['live', 'restart']),
});
export type ConfigEntry = z.infer<typeof configEntry>;

export const daemonStatus = z.object({
  pid: z.number().int(),
  version: z.string(),
  protocol: z.number().int(),
  startedAt: z.string(),
  uptimeSeconds: z.number(),
  socketPath: z.string(),
  storePath: z.string(),
  eventsPath: z.string(),
  configPath: z.string(),
  logPath: z.string(),
  secretBackend: z.enum(['keychain', 'file']),
  secretBackendDetail: z.string(),
  clients: z.number().int(),
  subscribers: z.number().int(),
  /** The web dashboard: its URL while listening, or why it is not (absent from older daemons). */
  web: z
    .object({
      state: z.enum(['off', 'listening', 'failed']),
      url: z.string().nullable(),
      reason: z.string().nullable(),
    })
    .optional(),
});
export type DaemonStatus = z.infer<typeof daemonStatus>;

export const metricType = z.enum(['counter', 'gauge', 'histogram', 'summary']);

export const metricInfo = z.object({
  name: z.string(),
  type: metricType,
  help: z.string(),
  labelNames: z.array(z.string()),
  series: z.number().int(),
  /** The value of the first series at the last sample, or null before any sample. */
  lastValue: z.number().nullable(),
  /** Recent values of the first series (oldest first), for sparklines. */
  recent: z.array(z.number()),
});
export type MetricInfo = z.infer<typeof metricInfo>;

export const seriesData = z.object({
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  times: z.array(z.number()),
  values: z.array(z.number()),
});
export type SeriesData = z.infer<typeof seriesData>;

export const severity = z.enum(['info', 'warning', 'critical', 'emergency']);

export const ruleInfo = z.object({
  name: z.string(),
  expr: z.string(),
  severity,
  forMs: z.number(),
  keepFiringForMs: z.number(),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Alerts of this rule now, by state. */
  pending: z.number().int(),
  firing: z.number().int(),
  /** The last evaluation's error, if it failed. */
  lastError: z.string().nullable(),
  lastEvaluatedAt: z.string().nullable(),
});
export type RuleInfo = z.infer<typeof ruleInfo>;

export const alertView = z.object({
  id: z.string(),
  rule: z.string(),
  severity,
  /** pending | firing, then what mutes it: acked, silenced, inhibited, maintenance. */
  state: z.enum(['pending', 'firing']),
  muted: z.enum(['acked', 'silenced', 'inhibited', 'maintenance']).nullable(),
  mutedBy: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  value: z.number(),
  activeAt: z.string(),
  firedAt: z.string().nullable(),
});
export type AlertView = z.infer<typeof alertView>;

export const alertTransition = z.object({
  kind: z.enum(['pending', 'firing', 'resolved', 'dropped']),
  at: z.string(),
  id: z.string(),
  rule: z.string(),
  severity,
  labels: z.record(z.string(), z.string()),
  value: z.number(),
});
export type AlertTransition = z.infer<typeof alertTransition>;

export const silenceInfo = z.object({
  id: z.string(),
  matchers: z.array(z.string()),
  startsAt: z.string(),
  endsAt: z.string(),
  comment: z.string(),
  createdBy: z.string(),
});
export type SilenceInfo = z.infer<typeof silenceInfo>;

export const ackInfo = z.object({
  alertId: z.string(),
  comment: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type AckInfo = z.infer<typeof ackInfo>;

export const maintenanceInfo = z.object({
  id: z.string(),
  /** Cron schedule of each window's start. */
  schedule: z.string(),
  durationMs: z.number(),
  /** The rule it mutes, or null for every rule. */
  rule: z.string().nullable(),
  timezone: z.string(),
  comment: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** When the next window starts (at the time it was added). */
  nextStart: z.string().nullable(),
});
export type MaintenanceInfo = z.infer<typeof maintenanceInfo>;

export const explainRow = z.object({
  labels: z.record(z.string(), z.string()),
  value: z.number().nullable(),
  state: z.enum(['inactive', 'pending', 'firing']),
  reason: z.string(),
});

export const checkInfo = z.object({
  name: z.string(),
  type: z.string(),
  target: z.string().nullable(),
  intervalMs: z.number(),
  state: z.enum(['unknown', 'up', 'down']),
  lastRun: z.string().nullable(),
  latencyMs: z.number().nullable(),
  detail: z.string(),
  /** Latencies of recent runs, oldest first. */
  recentLatencyMs: z.array(z.number()),
  uptime24h: z.number().nullable(),
});
export type CheckInfo = z.infer<typeof checkInfo>;

export const forecastRow = z.object({
  labels: z.record(z.string(), z.string()),
  current: z.number(),
  slopePerHour: z.number(),
  /** When the trend crosses the threshold, or null when it never will (or there is no threshold). */
  crossesAt: z.string().nullable(),
  samples: z.number().int(),
});
export type ForecastRow = z.infer<typeof forecastRow>;
