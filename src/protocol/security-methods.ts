/**
 * @module The security engine's methods (users, logins, sessions, permissions, keys, secrets,
 * events, threats, posture), merged into the method table in methods.ts.
 */
import { z } from 'zod';
import {
  auditEvent,
  effectivePermission,
  loginResult,
  permissionDecision,
  postureReport,
  roleRow,
  secretInfo,
  securityStatus,
  sessionView,
  threatVerdict,
  userView,
} from './security-schemas.js';

const none = z.strictObject({});
const username = z.string().min(1).max(64);
/** Passwords are bounded well above any policy maximum; the policy gives the real limit. */
const password = z.string().min(1).max(4096);
const roles = z.array(z.string().min(1).max(32)).min(1).max(10);
const permission = z.string().min(1).max(128);
/** Binary payloads travel as standard base64 (bounded well under the frame limit). */
const base64 = z
  .string()
  .max(700_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be standard base64');
const ipText = z.string().min(1).max(100);
const algorithm = z.enum(['rsa-pss', 'ed25519']);
const userResult = z.object({ user: userView });

function method<P extends z.ZodType, R extends z.ZodType>(params: P, result: R, mutates: boolean) {
  return { params, result, mutates };
}

export const securityMethods = {
  'security.status': method(none, securityStatus, false),
  'security.users.create': method(
    z.strictObject({
      username,
      email: z.string().min(1).max(254),
      roles: roles.optional(),
      password,
    }),
    userResult,
    true,
  ),
  'security.users.import': method(
    z.strictObject({ content: z.string().max(5_000_000) }),
    z.object({
      imported: z.array(z.object({ username: z.string(), line: z.number() })),
      skipped: z.array(
        z.object({
          line: z.number(),
          username: z.string().nullable(),
          kind: z.string(),
          message: z.string(),
        }),
      ),
    }),
    true,
  ),
  'security.users.list': method(none, z.object({ users: z.array(userView) }), false),
  'security.users.get': method(z.strictObject({ username }), userResult, false),
  'security.users.setRoles': method(z.strictObject({ username, roles }), userResult, true),
  'security.users.setStatus': method(
    z.strictObject({ username, status: z.enum(['active', 'disabled']) }),
    userResult,
    true,
  ),
  'security.users.delete': method(z.strictObject({ username }), userResult, true),
  'security.users.setPassword': method(z.strictObject({ username, password }), userResult, true),
  'security.users.unlock': method(z.strictObject({ username }), userResult, true),
  'security.login': method(
    z.strictObject({ username, password, userAgent: z.string().max(512).optional() }),
    loginResult,
    true,
  ),
  'security.refresh': method(
    z.strictObject({ refreshToken: z.string().min(1).max(512) }),
    loginResult.omit({ user: true }).extend({ user: userView }),
    true,
  ),
  'security.authenticate': method(
    z.strictObject({ token: z.string().min(1).max(8192) }),
    z.object({
      username: z.string(),
      sessionId: z.string(),
      expiresAt: z.number(),
      roles: z.array(z.string()),
    }),
    false,
  ),
  'security.logout': method(
    z.strictObject({ sessionId: z.string().min(1).max(64).optional() }),
    z.object({ session: sessionView }),
    true,
  ),
  'security.sessions.list': method(
    z.strictObject({ username: username.optional(), all: z.boolean().optional() }),
    z.object({ sessions: z.array(sessionView) }),
    false,
  ),
  'security.sessions.revoke': method(
    z.strictObject({ id: z.string().min(1).max(64) }),
    z.object({ session: sessionView }),
    true,
  ),
  'security.roles': method(none, z.object({ roles: z.array(roleRow) }), false),
  'security.permissions': method(
    z.strictObject({ username }),
    z.object({
      username: z.string(),
      status: z.string(),
      roles: z.array(z.string()),
      permissions: z.array(effectivePermission),
    }),
    false,
  ),
  'security.check': method(
    z.strictObject({
      username,
      permission,
      resource: z
        .strictObject({
          type: z.string().max(64).optional(),
          ownerId: z.string().max(64).nullable().optional(),
        })
        .optional(),
    }),
    permissionDecision,
    false,
  ),
  'security.grant': method(z.strictObject({ username, permission }), userResult, true),
  'security.revoke': method(z.strictObject({ username, permission }), userResult, true),
  'security.events': method(
    z.strictObject({
      type: z.string().min(1).max(64).optional(),
      user: username.optional(),
      ip: ipText.optional(),
      sinceMs: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(10_000).optional(),
    }),
    z.object({ events: z.array(auditEvent), skipped: z.number() }),
    false,
  ),
  'security.verifyLog': method(
    none,
    z.object({
      ok: z.boolean(),
      lines: z.number(),
      files: z.number(),
      firstBroken: z
        .object({
          file: z.string(),
          line: z.number(),
          seq: z.number().nullable(),
          reason: z.string(),
        })
        .nullable(),
    }),
    false,
  ),
  'security.allowlist.add': method(
    z.strictObject({ target: ipText }),
    z.object({ entry: z.string(), created: z.boolean() }),
    true,
  ),
  'security.allowlist.remove': method(
    z.strictObject({ target: ipText }),
    z.object({ entry: z.string() }),
    true,
  ),
  'security.allowlist.list': method(
    none,
    z.object({ entries: z.array(z.string()), builtIn: z.array(z.string()) }),
    false,
  ),
  'security.scan': method(
    z.strictObject({ request: z.unknown() }),
    z.object({ threat: threatVerdict.nullable() }),
    false,
  ),
  'security.encrypt': method(
    z.strictObject({ data: base64, aad: z.string().max(1024).optional() }),
    z.object({ ciphertext: z.string() }),
    false,
  ),
  'security.decrypt': method(
    z.strictObject({
      ciphertext: z.string().min(1).max(1_000_000),
      aad: z.string().max(1024).optional(),
    }),
    z.object({ data: z.string() }),
    false,
  ),
  'security.sign': method(
    z.strictObject({ data: base64, algorithm: algorithm.optional() }),
    z.object({ algorithm, keyVersion: z.number(), kid: z.string(), signature: z.string() }),
    false,
  ),
  'security.verify': method(
    z.strictObject({
      data: base64,
      signature: z.string().min(1).max(2048),
      algorithm: algorithm.optional(),
      keyVersion: z.number().int().positive().optional(),
    }),
    z.object({ valid: z.boolean(), algorithm }),
    false,
  ),
  'security.publicKeys': method(
    none,
    z.object({
      jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }),
      pem: z.record(z.string(), z.string()),
    }),
    false,
  ),
  'security.rotateKeys': method(
    none,
    z.object({
      dataKeyVersion: z.number(),
      signing: z.array(z.object({ algorithm, version: z.number(), kid: z.string() })),
      rewrapped: z.number(),
    }),
    true,
  ),
  'security.secrets.put': method(
    z.strictObject({ name: z.string().min(1).max(128), value: base64 }),
    z.object({ secret: secretInfo, created: z.boolean() }),
    true,
  ),
  'security.secrets.get': method(
    z.strictObject({ name: z.string().min(1).max(128) }),
    z.object({ value: z.string() }),
    false,
  ),
  'security.secrets.delete': method(
    z.strictObject({ name: z.string().min(1).max(128) }),
    z.object({ secret: secretInfo }),
    true,
  ),
  'security.secrets.list': method(none, z.object({ secrets: z.array(secretInfo) }), false),
  'security.posture': method(none, postureReport, false),
};
