/**
 * @module The login page, its stylesheet, login, logout and the session the browser app reads.
 *
 * - `GET /login` — the page (a logged-in user goes straight to `next`).
 * - `POST /login` — see login.ts.
 * - `POST /logout` — revokes the session (cookie or bearer) and clears the cookies; a form post is
 *   sent to /login, a JSON one gets `{ loggedOut }`. CSRF applies like any cookie POST.
 * - `GET /api/v1/session` — `{ username, roles, permissions, csrfToken, expiresAt, via }`;
 *   `csrfToken` is null for a bearer token (bearer requests need none).
 */
import { AppError } from '../../../src/protocol/errors.js';
import { KNOWN_PERMISSIONS } from '../../security/rbac/catalog.js';
import type { RateClass } from '../middleware/rate-limit.js';
import type { HttpRequestContext, HttpResult, HttpRoute } from '../types.js';
import type { AuthRouteDeps } from './auth-route-deps.js';
import { parseCookies, SESSION_COOKIE } from './cookies.js';
import { csrfTokenFor } from './csrf-token.js';
import { handleLogin } from './login.js';
import { LOGIN_CSS, loginPage } from './login-page.js';
import { safeNext } from './next-path.js';
import { clearSessionCookies } from './session-cookies.js';

const NO_STORE = { 'cache-control': 'no-store' };

function html(status: number, body: string): HttpResult {
  return { status, body, contentType: 'text/html; charset=utf-8', headers: NO_STORE };
}

function cookieSecret(ctx: HttpRequestContext): string | null {
  if (ctx.principal?.via !== 'cookie') return null;
  return parseCookies(ctx.headers['cookie'])[SESSION_COOKIE] ?? null;
}

async function logout(deps: AuthRouteDeps, ctx: HttpRequestContext): Promise<HttpResult> {
  const principal = ctx.principal;
  if (principal !== null) {
    await ctx.core.security.auth.logout(principal.sessionId, principal.username, { ip: ctx.ip });
    const secret = cookieSecret(ctx);
    if (secret !== null) deps.cookieSessions.forget(secret);
  }
  const headers = { ...NO_STORE, 'set-cookie': clearSessionCookies(deps.tls).join('\n') };
  const isForm = (ctx.headers['content-type'] ?? '').startsWith(
    'application/x-www-form-urlencoded',
  );
  if (isForm)
    return {
      status: 303,
      body: '',
      contentType: 'text/plain; charset=utf-8',
      headers: { ...headers, location: '/login' },
    };
  return { status: 200, json: { loggedOut: principal !== null }, headers };
}

function session(ctx: HttpRequestContext): HttpResult {
  const principal = ctx.principal;
  if (principal === null) throw new AppError('UNAUTHORISED', 'not logged in');
  const { security } = ctx.core;
  const view = security.sessions
    .list({ username: principal.username })
    .find((s) => s.id === principal.sessionId);
  const secret = cookieSecret(ctx);
  return {
    status: 200,
    json: {
      username: principal.username,
      roles: [...principal.roles],
      permissions: KNOWN_PERMISSIONS.filter(
        (p) => security.checkPermission(principal.username, p).allowed,
      ),
      csrfToken: secret === null ? null : csrfTokenFor(secret, principal.sessionId),
      expiresAt: view === undefined ? null : new Date(view.absoluteExpiresAt).toISOString(),
      via: principal.via,
    },
    headers: NO_STORE,
  };
}

/** The routes, and the rate budget of each. */
export function authRoutes(deps: AuthRouteDeps): {
  routes: HttpRoute[];
  rateClass: Map<HttpRoute, RateClass>;
} {
  const loginGet: HttpRoute = {
    method: 'GET',
    path: '/login',
    permission: null,
    kind: 'page',
    handle: (ctx) => {
      const next = safeNext(ctx.query.get('next'));
      if (ctx.principal !== null)
        return {
          status: 303,
          body: '',
          contentType: 'text/plain; charset=utf-8',
          headers: { ...NO_STORE, location: next },
        };
      const message =
        ctx.query.get('expired') === '1' ? 'Your session has ended. Log in again.' : null;
      return html(200, loginPage({ next, message }));
    },
  };
  const css: HttpRoute = {
    method: 'GET',
    path: '/auth/login.css',
    permission: null,
    kind: 'page',
    handle: () => ({
      status: 200,
      body: LOGIN_CSS,
      contentType: 'text/css; charset=utf-8',
      headers: { 'cache-control': 'public, max-age=3600' },
    }),
  };
  const loginPost: HttpRoute = {
    method: 'POST',
    path: '/login',
    permission: null,
    kind: 'api',
    handle: (ctx) => handleLogin(deps, ctx),
  };
  const logoutPost: HttpRoute = {
    method: 'POST',
    path: '/logout',
    permission: null,
    kind: 'api',
    handle: (ctx) => logout(deps, ctx),
  };
  const sessionGet: HttpRoute = {
    method: 'GET',
    path: '/api/v1/session',
    permission: null,
    kind: 'api',
    handle: session,
  };
  const rateClass = new Map<HttpRoute, RateClass>([
    [loginGet, 'none'],
    [css, 'none'],
    [loginPost, 'login'],
    [logoutPost, 'api'],
    [sessionGet, 'api'],
  ]);
  return { routes: [loginGet, css, loginPost, logoutPost, sessionGet], rateClass };
}
