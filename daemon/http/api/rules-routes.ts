/**
 * @module GET /api/v1/rules (monitoring.read): the `monitoring.rules.list` result,
 * `{ rules: RuleInfo[] }` (each with its expression, severity, for/keep-firing durations in ms,
 * labels, annotations, how many of its alerts are pending and firing, and its last error).
 */
import { z } from 'zod';
import type { HttpRoute } from '../types.js';
import { queryOf } from './params.js';
import { reply } from './reply.js';

const none = z.strictObject({});

export function rulesRoutes(): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/rules',
      permission: 'monitoring.read',
      kind: 'api',
      handle: async (ctx) => {
        queryOf(ctx, none);
        return reply(await ctx.call('monitoring.rules.list', {}));
      },
    },
  ];
}
