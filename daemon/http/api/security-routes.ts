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
import type { HttpRoute } from '../types.js';
import { durationParam, flagParam, integerParam, noFields, textParam } from './params.js';
import { apiRoute, getMethodRoute, postMethodRoute } from './route-builders.js';

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
  return [
    getMethodRoute('/api/v1/security/status', 'security.read', 'security.status'),
    apiRoute({
      method: 'GET',
      path: '/api/v1/security/events',
      permission: 'security.read',
      query: eventsQuery,
      answer: (ctx, { query: q }) =>
        ctx.call('security.events', {
          ...(q.type === undefined ? {} : { type: q.type }),
          ...(q.user === undefined ? {} : { user: q.user }),
          ...(q.ip === undefined ? {} : { ip: q.ip }),
          ...(q.since === undefined ? {} : { sinceMs: q.since }),
          ...(q.limit === undefined ? {} : { limit: q.limit }),
        }),
    }),
    getMethodRoute('/api/v1/security/blacklist', 'security.read', 'security.blacklist.list'),
    postMethodRoute(
      '/api/v1/security/blacklist',
      'security.blacklist.manage',
      'security.blacklist.add',
    ),
    apiRoute({
      method: 'DELETE',
      path: '/api/v1/security/blacklist/:ip',
      permission: 'security.blacklist.manage',
      params: addressPath,
      answer: (ctx, { params }) => ctx.call('security.blacklist.remove', { target: params.ip }),
    }),
    apiRoute({
      method: 'DELETE',
      path: '/api/v1/security/blacklist/:ip/:prefix',
      permission: 'security.blacklist.manage',
      params: networkPath,
      answer: (ctx, { params }) =>
        ctx.call('security.blacklist.remove', { target: `${params.ip}/${params.prefix}` }),
    }),
    getMethodRoute('/api/v1/security/users', 'security.users.manage', 'security.users.list'),
    apiRoute({
      method: 'POST',
      path: '/api/v1/security/users/:username/unlock',
      permission: 'security.users.manage',
      params: userPath,
      body: noFields,
      answer: (ctx, { params }) => ctx.call('security.users.unlock', { username: params.username }),
    }),
    apiRoute({
      method: 'GET',
      path: '/api/v1/security/sessions',
      permission: 'security.sessions.manage',
      query: sessionsQuery,
      answer: (ctx, { query: q }) =>
        ctx.call('security.sessions.list', {
          ...(q.user === undefined ? {} : { username: q.user }),
          ...(q.all === true ? { all: true } : {}),
        }),
    }),
    apiRoute({
      method: 'DELETE',
      path: '/api/v1/security/sessions/:id',
      permission: 'security.sessions.manage',
      params: sessionPath,
      answer: (ctx, { params }) => ctx.call('security.sessions.revoke', { id: params.id }),
    }),
  ];
}
