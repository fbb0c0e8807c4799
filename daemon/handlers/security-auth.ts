/**
 * @module Logins, tokens and sessions over the socket.
 *
 * Socket requests have no IP address (they are local), so only account lockout applies to them;
 * the web server passes the client's address to the same engine.
 */
import { AppError, NotFoundError } from '../../src/protocol/errors.js';
import type { HandlerTable } from '../router.js';
import type { HandlerDeps } from './context.js';

type Names =
  | 'security.login'
  | 'security.refresh'
  | 'security.authenticate'
  | 'security.logout'
  | 'security.sessions.list'
  | 'security.sessions.revoke';

export function securityAuthHandlers({ core }: HandlerDeps): Pick<HandlerTable, Names> {
  const { auth, sessions, users } = core.security;
  return {
    'security.login': async ({ username, password, userAgent }) => {
      const { sessionSecret: _cookie, ...result } = await auth.login(username, password, {
        ip: null,
        userAgent: userAgent ?? 'clickup-brain cli',
      });
      return result;
    },
    'security.refresh': ({ refreshToken }) => auth.refresh(refreshToken, { ip: null }),
    'security.authenticate': async ({ token }, ctx) => {
      const { claims, user } = await auth.verifyToken(token, { ip: null });
      ctx.connection.principal = { username: user.username, sessionId: claims.sid };
      return {
        username: user.username,
        sessionId: claims.sid,
        expiresAt: claims.exp,
        roles: [...user.roles],
      };
    },
    'security.logout': async ({ sessionId }, ctx) => {
      const id = sessionId ?? ctx.connection.principal?.sessionId;
      if (id === undefined)
        throw new AppError('UNAUTHORISED', 'not logged in on this connection; pass the session id');
      const own = ctx.connection.principal?.sessionId === id;
      if (!own && !users.isEmpty()) {
        const principal = ctx.connection.principal;
        if (
          principal === null ||
          !core.security.checkPermission(principal.username, 'security.sessions.manage').allowed
        ) {
          throw new AppError(
            'FORBIDDEN',
            "ending another user's session needs security.sessions.manage (or use --revoke-session as an admin)",
          );
        }
      }
      const session = await auth.logout(id, ctx.actor);
      if (own) ctx.connection.principal = null;
      return { session };
    },
    'security.sessions.list': ({ username, all }) => ({
      sessions: sessions.list({
        ...(username === undefined ? {} : { username: username.toLowerCase() }),
        includeEnded: all === true,
      }),
    }),
    'security.sessions.revoke': async ({ id }, ctx) => {
      if (sessions.list({ includeEnded: true }).every((s) => s.id !== id))
        throw new NotFoundError(`no session ${id.slice(0, 40)}`);
      const session = await sessions.revoke(id, `revoked by ${ctx.actor}`);
      await core.audit.append({
        type: 'session.revoked',
        actor: ctx.actor,
        subject: session.id,
        outcome: 'success',
        details: { username: session.username, reason: 'revoked' },
      });
      return { session };
    },
  };
}
