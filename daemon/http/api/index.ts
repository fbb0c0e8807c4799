/**
 * @module The /api/v1 routes: thin modules over the socket's methods (same handlers, same result
 * shapes), plus what has no method — a check's detail, chart-ready metric series, the event
 * stream and the public status data. Each route file's header documents its parameters and
 * result shapes.
 */
import type { HttpRoute } from '../types.js';
import { alertsRoutes } from './alerts-routes.js';
import { healthRoutes } from './health-routes.js';
import { metricsRoutes } from './metrics-routes.js';
import { rulesRoutes } from './rules-routes.js';
import { securityRoutes } from './security-routes.js';
import { statusRoutes, type StatusRouteOptions } from './status-routes.js';
import { streamRoute, type StreamRouteOptions } from './stream-route.js';

export interface ApiRouteOptions extends StatusRouteOptions, StreamRouteOptions {}

/**
 * Every /api/v1 route. Call once per server: the event streams' bounds (32 in all, 4 per user)
 * are counted per call.
 */
export function apiRoutes(options: ApiRouteOptions = {}): HttpRoute[] {
  return [
    ...healthRoutes(),
    ...metricsRoutes(),
    ...alertsRoutes(),
    ...rulesRoutes(),
    ...securityRoutes(),
    streamRoute(options),
    ...statusRoutes(options),
  ];
}
