/**
 * @module The security routes an administrator needs: status, events, the blacklist, users and
 * sessions. Results are the socket methods' own.
 *
 * - `GET /api/v1/security/status` (security.read) → the `security.status` result.
 * - `GET /api/v1/security/events?type=&user=&ip=&since=&limit=` (security.read) → `{ events:
 *   AuditEvent[], skipped }`; `since` is a duration back from now (15m, 1h, 7d), `limit` 1 to
 *   10,000, `type` an event type or a prefix like `login.*`.
 * - `GET /api/v1/security/blacklist` (security.read) → `{ entries: BlacklistEntry[] }`.
 * - `POST /api/v1/security/blacklist` (security.blacklist.manage): body `{ target, ttlMs?, reason? }`
 *   (ttlMs null or absent: permanent) → `{ entry, created }`.
 * - `DELETE /api/v1/security/blacklist/:ip` and `.../:ip/:prefix` (security.blacklist.manage) →
 *   `{ entry }`. A network's slash is a path separator: `/blacklist/10.0.0.0/8` (an encoded `%2F`
 *   is decoded by the server and so arrives the same way).
 * - `GET /api/v1/security/users` (security.users.manage) → `{ users: UserView[] }`.
 * - `POST /api/v1/security/users/:username/unlock` (security.users.manage), no body → `{ user }`.
 * - `GET /api/v1/security/sessions?user=&all=1` (security.sessions.manage) → `{ sessions:
 *   SessionView[] }`: live sessions of everyone, or of `user`; `all=1` adds ended ones.
 * - `DELETE /api/v1/security/sessions/:id` (security.sessions.manage) → `{ session }`.
 */
import { z } from 'zod';
import { methods } from '../../../src/protocol/methods.js';
import type { HttpRequestContext, HttpRoute } from '../types.js';
import {
  bodyOf,
  durationParam,
  flagParam,
  integerParam,
  pathOf,
  queryOf,
  textParam,
} from './params.js';
import { reply } from './reply.js';

const none = z.strictObject({});
const eventsQuery = z.strictObject({
  type: textParam('type', 64).optional(),
  user: textParam('user', 64).optional(),
  ip: textParam('ip', 100).optional(),
  since: durationParam('since').optional(),
  limit: integerParam('limit', 1, 10_000).optional(),
});
const addressPath = z.strictObject({ ip: textParam('ip', 100) });
const networkPath = z.strictObject({
  ip: textParam('ip', 100),
  prefix: z.string().regex(/^\d{1,3}$/, { error: '"prefix" must be a prefix length like 8 or 64' }),
});
const userPath = z.strictObject({ username: textParam('username', 64) });
const sessionPath = z.strictObject({ id: textParam('id', 64) });
const sessionsQuery = z.strictObject({
  user: textParam('user', 64).optional(),
  all: flagParam('all').optional(),
});

export function securityRoutes(): HttpRoute[] {
  const unban = async (ctx: HttpRequestContext, target: string) =>
    reply(await ctx.call('security.blacklist.remove', { target }));
  return [
    {
      method: 'GET',
      path: '/api/v1/security/status',
      permission: 'security.read',
      kind: 'api',
      handle: async (ctx) => {
        queryOf(ctx, none);
        return reply(await ctx.call('security.status', {}));
      },
    },
    {
      method: 'GET',
      path: '/api/v1/security/events',
      permission: 'security.read',
      kind: 'api',
      handle: async (ctx) => {
        const q = queryOf(ctx, eventsQuery);
        return reply(
          await ctx.call('security.events', {
            ...(q.type === undefined ? {} : { type: q.type }),
            ...(q.user === undefined ? {} : { user: q.user }),
            ...(q.ip === undefined ? {} : { ip: q.ip }),
            ...(q.since === undefined ? {} : { sinceMs: q.since }),
            ...(q.limit === undefined ? {} : { limit: q.limit }),
          }),
        );
      },
    },
    {
      method: 'GET',
      path: '/api/v1/security/blacklist',
      permission: 'security.read',
      kind: 'api',
      handle: async (ctx) => {
        queryOf(ctx, none);
        return reply(await ctx.call('security.blacklist.list', {}));
      },
    },
    {
      method: 'POST',
      path: '/api/v1/security/blacklist',
      permission: 'security.blacklist.manage',
      kind: 'api',
      handle: async (ctx) => {
        queryOf(ctx, none);
        const body = bodyOf(ctx, methods['security.blacklist.add'].params);
        return reply(await ctx.call('security.blacklist.add', body));
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/security/blacklist/:ip',
      permission: 'security.blacklist.manage',
      kind: 'api',
      handle: (ctx) => {
        const { ip } = pathOf(ctx, addressPath);
        queryOf(ctx, none);
        return unban(ctx, ip);
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/security/blacklist/:ip/:prefix',
      permission: 'security.blacklist.manage',
      kind: 'api',
      handle: (ctx) => {
        const { ip, prefix } = pathOf(ctx, networkPath);
        queryOf(ctx, none);
        return unban(ctx, `${ip}/${prefix}`);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/security/users',
      permission: 'security.users.manage',
      kind: 'api',
      handle: async (ctx) => {
        queryOf(ctx, none);
        return reply(await ctx.call('security.users.list', {}));
      },
    },
    {
      method: 'POST',
      path: '/api/v1/security/users/:username/unlock',
      permission: 'security.users.manage',
      kind: 'api',
      handle: async (ctx) => {
        const { username } = pathOf(ctx, userPath);
        queryOf(ctx, none);
        bodyOf(ctx, none);
        return reply(await ctx.call('security.users.unlock', { username }));
      },
    },
    {
      method: 'GET',
      path: '/api/v1/security/sessions',
      permission: 'security.sessions.manage',
      kind: 'api',
      handle: async (ctx) => {
        const q = queryOf(ctx, sessionsQuery);
        return reply(
          await ctx.call('security.sessions.list', {
            ...(q.user === undefined ? {} : { username: q.user }),
            ...(q.all === true ? { all: true } : {}),
          }),
        );
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/security/sessions/:id',
      permission: 'security.sessions.manage',
      kind: 'api',
      handle: async (ctx) => {
        const { id } = pathOf(ctx, sessionPath);
        queryOf(ctx, none);
        return reply(await ctx.call('security.sessions.revoke', { id }));
      },
    },
  ];
}
