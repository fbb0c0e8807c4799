/**
 * @module What the request pipeline is given, and the route context it builds for a handler.
 */
import type { Clock } from '../../clock.js';
import type { Core } from '../../core.js';
import type { MethodName, ParamsOf, ResultOf } from '../../../src/protocol/methods.js';
import type { AuthenticateDeps } from '../middleware/authenticate.js';
import type { CleanScreens } from '../middleware/clean-screens.js';
import type { RateClass, RateLimiter } from '../middleware/rate-limit.js';
import type { HttpMethod, HttpPrincipal, HttpRequestContext, HttpRoute } from '../types.js';
import type { DecodedTargets } from './decoded-targets.js';
import type { ErrorLogger } from './error-response.js';
import type { RequestTarget } from './request-path.js';
import type { RouteTable } from './route-table.js';

/**
 * Runs a protocol method as `principal`, the way the socket would (the daemon's Router.dispatch).
 * @throws AppError with the method's error code.
 */
export type Dispatch = (
  method: MethodName,
  params: unknown,
  principal: HttpPrincipal | null,
) => Promise<unknown>;

export interface PipelineDeps {
  core: Core;
  clock: Clock;
  routes: RouteTable;
  rateClass: (route: HttpRoute) => RateClass;
  limiter: RateLimiter;
  /** Requests the threat screen found clean, by their screened parts. */
  cleanScreens: CleanScreens;
  /** Request targets decoded before, by their raw path. */
  decodedTargets: DecodedTargets;
  auth: AuthenticateDeps;
  dispatch: Dispatch;
  /** Open event streams, ended when the server stops. */
  streams: Set<AbortController>;
  tls: boolean;
  /** The address actually listened on (the real port when 0 was asked for). */
  listen: () => { host: string; port: number };
  bodyLimit: number;
  logger: ErrorLogger;
}

/** What the pipeline knows when it calls a handler. */
export interface ContextInput {
  method: HttpMethod;
  target: RequestTarget;
  params: Record<string, string>;
  headers: Record<string, string | undefined>;
  body: unknown;
  ip: string;
  principal: HttpPrincipal | null;
  sessionSecret: string | null;
  sessionExpiresAt: number | null;
}

/** The context a route's handler gets. */
export function buildContext(deps: PipelineDeps, input: ContextInput): HttpRequestContext {
  return {
    method: input.method,
    path: input.target.path,
    // Both belong to this request alone — the route match's parameters, and the request's headers
    // (node's own object, which node does not write once it is made; trailers go elsewhere):
    // frozen in place rather than copied, so a handler cannot change what later steps read.
    params: Object.freeze(input.params),
    query: input.target.query,
    headers: Object.freeze(input.headers),
    body: input.body,
    ip: input.ip,
    principal: input.principal,
    call: <M extends MethodName>(method: M, params: ParamsOf<M>) =>
      deps.dispatch(method, params, input.principal) as Promise<ResultOf<M>>,
    core: deps.core,
    clock: deps.clock,
  };
}
