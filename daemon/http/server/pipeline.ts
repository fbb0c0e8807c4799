/**
 * @module The request handler: every request passes the steps of the web contract in order —
 * blacklist → threat screen (path, query, user-data headers, then the body) → authentication →
 * RBAC → CSRF → rate limit → the route's handler — and every answer carries the security headers.
 *
 * Routing sits between the screen of the target and the body: an unknown path is still screened
 * (a probe for `/../../etc/passwd` counts towards a ban) but its body is never read.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../../src/protocol/errors.js';
import { CSRF_COOKIE, parseCookies } from '../auth/cookies.js';
import { authenticate, type AuthOutcome } from '../middleware/authenticate.js';
import { authorize } from '../middleware/authorize.js';
import { checkBlacklist } from '../middleware/blacklist.js';
import { checkCsrfStep, csrfApplies } from '../middleware/csrf.js';
import { screenRequest, screenTarget } from '../middleware/threat-screen.js';
import type { HttpMethod, HttpRoute } from '../types.js';
import { declaresNoBody, NO_BODY, readBody, type ParsedBody } from './body.js';
import { socketIp } from './client-ip.js';
import { loginRedirect, redirect, sendError } from './error-response.js';
import { HttpError } from './http-error.js';
import { allowedOrigins, requestOrigin } from './origins.js';
import { buildContext, type PipelineDeps } from './pipeline-deps.js';
import { splitTarget, type RequestTarget, type SplitTarget } from './request-path.js';
import { applySecurityHeaders } from './header-list.js';
import { sendResult } from './respond.js';
import { clearSessionCookies, csrfCookie } from '../auth/session-cookies.js';

const METHODS = new Set<string>(['GET', 'HEAD', 'POST', 'PUT', 'DELETE']);
const WITH_BODY = new Set<string>(['POST', 'PUT', 'DELETE']);

/**
 * Request headers by lower-case name, one string each. node joins repeated request headers
 * itself (or keeps the first, for those that may appear once) except Set-Cookie, which it keeps
 * as a list — and which a request has no business sending: only then is a copy made.
 */
function flatHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const { headers } = req;
  const setCookie = headers['set-cookie'];
  if (setCookie === undefined) return headers as Record<string, string | undefined>;
  return { ...headers, 'set-cookie': setCookie.join(', ') };
}

/** Whether failures of this request are answered as an HTML page. */
function wantsHtml(
  route: HttpRoute | null,
  path: string,
  method: string,
  headers: Record<string, string | undefined>,
): boolean {
  if (route !== null)
    return (
      route.kind === 'page' ||
      (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
    );
  if (path.startsWith('/api/') || path === '/api' || path === '/metrics' || path === '/healthz')
    return false;
  return (method === 'GET' || method === 'HEAD') && (headers['accept'] ?? '').includes('text/html');
}

/** Builds the handler for node:http's `request` event. */
export function createPipeline(
  deps: PipelineDeps,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    applySecurityHeaders(res, deps.tls);
    const ip = socketIp(req.socket);
    const headers = flatHeaders(req);
    const method = req.method ?? 'GET';
    let route: HttpRoute | null = null;
    let split: SplitTarget | null = null;
    let target: RequestTarget | null = null;
    let auth: AuthOutcome | null = null;
    try {
      checkBlacklist(deps.core.blacklist, ip);
      split = splitTarget(req.url);
      // Awaited only when the screen found something: a clean request takes no microtask here.
      const screening = screenTarget(
        deps.core.security.screen,
        deps.cleanScreens,
        split,
        headers,
        ip,
      );
      if (screening !== undefined) await screening;
      target = deps.decodedTargets.decode(split);
      const match = deps.routes.match(method, target.segments);
      if (match.kind === 'not-found')
        throw new AppError('NOT_FOUND', `no page or API route at ${target.path}`);
      if (match.kind === 'method-not-allowed' || !METHODS.has(method))
        throw new HttpError('METHOD_NOT_ALLOWED', `${method.slice(0, 16)} is not allowed here`, {
          allow: match.kind === 'method-not-allowed' ? match.allow.join(', ') : 'GET, HEAD',
        });
      route = match.route;
      // A request that announces no body (every plain GET) has none to wait for.
      const body: ParsedBody = declaresNoBody(req) ? NO_BODY : await readBody(req, deps.bodyLimit);
      if (body.value !== undefined)
        await screenRequest(deps.core.security.screen, { body: body.value }, ip, 'anonymous');
      const cookies = parseCookies(headers['cookie']);
      const authenticating = authenticate(deps.auth, {
        authorization: headers['authorization'],
        cookies,
        ip,
        userAgent: headers['user-agent'] ?? null,
      });
      // Awaited only when the engine must verify: a remembered credential takes no microtask.
      auth = authenticating instanceof Promise ? await authenticating : authenticating;
      if (auth.clearCookie)
        for (const value of clearSessionCookies(deps.tls)) res.appendHeader('set-cookie', value);
      if (route.kind === 'page' && route.permission !== null && auth.principal === null) {
        const expired = auth.failure?.code === 'TOKEN_EXPIRED';
        const search = target.query.size === 0 ? '' : `?${target.query.toString()}`;
        return redirect(req, res, loginRedirect(target.path, search, expired));
      }
      authorize(deps.core.security, route.permission, auth.principal, auth.failure);
      // The CSRF step: only a state-changing request by cookie has anything to check, so the
      // origins are worked out only for one.
      if (csrfApplies(method, auth.principal)) {
        const listen = deps.listen();
        await checkCsrfStep(deps.core.security.screen, {
          method,
          principal: auth.principal,
          sessionSecret: auth.sessionSecret,
          origin: requestOrigin(headers, deps.tls ? 'https' : 'http'),
          referer: headers['referer'],
          headerToken: headers['x-csrf-token'],
          body: body.value,
          allowedOrigins: allowedOrigins(
            deps.tls ? 'https' : 'http',
            listen.host,
            listen.port,
            headers['host'],
          ),
          ip,
        });
      }
      deps.limiter.check(deps.rateClass(route), ip, auth.principal?.username ?? null);
      const ctx = buildContext(deps, {
        method: (method === 'HEAD' ? 'GET' : method) as HttpMethod,
        target,
        params: match.params,
        headers,
        body: WITH_BODY.has(method) ? body.value : undefined,
        ip,
        principal: auth.principal,
        sessionSecret: auth.sessionSecret,
        sessionExpiresAt: auth.sessionExpiresAt,
      });
      const handled = route.handle(ctx);
      const result = handled instanceof Promise ? await handled : handled;
      refreshCsrfCookie(deps, res, auth, cookies);
      sendResult(req, res, result, deps.streams);
    } catch (error) {
      sendError(
        req,
        res,
        error,
        wantsHtml(route, target?.path ?? (split ?? splitTarget(req.url)).rawPath, method, headers),
        deps.logger,
        {
          method: method.slice(0, 16),
          path: target?.path ?? null,
        },
      );
    }
  };
}

/** Re-sends `cb_csrf` when the browser's copy is missing or stale (e.g. after a cookie was lost). */
function refreshCsrfCookie(
  deps: PipelineDeps,
  res: ServerResponse,
  auth: AuthOutcome,
  cookies: Record<string, string>,
): void {
  if (auth.principal?.via !== 'cookie' || auth.csrfToken === null || auth.sessionExpiresAt === null)
    return;
  const token = auth.csrfToken;
  if (cookies[CSRF_COOKIE] === token) return;
  res.appendHeader(
    'set-cookie',
    csrfCookie(token, auth.sessionExpiresAt, deps.clock.now(), deps.tls),
  );
}
