/**
 * @module Shapes of the security engine's data on the wire (users, sessions, events, verdicts).
 *
 * Times are milliseconds since the epoch. Nothing here ever holds a password hash, a session
 * secret's hash or a key; tokens appear only in the replies of login and refresh.
 */
import { z } from 'zod';

const time = z.number();

export const userView = z.object({
  username: z.string(),
  displayName: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
  status: z.enum(['active', 'disabled', 'locked']),
  lockedUntil: time.nullable(),
  failedLogins: z.number(),
  grants: z.array(z.string()),
  revokes: z.array(z.string()),
  createdAt: time,
  updatedAt: time,
  lastLoginAt: time.nullable(),
  passwordChangedAt: time,
  origin: z.enum(['created', 'htpasswd']),
});
export type UserViewWire = z.infer<typeof userView>;

export const sessionView = z.object({
  id: z.string(),
  username: z.string(),
  createdAt: time,
  lastSeenAt: time,
  idleExpiresAt: time,
  absoluteExpiresAt: time,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  revokedAt: time.nullable(),
  revokedReason: z.string().nullable(),
  state: z.enum(['active', 'idle-expired', 'expired', 'revoked']),
});
export type SessionViewWire = z.infer<typeof sessionView>;

export const loginResult = z.object({
  user: userView,
  session: sessionView,
  accessToken: z.string(),
  expiresAt: time,
  refreshToken: z.string(),
});

export const auditEvent = z.object({
  id: z.string(),
  seq: z.number(),
  time: z.string(),
  type: z.string(),
  actor: z.string(),
  subject: z.string().nullable(),
  ip: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'refused', 'info']),
  details: z.record(z.string(), z.unknown()),
  prev: z.string(),
  hash: z.string(),
});
export type AuditEventWire = z.infer<typeof auditEvent>;

export const threatVerdict = z.object({
  type: z.enum(['sqli', 'xss', 'path_traversal', 'command_injection']),
  field: z.string(),
  confidence: z.number(),
  evidence: z.string(),
  rule: z.string(),
});

export const permissionDecision = z.object({
  allowed: z.boolean(),
  reason: z.string(),
  via: z.string().nullable(),
});

export const effectivePermission = z.object({
  permission: z.string(),
  sources: z.array(z.string()),
  patterns: z.array(z.string()).optional(),
  revokedBy: z.string().optional(),
});

export const roleRow = z.object({
  role: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
});

export const secretInfo = z.object({
  name: z.string(),
  bytes: z.number(),
  keyVersion: z.number(),
  createdAt: time,
  updatedAt: time,
  createdBy: z.string(),
  updatedBy: z.string(),
});

export const keyAge = z.object({ name: z.string(), version: z.number(), createdAt: time });

export const postureFinding = z.object({
  id: z.string(),
  severity: z.enum(['info', 'low', 'medium', 'high', 'critical']),
  title: z.string(),
  detail: z.string(),
  subject: z.string().nullable(),
  fix: z.string().nullable(),
});

export const postureReport = z.object({
  assessedAt: time,
  findings: z.array(postureFinding),
  worst: z.enum(['ok', 'info', 'low', 'medium', 'high', 'critical']),
  counts: z.record(z.string(), z.number()),
  checks: z.number(),
});
export type PostureReportWire = z.infer<typeof postureReport>;

export const securityStatus = z.object({
  users: z.object({
    total: z.number(),
    active: z.number(),
    disabled: z.number(),
    locked: z.number(),
    admins: z.number(),
  }),
  lockedUsers: z.array(z.object({ username: z.string(), until: time.nullable() })),
  sessions: z.object({ active: z.number() }),
  bans: z.object({ manual: z.number(), auto: z.number() }),
  threats24h: z.number(),
  failedLogins24h: z.number(),
  keys: z.array(keyAge),
  secretBackend: z.string(),
  secrets: z.number(),
  simulate: z.object({ lockout: z.boolean(), bans: z.boolean(), threats: z.boolean() }),
  allowlist: z.array(z.string()),
  lastPosture: z.object({ assessedAt: time, worst: z.string() }).nullable(),
  principal: z.object({ username: z.string(), sessionId: z.string() }).nullable(),
});
export type SecurityStatusWire = z.infer<typeof securityStatus>;
