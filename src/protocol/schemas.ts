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
});
export type DaemonStatus = z.infer<typeof daemonStatus>;
