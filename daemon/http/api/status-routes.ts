/**
 * @module GET /api/v1/status (no login): the public status page's data, when `http.statusPage`
 * is on; 404 NOT_FOUND otherwise, so a daemon with the page off does not reveal that it has one.
 *
 * Answers a {@link PublicStatus}:
 * ```
 * { generatedAt: ISO,
 *   checks: [{ name, type, state: 'up'|'down'|'unknown', lastRun: ISO|null,
 *              uptime: { '24h', '7d', '30d' } }],        // only checks with `public: true`; 0..1 or null
 *   incidents: [                                       // newest first
 *     { kind: 'check', check, since: ISO|null, summary: '<check> is down' },
 *     { kind: 'alert', check, since: ISO, summary: '<rule> (<severity>) is firing', severity } ] }
 * ```
 * An alert counts when it is firing and its `check` label names a public check. Uptime comes from
 * the hourly buckets (runs that passed / runs, over the current hour and the 23, 167 or 719 before).
 */
import { NotFoundError } from '../../../src/protocol/errors.js';
import type { HttpRequestContext, HttpRoute } from '../types.js';
import { noFields, queryOf } from './params.js';
import { reply } from './reply.js';
import { publicStatus } from './status-data.js';

export interface StatusRouteOptions {
  /**
   * Whether the page is on (the server's `http.statusPage` setting, read at each request). When
   * not given, the route reads the config key through `config.get`, and any failure to read it
   * counts as off: a public page must fail closed.
   */
  statusPage?: () => boolean;
}

async function enabled(ctx: HttpRequestContext, options: StatusRouteOptions): Promise<boolean> {
  if (options.statusPage !== undefined) return options.statusPage();
  try {
    const entry = await ctx.call('config.get', { key: 'http.statusPage' });
    return entry.value === 'on' || entry.value === true;
  } catch {
    return false;
  }
}

export function statusRoutes(options: StatusRouteOptions = {}): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/status',
      permission: null,
      kind: 'api',
      handle: async (ctx) => {
        if (!(await enabled(ctx, options)))
          throw new NotFoundError('the public status page is off (config http.statusPage)');
        queryOf(ctx, noFields);
        const { alerts } = await ctx.call('monitoring.alerts.list', {});
        return reply(publicStatus(ctx.core.monitoring, alerts, ctx.clock.now()));
      },
    },
  ];
}
