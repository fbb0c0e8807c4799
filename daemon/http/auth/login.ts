/**
 * @module POST /login: the security engine's login (lockout, bans and the unknown-user timing
 * apply), then the session cookies.
 *
 * A form post answers like a web page: a 303 to `next` on success, the login page again with the
 * reason on failure. A JSON post answers `{ username, roles, csrfToken, expiresAt }` or a JSON
 * error. The route has no CSRF token to check (there is no session yet), but an Origin or Referer
 * header, when the browser sends one, must be the dashboard's own: a login CSRF would sign the
 * victim into the attacker's account.
 */
import { AppError, InvalidInputError } from '../../../src/protocol/errors.js';
import { mapError } from '../server/errors.js';
import { allowedOrigins, requestOrigin } from '../server/origins.js';
import type { HttpRequestContext, HttpResult } from '../types.js';
import type { AuthRouteDeps } from './auth-route-deps.js';
import { csrfTokenFor } from './csrf-token.js';
import { loginPage } from './login-page.js';
import { safeNext } from './next-path.js';
import { sessionCookies } from './session-cookies.js';
import { HttpError } from '../server/http-error.js';

function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '')
    throw new InvalidInputError(`${name} is required`, name);
  return value;
}

async function checkOrigin(deps: AuthRouteDeps, ctx: HttpRequestContext): Promise<void> {
  const origin = requestOrigin(ctx.headers, deps.tls ? 'https' : 'http');
  const referer = ctx.headers['referer'];
  if ((origin === undefined || origin === '') && (referer === undefined || referer === '')) return;
  const listen = deps.listen();
  // The engine's CSRF check with a token that always matches: only the origin is judged, and a
  // refusal is an event and a failure of the address like any CSRF refusal.
  const { verdict } = await ctx.core.security.screen.csrf(
    { method: 'POST', origin: origin ?? null, referer: referer ?? null, token: 'login' },
    {
      allowedOrigins: allowedOrigins(
        deps.tls ? 'https' : 'http',
        listen.host,
        listen.port,
        ctx.headers['host'],
      ),
      expectedToken: 'login',
    },
    { ip: ctx.ip, actor: 'anonymous', source: 'http' },
  );
  if (verdict !== null) throw new HttpError('CSRF_REJECTED', `login refused: ${verdict.message}`);
}

/** The handler of POST /login. */
export async function handleLogin(
  deps: AuthRouteDeps,
  ctx: HttpRequestContext,
): Promise<HttpResult> {
  const isForm = (ctx.headers['content-type'] ?? '').startsWith(
    'application/x-www-form-urlencoded',
  );
  const body = (typeof ctx.body === 'object' && ctx.body !== null ? ctx.body : {}) as Record<
    string,
    unknown
  >;
  const next = safeNext(body['next']);
  const typedName = typeof body['username'] === 'string' ? body['username'].slice(0, 64) : '';
  try {
    await checkOrigin(deps, ctx);
    const username = field(body, 'username');
    const password = field(body, 'password');
    const result = await ctx.core.security.auth.login(username, password, {
      ip: ctx.ip,
      userAgent: ctx.headers['user-agent'] ?? null,
    });
    const csrfToken = csrfTokenFor(result.sessionSecret, result.session.id);
    const expiresAt = result.session.absoluteExpiresAt;
    const cookies = sessionCookies(
      result.sessionSecret,
      csrfToken,
      expiresAt,
      deps.clock.now(),
      deps.tls,
    );
    // Several cookies in one header value, one per line: respond.ts sends each as its own header.
    const headers = { 'set-cookie': cookies.join('\n') };
    if (isForm)
      return {
        status: 303,
        body: '',
        contentType: 'text/plain; charset=utf-8',
        headers: { ...headers, location: next, 'cache-control': 'no-store' },
      };
    return {
      status: 200,
      json: {
        username: result.user.username,
        roles: [...result.user.roles],
        csrfToken,
        expiresAt: new Date(expiresAt).toISOString(),
      },
      headers,
    };
  } catch (error) {
    if (!isForm || !(error instanceof AppError || error instanceof HttpError)) throw error;
    const mapped = mapError(error);
    return {
      status: mapped.status,
      body: loginPage({ next, message: mapped.body.error.message, username: typedName }),
      contentType: 'text/html; charset=utf-8',
      headers: { 'cache-control': 'no-store' },
    };
  }
}
