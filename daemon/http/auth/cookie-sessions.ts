/**
 * @module The session cookie: the engine's session secret (`cbs_…`, made at login), checked on each
 * request.
 *
 * The engine's check slides the session's idle expiry and writes the store. Doing that on every
 * request would put a disk write behind every API call, so a checked secret is remembered for a
 * minute: within that minute only the session's liveness (revocation, expiry) is looked up in
 * memory, and the idle expiry slides at most once a minute — a minute of slack on a 30-minute idle
 * timeout. Only SHA-256 digests of secrets are kept in memory, as in the store — and the session's
 * CSRF token (an HMAC of the session id under the secret, which reveals nothing about it), made
 * once per check instead of once per request.
 */
import { csrfTokenFor } from './csrf-token.js';
import { sha256Hex } from './digest.js';
import { RecentMap } from '../server/recent-map.js';
import type { Clock } from '../../clock.js';
import type { SessionManager } from '../../security/tokens/session-manager.js';

/** How long a checked secret is trusted before the engine is asked again. */
export const RECHECK_MS = 60_000;
const MAX_ENTRIES = 10_000;

/** A checked cookie session. */
export interface CookieSession {
  sessionId: string;
  username: string;
  /** When the session ends at the latest (ms): the cookie's lifetime. */
  absoluteExpiresAt: number;
  /** The session's CSRF token (csrf-token.ts). */
  csrfToken: string;
}

interface Entry {
  /** Frozen: handed to every request of the session as it is. */
  session: CookieSession;
  checkedAt: number;
}

export class CookieSessions {
  /** SHA-256 (hex) of a secret → its checked session, least recently used first. */
  private readonly checked = new RecentMap<string, Entry>(MAX_ENTRIES);

  constructor(
    private readonly sessions: SessionManager,
    private readonly clock: Clock,
  ) {}

  /**
   * The session of a cookie secret checked within the last minute and still live; null when the
   * engine must be asked ({@link authenticate}). Synchronous: the path of nearly every page request.
   */
  recall(secret: string): CookieSession | null {
    return this.recallKey(sha256Hex(secret));
  }

  /** {@link recall} by the secret's digest. */
  private recallKey(key: string): CookieSession | null {
    const known = this.checked.get(key);
    if (
      known === undefined ||
      this.clock.now() - known.checkedAt >= RECHECK_MS ||
      !this.sessions.isLive(known.session.sessionId)
    )
      return null;
    return known.session;
  }

  /**
   * The session of a cookie secret.
   * @throws TokenError TOKEN_MALFORMED, TOKEN_SIGNATURE, TOKEN_REVOKED or TOKEN_EXPIRED (from the
   *   engine); the secret never appears in a message.
   */
  async authenticate(secret: string): Promise<CookieSession> {
    const key = sha256Hex(secret);
    const recalled = this.recallKey(key);
    if (recalled !== null) return recalled;
    const now = this.clock.now();
    this.checked.delete(key);
    const view = await this.sessions.authenticateSecret(secret);
    const session: CookieSession = Object.freeze({
      sessionId: view.id,
      username: view.username,
      absoluteExpiresAt: view.absoluteExpiresAt,
      csrfToken: csrfTokenFor(secret, view.id),
    });
    this.checked.set(key, { session, checkedAt: now });
    return session;
  }

  /** Forgets a secret (logout), so the next use asks the engine and finds it revoked. */
  forget(secret: string): void {
    this.checked.delete(sha256Hex(secret));
  }
}
