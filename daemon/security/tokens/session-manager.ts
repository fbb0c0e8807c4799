/**
 * @module Sessions: login creates one, refresh tokens rotate on every use, reuse revokes the family.
 *
 * A session is one refresh-token family. Each refresh returns a new token and files the old hash
 * under `usedRefreshHashes`; presenting a filed one means two parties hold the family (the
 * OAuth 2.0 Security BCP's refresh-token rotation), so the whole session is revoked and even the
 * newest token stops working. Sessions end after `idleTimeoutMs` without use or `absoluteTimeoutMs`
 * after login, whichever comes first.
 *
 * Mutations run one at a time, so two concurrent refreshes with one token cannot both rotate.
 * Nothing is logged here; results and errors carry the session id, username and reason the caller
 * needs for its audit event. An unknown but well-formed credential is TOKEN_SIGNATURE ("not one
 * we issued", as for a JWT whose key or signature does not check); a badly shaped one is
 * TOKEN_MALFORMED.
 */
import { NotFoundError } from '../../../src/protocol/errors.js';
import { SerialQueue } from '../crypto/secret-backend.js';
import {
  type ResolvedSessionManagerOptions,
  resolveSessionManagerOptions,
  type SessionManagerOptions,
} from './session-manager-options.js';
import {
  type SessionRecord,
  sessionEndedAt,
  sessionState,
  type SessionView,
  toSessionView,
} from './session-record.js';
import {
  hashesEqual,
  hashSecret,
  isRefreshToken,
  isSessionSecret,
  newRefreshToken,
  newSessionId,
  newSessionSecret,
} from './session-secrets.js';
import { metaPatch, type SessionMeta, text } from './session-input.js';
import { TokenError } from './token-errors.js';

/** The reason recorded when a reused refresh token revokes its session. */
export const REUSE_REASON = 'refresh-token-reused';

const sessionIdPattern = /^s_[A-Za-z0-9_-]{16}$/;

function ended(record: SessionRecord, state: 'revoked' | 'expired' | 'idle-expired'): TokenError {
  const who = { sessionId: record.id, username: record.username };
  return state === 'revoked'
    ? new TokenError('TOKEN_REVOKED', 'session has been revoked', who)
    : new TokenError('TOKEN_EXPIRED', 'session has expired', who);
}

/** Creates, refreshes, checks, revokes and cleans up sessions. */
export class SessionManager {
  readonly #o: ResolvedSessionManagerOptions;
  readonly #queue = new SerialQueue();

  /** @throws TypeError naming a bad option. */
  constructor(options: SessionManagerOptions) {
    this.#o = resolveSessionManagerOptions(options);
  }

  /** Starts a session for `username` (after a successful login). */
  async create(
    username: string,
    meta: SessionMeta = {},
  ): Promise<{ session: SessionView; sessionSecret: string; refreshToken: string }> {
    const user = text(username, 'username');
    const extra = metaPatch(meta);
    return this.#queue.run(async () => {
      const now = this.#o.clock.now();
      let id = newSessionId();
      while (this.#o.repo.get(id) !== undefined) id = newSessionId();
      const sessionSecret = newSessionSecret();
      const refreshToken = newRefreshToken();
      const absoluteExpiresAt = now + this.#o.absoluteTimeoutMs;
      const record: SessionRecord = {
        id,
        username: user,
        createdAt: now,
        lastSeenAt: now,
        idleExpiresAt: Math.min(now + this.#o.idleTimeoutMs, absoluteExpiresAt),
        absoluteExpiresAt,
        secretHash: hashSecret(sessionSecret),
        refreshHash: hashSecret(refreshToken),
        usedRefreshHashes: [],
        ip: null,
        userAgent: null,
        revokedAt: null,
        revokedReason: null,
        ...extra,
      };
      await this.#o.repo.insert(record);
      return { session: toSessionView(record, now), sessionSecret, refreshToken };
    });
  }

  /**
   * Exchanges a refresh token for a new one and slides the idle expiry.
   * @throws TokenError TOKEN_MALFORMED (not shaped like a refresh token), TOKEN_SIGNATURE (not
   *   one we know), TOKEN_REVOKED, TOKEN_REUSED (already used: the session is now revoked) or
   *   TOKEN_EXPIRED.
   */
  async refresh(
    refreshToken: string,
    meta?: SessionMeta,
  ): Promise<{ session: SessionView; refreshToken: string }> {
    const extra = metaPatch(meta);
    return this.#queue.run(async () => {
      if (!isRefreshToken(refreshToken))
        throw new TokenError('TOKEN_MALFORMED', 'refresh token is malformed');
      const hash = hashSecret(refreshToken);
      const record = this.#o.repo.findByRefreshHash(hash);
      if (record === undefined)
        throw new TokenError('TOKEN_SIGNATURE', 'refresh token is not recognised');
      const now = this.#o.clock.now();
      const state = sessionState(record, now);
      if (state === 'revoked') throw ended(record, state);
      if (!hashesEqual(record.refreshHash, hash)) {
        // Reuse is checked before expiry: it is the stronger signal and must reach the audit log.
        await this.#o.repo.update(record.id, { revokedAt: now, revokedReason: REUSE_REASON });
        throw new TokenError(
          'TOKEN_REUSED',
          'refresh token was already used; its session has been revoked',
          {
            sessionId: record.id,
            username: record.username,
          },
        );
      }
      if (state !== 'active') throw ended(record, state);
      const next = newRefreshToken();
      const patch: Partial<SessionRecord> = {
        ...extra,
        ...this.#slide(record, now),
        refreshHash: hashSecret(next),
        usedRefreshHashes: [...record.usedRefreshHashes, record.refreshHash].slice(
          -this.#o.maxUsedHashes,
        ),
      };
      await this.#o.repo.update(record.id, patch);
      return { session: toSessionView({ ...record, ...patch }, now), refreshToken: next };
    });
  }

  /**
   * Checks a session secret (the web cookie) and slides the idle expiry.
   * @throws TokenError TOKEN_MALFORMED, TOKEN_SIGNATURE, TOKEN_REVOKED or TOKEN_EXPIRED.
   */
  authenticateSecret(sessionSecret: string): Promise<SessionView> {
    return this.#queue.run(async () => {
      if (!isSessionSecret(sessionSecret))
        throw new TokenError('TOKEN_MALFORMED', 'session secret is malformed');
      const hash = hashSecret(sessionSecret);
      const record = this.#o.repo.findBySecretHash(hash);
      if (record === undefined || !hashesEqual(record.secretHash, hash)) {
        throw new TokenError('TOKEN_SIGNATURE', 'session secret is not recognised');
      }
      const now = this.#o.clock.now();
      const state = sessionState(record, now);
      if (state !== 'active') throw ended(record, state);
      const patch = this.#slide(record, now);
      await this.#o.repo.update(record.id, patch);
      return toSessionView({ ...record, ...patch }, now);
    });
  }

  /** True while session `id` exists and is active (the access-token check). */
  isLive(id: string): boolean {
    const record = this.#o.repo.get(id);
    return record !== undefined && sessionState(record, this.#o.clock.now()) === 'active';
  }

  /**
   * Slides the idle expiry of an active session (a request made with its access token). An ended
   * session stays ended: touching it does nothing.
   * @throws NotFoundError for an unknown id.
   */
  touch(id: string): Promise<void> {
    return this.#queue.run(async () => {
      const record = this.#find(id);
      const now = this.#o.clock.now();
      if (sessionState(record, now) !== 'active') return;
      await this.#o.repo.update(id, this.#slide(record, now));
    });
  }

  /**
   * Revokes session `id` (logout, or the operator). Revoking twice keeps the first reason.
   * @throws NotFoundError for an unknown id.
   */
  async revoke(id: string, reason: string): Promise<SessionView> {
    const why = text(reason, 'reason');
    return this.#queue.run(async () => {
      const record = this.#find(id);
      const now = this.#o.clock.now();
      if (record.revokedAt !== null) return toSessionView(record, now);
      const patch = { revokedAt: now, revokedReason: why };
      await this.#o.repo.update(id, patch);
      return toSessionView({ ...record, ...patch }, now);
    });
  }

  /** Revokes every active session of `username` (password change, disable); returns how many. */
  async revokeUser(username: string, reason: string): Promise<number> {
    const user = text(username, 'username');
    const why = text(reason, 'reason');
    return this.#queue.run(async () => {
      const now = this.#o.clock.now();
      const targets = this.#o.repo
        .list()
        .filter((r) => r.username === user && sessionState(r, now) === 'active');
      for (const record of targets) {
        await this.#o.repo.update(record.id, { revokedAt: now, revokedReason: why });
      }
      return targets.length;
    });
  }

  /** Sessions, oldest first: active ones only unless `includeEnded`. */
  list(filter: { username?: string; includeEnded?: boolean } = {}): SessionView[] {
    const now = this.#o.clock.now();
    return this.#o.repo
      .list()
      .filter((r) => filter.username === undefined || r.username === filter.username)
      .map((r) => toSessionView(r, now))
      .filter((v) => filter.includeEnded === true || v.state === 'active')
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  /** Removes sessions that ended (expired or revoked) at least `cleanupGraceMs` ago; returns how many. */
  cleanup(): Promise<number> {
    return this.#queue.run(async () => {
      const now = this.#o.clock.now();
      const ids = this.#o.repo
        .list()
        .filter((r) => {
          const endedAt = sessionEndedAt(r, now);
          return endedAt !== null && now - endedAt >= this.#o.cleanupGraceMs;
        })
        .map((r) => r.id);
      if (ids.length > 0) await this.#o.repo.remove(ids);
      return ids.length;
    });
  }

  #slide(record: SessionRecord, now: number): Pick<SessionRecord, 'lastSeenAt' | 'idleExpiresAt'> {
    return {
      lastSeenAt: now,
      idleExpiresAt: Math.min(now + this.#o.idleTimeoutMs, record.absoluteExpiresAt),
    };
  }

  #find(id: string): SessionRecord {
    const record = typeof id === 'string' ? this.#o.repo.get(id) : undefined;
    if (record !== undefined) return record;
    // Only a well-formed id is echoed, in case a caller passes a credential by mistake.
    throw new NotFoundError(
      typeof id === 'string' && sessionIdPattern.test(id) ? `no session ${id}` : 'no such session',
    );
  }
}
