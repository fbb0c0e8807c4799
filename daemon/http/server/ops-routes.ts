/**
 * @module The routes for machines: `/healthz` and `/metrics`.
 *
 * - `GET /healthz` — no login, minimal on purpose: `{"status":"ok"}` (200), or `{"status":"down"}`
 *   (503) when the daemon's own checks (store writable, disk, memory, event loop) are unhealthy.
 *   No version, no check names: it is reachable by anyone who can reach the port.
 * - `GET /metrics` — the registry in Prometheus text format 0.0.4 (the same text as
 *   `monitoring --metrics --prometheus`), for a bearer token (or session) with monitoring.read, or
 *   for a client address in `http.metricsAllow` (loopback by default).
 */
import { AppError } from '../../../src/protocol/errors.js';
import { IpAllowlist } from '../../security/guard/ip-allowlist.js';
import type { RateClass } from '../middleware/rate-limit.js';
import type { HttpRequestContext, HttpResult, HttpRoute } from '../types.js';

/** The Content-Type Prometheus expects for the text format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Builds an allowlist from the setting, rebuilt only when the setting changes. */
function cachedAllowlist(entries: () => readonly string[]): () => IpAllowlist {
  let key = '';
  let list = new IpAllowlist([]);
  return () => {
    const current = entries();
    const next = current.join(',');
    if (next !== key) {
      list = new IpAllowlist(current);
      key = next;
    }
    return list;
  };
}

async function healthz(ctx: HttpRequestContext): Promise<HttpResult> {
  let down = true;
  try {
    down = (await ctx.core.health.latest()).status === 'unhealthy';
  } catch {
    down = true;
  }
  return {
    status: down ? 503 : 200,
    json: { status: down ? 'down' : 'ok' },
    headers: { 'cache-control': 'no-store' },
  };
}

/** The two routes, and their rate budgets (none: scrapers and probes poll on a schedule). */
export function opsRoutes(metricsAllow: () => readonly string[]): {
  routes: HttpRoute[];
  rateClass: Map<HttpRoute, RateClass>;
} {
  const allowlist = cachedAllowlist(metricsAllow);
  const health: HttpRoute = {
    method: 'GET',
    path: '/healthz',
    permission: null,
    kind: 'api',
    handle: healthz,
  };
  const metrics: HttpRoute = {
    method: 'GET',
    path: '/metrics',
    permission: null,
    kind: 'api',
    handle: (ctx) => {
      const { principal } = ctx;
      const byToken =
        principal !== null &&
        ctx.core.security.checkPermission(principal.username, 'monitoring.read').allowed;
      if (!byToken && !allowlist().has(ctx.ip)) {
        if (principal === null)
          throw new AppError(
            'UNAUTHORISED',
            '/metrics needs a bearer token with monitoring.read from this address',
            {
              details: { permission: 'monitoring.read' },
            },
          );
        throw new AppError(
          'FORBIDDEN',
          `${principal.username} may not read metrics: it needs monitoring.read`,
          {
            details: { permission: 'monitoring.read' },
          },
        );
      }
      return {
        status: 200,
        body: ctx.core.monitoring.registry.exposition(),
        contentType: PROMETHEUS_CONTENT_TYPE,
        headers: { 'cache-control': 'no-store' },
      };
    },
  };
  return {
    routes: [health, metrics],
    rateClass: new Map<HttpRoute, RateClass>([
      [health, 'none'],
      [metrics, 'none'],
    ]),
  };
}
