/**
 * @module The login layer of {@link SecuritySystem}: passwords checked, tokens issued, refreshed
 * and verified, sessions ended. Logins, token refusals and their enforcement (lockout, bans) are
 * the authenticator's; this layer checks arguments and shapes the answers.
 */
import type { SessionView } from '../security/tokens/session-record.js';
import type { UserView } from '../security/users/user-record.js';
import { ipArg, requestArg, stringArg, type RequestInfo } from './arguments.js';
import { SecurityAccounts } from './security-accounts.js';

/** What a login gives: the tokens and the session they belong to. */
export interface TokenGrant {
  /** A short-lived signed JWT (`at+jwt`); send it as a bearer token. */
  accessToken: string;
  /** Single use: {@link SecuritySystem.refreshToken} trades it for a new grant. */
  refreshToken: string;
  /** When the access token expires, ms since the epoch. */
  expiresAt: number;
  /** The session, for {@link SecuritySystem.logout}. */
  sessionId: string;
}

/** What a valid access token says, checked against the live session and user. */
export interface VerifiedToken {
  username: string;
  sessionId: string;
  /** The user's roles now (not as they were when the token was issued). */
  roles: string[];
  /** ms since the epoch. */
  expiresAt: number;
}

/** Logins and tokens, over {@link SecurityAccounts}; {@link SecuritySystem} adds the rest. */
export class SecurityLogins extends SecurityAccounts {
  /**
   * Checks a username and password (the spec's `authenticate_user`). Failures from `ip` count
   * towards its ban, and failures against an account towards its lockout.
   * @throws AppError AUTH_FAILED (wrong name or password, the same answer for both),
   *   ACCOUNT_LOCKED, ACCOUNT_DISABLED, IP_BANNED; InvalidInputError for a bad `ip`.
   */
  async authenticateUser(
    username: string,
    password: string,
    ip?: string | null,
  ): Promise<UserView> {
    const args = [stringArg(username, 'username'), stringArg(password, 'password')] as const;
    return (await this.engine()).auth.authenticateUser(...args, { ip: ipArg(ip) });
  }

  /**
   * Logs in (the spec's `generate_token`): authenticates, opens a session and issues an access
   * token and a refresh token. @throws as {@link authenticateUser}.
   */
  async generateToken(username: string, password: string, meta?: RequestInfo): Promise<TokenGrant> {
    const args = [stringArg(username, 'username'), stringArg(password, 'password')] as const;
    const result = await (await this.engine()).auth.login(...args, requestArg(meta));
    return grant(result);
  }

  /**
   * Trades a refresh token for a new grant (the old refresh token is spent).
   * @throws TokenError TOKEN_REUSED (a spent token: the whole session is revoked), TOKEN_REVOKED,
   *   TOKEN_EXPIRED, TOKEN_MALFORMED; AppError IP_BANNED.
   */
  async refreshToken(refreshToken: string, meta?: RequestInfo): Promise<TokenGrant> {
    const token = stringArg(refreshToken, 'refreshToken');
    return grant(await (await this.engine()).auth.refresh(token, requestArg(meta)));
  }

  /**
   * Checks an access token (the spec's `verify_token`): signature, algorithm, issuer, audience,
   * time, a live session, and a user who may still log in.
   * @throws TokenError, one code per reason (TOKEN_EXPIRED, TOKEN_SIGNATURE, TOKEN_REVOKED, …).
   */
  async verifyToken(token: string, ip?: string | null): Promise<VerifiedToken> {
    const text = stringArg(token, 'token');
    const { claims, user } = await (await this.engine()).auth.verifyToken(text, { ip: ipArg(ip) });
    return {
      username: user.username,
      sessionId: claims.sid,
      roles: [...user.roles],
      expiresAt: claims.exp,
    };
  }

  /** Ends a session: its tokens stop verifying. @throws NotFoundError */
  async logout(sessionId: string): Promise<SessionView> {
    return (await this.engine()).auth.logout(stringArg(sessionId, 'sessionId'), this.actor);
  }
}

function grant(result: {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  session: SessionView;
}): TokenGrant {
  return {
    accessToken: result.accessToken,
    refreshToken: result.refreshToken,
    expiresAt: result.expiresAt,
    sessionId: result.session.id,
  };
}
