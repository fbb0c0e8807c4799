/**
 * @module The shapes shared by the HTTP server, its API routes and its page routes.
 *
 * Names differ from the first draft of the web contract in one place: the protocol table exports
 * `ParamsOf<M>` and `ResultOf<M>` (src/protocol/methods.ts), so `call` uses those instead of
 * `MethodParams<M>` / `MethodResult<M>`. Everything else is as the contract wrote it.
 */
import type { Clock } from '../clock.js';
import type { Core } from '../core.js';
import type { MethodName, ParamsOf, ResultOf } from '../../src/protocol/methods.js';
import type { PreparedBody } from './server/prepared-body.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Who is asking: set by the auth middleware (null for a public route with no credentials). */
export interface HttpPrincipal {
  username: string;
  roles: readonly string[];
  /** The session id (cookie or token `sid`). */
  sessionId: string;
  /** How they authenticated: the page session cookie or an API bearer token. */
  via: 'cookie' | 'bearer';
}

export interface HttpRequestContext {
  method: HttpMethod;
  /** The path without the query, decoded once and normalised (no `..`, no `//`). */
  path: string;
  /** Path parameters from the route pattern (`/api/v1/metrics/:name` → { name }). */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** Request headers with lower-case names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Parsed JSON body (POST/PUT/DELETE with application/json), already threat-screened; undefined otherwise. */
  body: unknown;
  /** The client's address (loopback as 127.0.0.1 / ::1). */
  ip: string;
  principal: HttpPrincipal | null;
  /** Calls the same daemon handlers as the socket (Router.dispatch), as this principal. */
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  /** The daemon's Core (engines) for what has no protocol method. */
  core: Core;
  clock: Clock;
}

export type HttpResult =
  | { status: number; json: unknown; headers?: Record<string, string> }
  /** A body and headers made once and sent as they are (respond.ts). */
  | { status: number; prepared: PreparedBody }
  | { status: number; body: string | Buffer; contentType: string; headers?: Record<string, string> }
  /** Server-Sent Events: the route writes events until `signal` aborts (client gone / server stopping). */
  | {
      status: 200;
      sse: (send: (event: string, data: unknown) => void, signal: AbortSignal) => void;
    };

export interface HttpRoute {
  method: HttpMethod;
  /** Pattern with `:name` segments, e.g. '/api/v1/alerts/:id/ack'. */
  path: string;
  /** The permission needed (checked with daemon/security/rbac/authorizer.ts checkPermission);
   *  null = no login needed (healthz, login page, public status page when enabled, static assets). */
  permission: string | null;
  /** 'api' = bearer token or session cookie accepted, errors as JSON; 'page' = session cookie, a
   *  missing login redirects to /login. */
  kind: 'api' | 'page';
  handle(ctx: HttpRequestContext): Promise<HttpResult> | HttpResult;
}
