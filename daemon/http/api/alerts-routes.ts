/**
 * @module The alert routes: list, acknowledge, and the silences.
 *
 * - `GET /api/v1/alerts?state=&muted=&all=1&limit=&rule=&since=` (monitoring.read): the
 *   `monitoring.alerts.list` result `{ alerts: AlertView[], history: AlertTransition[] }`.
 *   `state` (pending, firing) and `muted` (none, acked, silenced, inhibited, maintenance) keep only
 *   the alerts that match; `all=1` (or `history=1`, the protocol's name) adds the transition
 *   history, `limit` of them (1 to 10,000, default 100); without it `history` is []. `rule` keeps
 *   one rule's alerts and transitions, `since` (a duration back from now, or an ISO time with a
 *   zone; with `all=1` only) the transitions from then on — as `monitoring --alerts --all --rule --since` does.
 * - `POST /api/v1/alerts/:id/ack` (monitoring.write): body `{ comment, durationMs? }` (the params
 *   of `monitoring.alerts.ack` without the id; the id may be a unique prefix) → `{ ack: AckInfo }`.
 * - `GET /api/v1/silences` (monitoring.read) → `{ silences: SilenceInfo[] }`.
 * - `POST /api/v1/silences` (monitoring.write): body `{ matchers: string[], durationMs, comment }`
 *   (matchers like `rule="HighLoad"` or `severity=~"crit.*"`) → `{ silence: SilenceInfo }`.
 * - `DELETE /api/v1/silences/:id` (monitoring.write) → `{ silence: SilenceInfo }` (the removed one).
 */
import { z } from 'zod';
import { methods } from '../../../src/protocol/methods.js';
import { InvalidInputError } from '../../../src/protocol/errors.js';
import type { HttpRoute } from '../types.js';
import { enumParam, flagParam, integerParam, sinceParam, textParam } from './params.js';
import { apiRoute, getMethodRoute, postMethodRoute } from './route-builders.js';

const MUTED = ['none', 'acked', 'silenced', 'inhibited', 'maintenance'] as const;

const alertsQuery = z.strictObject({
  state: enumParam('state', ['pending', 'firing']).optional(),
  muted: enumParam('muted', MUTED).optional(),
  all: flagParam('all').optional(),
  history: flagParam('history').optional(),
  limit: integerParam('limit', 1, 10_000).optional(),
  rule: textParam('rule', 200).optional(),
  since: sinceParam('since').optional(),
});
const idPath = z.strictObject({ id: textParam('id', 64) });
const ackBody = methods['monitoring.alerts.ack'].params.omit({ id: true });

export function alertsRoutes(): HttpRoute[] {
  return [
    apiRoute({
      method: 'GET',
      path: '/api/v1/alerts',
      permission: 'monitoring.read',
      query: alertsQuery,
      answer: async (ctx, { query: q }) => {
        if (q.all !== undefined && q.history !== undefined && q.all !== q.history)
          throw new InvalidInputError('"all" and "history" say different things; give one', 'all');
        const history = q.all ?? q.history ?? false;
        // since narrows the transition history; without the history it would be dropped unseen.
        if (q.since !== undefined && !history)
          throw new InvalidInputError(
            '"since" needs all=1: it narrows the transition history',
            'since',
          );
        const since =
          q.since === undefined
            ? undefined
            : new Date(
                'atMs' in q.since ? q.since.atMs : ctx.clock.now() - q.since.agoMs,
              ).toISOString();
        const result = await ctx.call('monitoring.alerts.list', {
          history,
          ...(q.limit === undefined ? {} : { limit: q.limit }),
          ...(q.rule === undefined ? {} : { rule: q.rule }),
          ...(since === undefined ? {} : { since }),
        });
        const alerts = result.alerts.filter(
          (a) =>
            (q.state === undefined || a.state === q.state) &&
            (q.muted === undefined || (a.muted ?? 'none') === q.muted),
        );
        return { alerts, history: result.history };
      },
    }),
    apiRoute({
      method: 'POST',
      path: '/api/v1/alerts/:id/ack',
      permission: 'monitoring.write',
      params: idPath,
      body: ackBody,
      answer: (ctx, { params, body }) =>
        ctx.call('monitoring.alerts.ack', { id: params.id, ...body }),
    }),
    getMethodRoute('/api/v1/silences', 'monitoring.read', 'monitoring.silences.list'),
    postMethodRoute('/api/v1/silences', 'monitoring.write', 'monitoring.silences.add'),
    apiRoute({
      method: 'DELETE',
      path: '/api/v1/silences/:id',
      permission: 'monitoring.write',
      params: idPath,
      answer: (ctx, { params }) => ctx.call('monitoring.silences.remove', { id: params.id }),
    }),
  ];
}
