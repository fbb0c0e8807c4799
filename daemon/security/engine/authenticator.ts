/**
 * @module Logins, sessions and tokens: the authentication manager.
 *
 * An unknown user and a wrong password cost the same (one bcrypt verification: a dummy hash at the
 * current cost for unknown names) and get the same answer, AUTH_FAILED. A locked or disabled
 * account is told so only to a caller who gave the right password, so the lock state is not a
 * way to learn which names exist; wrong passwords against a locked account still count towards
 * the address's ban but do not extend the lock (Keycloak's behaviour).
 */
import { AppError } from '../../../src/protocol/errors.js';
import type { Clock } from '../../clock.js';
import type { AuditLog } from '../audit-log.js';
import type { Blacklist } from '../blacklist.js';
import { lockStatus } from '../guard/lockout-policy.js';
import type { PasswordHasher } from '../passwords/password-hasher.js';
import type { AccessTokenClaims, AccessTokens } from '../tokens/access-tokens.js';
import type { SessionManager } from '../tokens/session-manager.js';
import type { SessionView } from '../tokens/session-record.js';
import { TokenError } from '../tokens/token-errors.js';
import type { UserDirectory } from '../users/user-directory.js';
import { toUserView, type UserRecord, type UserView } from '../users/user-record.js';
import type { DecisionPoint } from './decision-point.js';

export interface RequestMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export interface LoginResult {
  user: UserView;
  session: SessionView;
  accessToken: string;
  /** ms */
  expiresAt: number;
  refreshToken: string;
  /** The web dashboard's cookie value. */
  sessionSecret: string;
}

export interface AuthenticatorOptions {
  users: UserDirectory;
  hasher: PasswordHasher;
  blacklist: Blacklist;
  decisions: DecisionPoint;
  audit: AuditLog;
  clock: Clock;
  sessions: SessionManager;
  tokens: () => AccessTokens;
}

const failed = (): AppError => new AppError('AUTH_FAILED', 'invalid username or password');

/** Token refusals that say nothing bad about the caller (a stale token is normal). */
const BENIGN_REFUSALS = new Set(['TOKEN_EXPIRED', 'TOKEN_REVOKED']);

export class Authenticator {
  constructor(private readonly o: AuthenticatorOptions) {}

  /** Refuses a banned address before any work is done. @throws AppError IP_BANNED */
  async checkAddress(
    ip: string | null | undefined,
    type: string,
    subject: string | null,
  ): Promise<void> {
    if (ip === null || ip === undefined) return;
    const entry = this.o.blacklist.check(ip);
    if (entry === null) return;
    await this.o.audit.append({
      type,
      actor: subject ?? 'anonymous',
      subject,
      ip,
      outcome: 'refused',
      details: { reason: 'ip-banned', source: entry.source },
    });
    throw new AppError(
      'IP_BANNED',
      `address ${ip} is blocked (${entry.source === 'auto' ? 'automatic ban' : 'blacklist'})`,
    );
  }

  /**
   * Checks a username and password.
   * @throws AppError AUTH_FAILED, ACCOUNT_LOCKED, ACCOUNT_DISABLED or IP_BANNED.
   */
  async authenticateUser(
    username: string,
    password: string,
    meta: RequestMeta = {},
  ): Promise<UserView> {
    const ip = meta.ip ?? null;
    const name = typeof username === 'string' ? username.slice(0, 64) : '';
    await this.checkAddress(ip, 'login.failure', name || null);
    const { users, hasher, clock, audit, decisions } = this.o;
    const record = typeof username === 'string' ? users.find(username) : undefined;
    const given = typeof password === 'string' ? password : '';
    const ok =
      record === undefined
        ? await hasher.verifyDummy(given)
        : await hasher.verify(given, record.passwordHash);
    const now = clock.now();
    if (!ok) {
      const locked = record !== undefined && lockStatus(record.lockout, now).locked;
      const incident = decisions.newIncident();
      await audit.append({
        type: 'login.failure',
        actor: record?.username ?? 'anonymous',
        subject: record?.username ?? name,
        ip,
        outcome: 'failure',
        details: {
          incident,
          reason: record === undefined ? 'unknown-user' : locked ? 'locked' : 'wrong-password',
        },
      });
      await decisions.failure({
        kind: 'login',
        ip,
        username: locked ? null : (record?.username ?? null),
        incident,
      });
      throw failed();
    }
    const user = record as UserRecord;
    if (user.status === 'disabled') {
      await audit.append({
        type: 'login.failure',
        actor: user.username,
        subject: user.username,
        ip,
        outcome: 'refused',
        details: { reason: 'disabled' },
      });
      throw new AppError('ACCOUNT_DISABLED', `account '${user.username}' is disabled`);
    }
    const lock = lockStatus(user.lockout, now);
    if (lock.locked) {
      await audit.append({
        type: 'login.failure',
        actor: user.username,
        subject: user.username,
        ip,
        outcome: 'refused',
        details: { reason: 'locked' },
      });
      const until =
        lock.until === null
          ? 'until an administrator unlocks it'
          : `until ${new Date(lock.until).toISOString()}`;
      throw new AppError('ACCOUNT_LOCKED', `account '${user.username}' is locked ${until}`, {
        details: { until: lock.until },
      });
    }
    const fresh = hasher.needsRehash(user.passwordHash) ? await hasher.hash(given) : null;
    const updated = await users.loggedIn(user.username, ip, fresh);
    await audit.append({
      type: 'login.success',
      actor: user.username,
      subject: user.username,
      ip,
      outcome: 'success',
      details: fresh === null ? {} : { rehashed: true },
    });
    return toUserView(updated, clock.now());
  }

  /** Authenticates, then opens a session and issues an access token and a refresh token. */
  async login(username: string, password: string, meta: RequestMeta = {}): Promise<LoginResult> {
    const user = await this.authenticateUser(username, password, meta);
    const { session, sessionSecret, refreshToken } = await this.o.sessions.create(user.username, {
      ip: meta.ip ?? null,
      userAgent: meta.userAgent ?? null,
    });
    const issued = await this.o
      .tokens()
      .issue({ sub: user.username, sid: session.id, roles: user.roles });
    await this.o.audit.append({
      type: 'token.issued',
      actor: user.username,
      subject: session.id,
      ip: meta.ip ?? null,
      outcome: 'success',
      details: {
        jti: issued.jti,
        kid: issued.kid,
        expiresAt: new Date(issued.expiresAt).toISOString(),
      },
    });
    return {
      user,
      session,
      accessToken: issued.token,
      expiresAt: issued.expiresAt,
      refreshToken,
      sessionSecret,
    };
  }

  /** Rotates a refresh token and issues a new access token. @throws TokenError */
  async refresh(
    refreshToken: string,
    meta: RequestMeta = {},
  ): Promise<Omit<LoginResult, 'sessionSecret'>> {
    const ip = meta.ip ?? null;
    await this.checkAddress(ip, 'token.refused', null);
    let rotated: { session: SessionView; refreshToken: string };
    try {
      rotated = await this.o.sessions.refresh(refreshToken, {
        ip,
        userAgent: meta.userAgent ?? null,
      });
    } catch (error) {
      await this.refused(error, ip, 'refresh');
      throw error;
    }
    const record = this.o.users.find(rotated.session.username);
    if (record === undefined || record.status === 'disabled') {
      await this.o.sessions.revoke(rotated.session.id, 'user no longer active');
      throw new TokenError('TOKEN_REVOKED', 'the session has ended');
    }
    const issued = await this.o
      .tokens()
      .issue({ sub: record.username, sid: rotated.session.id, roles: record.roles });
    await this.o.audit.append({
      type: 'token.issued',
      actor: record.username,
      subject: rotated.session.id,
      ip,
      outcome: 'success',
      details: { jti: issued.jti, kid: issued.kid, refreshed: true },
    });
    return {
      user: toUserView(record, this.o.clock.now()),
      session: rotated.session,
      accessToken: issued.token,
      expiresAt: issued.expiresAt,
      refreshToken: rotated.refreshToken,
    };
  }

  /**
   * Checks an access token: signature, algorithm, issuer, audience, time, live session, and that
   * the user still exists and may log in.
   * @throws TokenError (one code per reason); the token never appears in a message or event.
   */
  async verifyToken(
    token: string,
    meta: RequestMeta = {},
  ): Promise<{ claims: AccessTokenClaims; user: UserRecord }> {
    const ip = meta.ip ?? null;
    await this.checkAddress(ip, 'token.refused', null);
    let claims: AccessTokenClaims;
    try {
      claims = await this.o.tokens().verify(token, (sid) => this.o.sessions.isLive(sid));
    } catch (error) {
      await this.refused(error, ip, 'access');
      throw error;
    }
    const user = this.o.users.find(claims.sub);
    if (
      user === undefined ||
      user.status === 'disabled' ||
      lockStatus(user.lockout, this.o.clock.now()).locked
    ) {
      const error = new TokenError('TOKEN_REVOKED', "the token's user can no longer log in");
      await this.refused(error, ip, 'access');
      throw error;
    }
    return { claims, user };
  }

  /** Ends a session. */
  async logout(sessionId: string, actor: string, meta: RequestMeta = {}): Promise<SessionView> {
    const session = await this.o.sessions.revoke(sessionId, 'logout');
    await this.o.audit.append({
      type: 'session.revoked',
      actor,
      subject: session.id,
      ip: meta.ip ?? null,
      outcome: 'success',
      details: { username: session.username, reason: 'logout' },
    });
    return session;
  }

  private async refused(
    error: unknown,
    ip: string | null,
    kind: 'access' | 'refresh',
  ): Promise<void> {
    if (!(error instanceof TokenError)) return;
    const incident = this.o.decisions.newIncident();
    await this.o.audit.append({
      type: 'token.refused',
      actor: 'anonymous',
      subject: null,
      ip,
      outcome: 'refused',
      details: { incident, code: error.code, kind },
    });
    if (!BENIGN_REFUSALS.has(error.code))
      await this.o.decisions.failure({ kind: 'token', ip, incident });
  }
}
