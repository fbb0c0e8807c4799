/**
 * @module GET /api/v1/health, GET /api/v1/checks and GET /api/v1/checks/:name.
 *
 * - `GET /api/v1/health` (monitoring.read): the `monitoring.health` result,
 *   `{ status, checks: [{ name, status, detail, latencyMs, lastRun }], checkedAt }`. Made by the
 *   socket handler's own function (fullHealth) straight from the core rather than through the
 *   router, and serialised once per change (see health-answer.ts): machines poll this route often.
 * - `GET /api/v1/checks` (monitoring.read): the `monitoring.checks.list` result, `{ checks: CheckInfo[] }`.
 * - `GET /api/v1/checks/:name?limit=` (monitoring.read): a {@link CheckDetail} — the check as in the
 *   list, its schedule, its last `limit` results (1 to 1000, default 100; newest first), every
 *   kept run's latency as chart arrays, and uptime over 24 h, 7 d and 30 d. 404 NOT_FOUND for an
 *   unknown check; 400 INVALID_INPUT for a bad name or limit.
 */
import { z } from 'zod';
import type { HttpRoute } from '../types.js';
import { checkDetail } from './check-detail.js';
import { healthAnswerOf } from './health-answer.js';
import { integerParam } from './params.js';
import { apiRoute, getMethodRoute } from './route-builders.js';

const checkPath = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/, {
    error: '"name" must be a check name: 1 to 64 letters, digits, _, . or -',
  }),
});
const checkQuery = z.strictObject({ limit: integerParam('limit', 1, 1000).optional() });

export function healthRoutes(): HttpRoute[] {
  return [
    apiRoute({
      method: 'GET',
      path: '/api/v1/health',
      permission: 'monitoring.read',
      answer: (ctx) => healthAnswerOf(ctx.core).json(),
    }),
    getMethodRoute('/api/v1/checks', 'monitoring.read', 'monitoring.checks.list'),
    apiRoute({
      method: 'GET',
      path: '/api/v1/checks/:name',
      permission: 'monitoring.read',
      params: checkPath,
      query: checkQuery,
      answer: (ctx, { params, query }) =>
        checkDetail(ctx.core.monitoring, params.name, query.limit ?? 100),
    }),
  ];
}
