/**
 * @module The daemon's web dashboard and HTTP API: the server, its settings, and the route shapes
 * the API (./api) and the pages (./pages) are written against.
 */
export type {
  HttpMethod,
  HttpPrincipal,
  HttpRequestContext,
  HttpResult,
  HttpRoute,
} from './types.js';
export {
  HttpServer,
  urlOf,
  type HttpLogger,
  type HttpServerOptions,
  type HttpStatus,
} from './server/http-server.js';
export { defaultHttpSettings, type HttpSettings } from './server/http-settings.js';
export { httpSettingsFrom, HTTP_PORT_ENV, portFromEnv } from './server/settings-from-config.js';
export { routerDispatch } from './server/dispatch.js';
export type { Dispatch } from './server/pipeline-deps.js';
export { HttpError, type HttpErrorCode } from './server/http-error.js';
export { CONTENT_SECURITY_POLICY } from './server/security-headers.js';
