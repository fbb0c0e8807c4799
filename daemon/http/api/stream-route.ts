/**
 * @module GET /api/v1/stream (monitoring.read): the live updates, as Server-Sent Events.
 *
 * Each event is `event: <topic>` and `data: <JSON>`, the params of the socket's notification:
 * - `health`: a HealthReport (`monitoring.health.changed`), when a built-in check changes state;
 * - `alerts`: an AlertTransition (`monitoring.alerts.changed`);
 * - `checks`: a CheckInfo (`monitoring.checks.changed`), after every run of a check;
 * - `metrics`: `{ at, cause: 'push' | 'scrape' }` (`monitoring.metrics.changed`), at most one per
 *   200 ms — read GET /api/v1/metrics again on it;
 * - `security`: an AuditEvent (`security.event`), only for users holding security.read.
 * The server adds a keep-alive comment every 15 s and ends the stream when the client goes or the
 * daemon stops. At most 4 streams per user and 32 in all: beyond, 429 RATE_LIMITED (Retry-After).
 */
import type { Core } from '../../core.js';
import { HttpError } from '../server/http-error.js';
import type { HttpRequestContext, HttpRoute } from '../types.js';
import { StreamHub, type HubTimers } from './stream-hub.js';
import { StreamSlots } from './stream-slots.js';
import { noFields, queryOf } from './params.js';

export interface StreamRouteOptions {
  slots?: StreamSlots;
  /** Timers of the metrics coalescing (tests pass manual ones). */
  timers?: HubTimers;
}

/** Seconds a refused client is told to wait. */
const RETRY_AFTER_S = 10;

export function streamRoute(options: StreamRouteOptions = {}): HttpRoute {
  const slots = options.slots ?? new StreamSlots();
  // One hub per Core: a server serves one, but a route table must not mix two if reused.
  const hubs = new WeakMap<Core, StreamHub>();
  const hubFor = (ctx: HttpRequestContext): StreamHub => {
    let hub = hubs.get(ctx.core);
    if (hub === undefined) {
      hub = new StreamHub(ctx.core, ctx.clock, options.timers);
      hubs.set(ctx.core, hub);
    }
    return hub;
  };
  return {
    method: 'GET',
    path: '/api/v1/stream',
    permission: 'monitoring.read',
    kind: 'api',
    handle: (ctx) => {
      queryOf(ctx, noFields);
      const username = ctx.principal?.username ?? '';
      const refusal = slots.refusal(username);
      if (refusal !== null)
        throw new HttpError('RATE_LIMITED', refusal, { 'retry-after': String(RETRY_AFTER_S) });
      const security =
        ctx.principal !== null &&
        ctx.core.security.checkPermission(ctx.principal.username, 'security.read').allowed;
      const hub = hubFor(ctx);
      return {
        status: 200,
        sse: (send, signal) => {
          if (signal.aborted) return;
          const release = slots.take(username);
          const remove = hub.add({ send, security });
          signal.addEventListener('abort', () => (remove(), release()), { once: true });
        },
      };
    },
  };
}
