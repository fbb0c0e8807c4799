/**
 * @module Bearer access tokens for the web server: the engine's verification (signature, algorithm,
 * issuer, audience, time, live session, user) once, then for up to a minute only what can change
 * before the token expires.
 *
 * Verifying the JWT signature is a WebCrypto call — a thread-pool round trip per request, which
 * under load left the event loop waiting. A token that verified is remembered by the SHA-256 of its
 * text (the token itself is never kept), for at most {@link BEARER_RECHECK_MS} and never past its own
 * expiry or maximum age. Within that time every request still checks, in memory and as the engine
 * does, that the address is not blocked, the token's session is live (not revoked, not expired)
 * and its user exists, is not disabled and is not locked out, and that the token policy (lifetime,
 * algorithm) has not changed. When any of those fails the entry is dropped and the engine verifies
 * the token from scratch — so a refusal is the engine's own, with its error, event and ban count.
 */
import type { Clock } from '../../clock.js';
import type { Blacklist } from '../../security/blacklist.js';
import type { RequestMeta } from '../../security/engine/authenticator.js';
import type { SecurityEngine } from '../../security/engine/security-engine.js';
import type { AccessTokenClaims } from '../../security/tokens/access-tokens.js';
import { userStatus, type UserRecord } from '../../security/users/user-record.js';
import { RecentMap } from '../server/recent-map.js';
import { sha256Hex } from './digest.js';

/** How long a verified token is trusted before the engine verifies it again (ms). */
export const BEARER_RECHECK_MS = 60_000;
/** How many verified tokens are remembered at most (least recently used dropped first). */
export const MAX_BEARER_ENTRIES = 1_000;

export interface BearerTokensOptions {
  security: SecurityEngine;
  /** The daemon's blacklist (the one the engine checks). */
  blacklist: Blacklist;
  clock: Clock;
  /** Entries kept at most (default {@link MAX_BEARER_ENTRIES}). */
  maxEntries?: number;
}

/** A verified token: its claims and its user's current record. */
export interface VerifiedBearer {
  claims: AccessTokenClaims;
  user: UserRecord;
}

interface Entry {
  claims: AccessTokenClaims;
  /** The token policy it was verified under: lifetime (ms) and signing algorithm. */
  ttlMs: number;
  algorithm: string;
  verifiedAt: number;
  /** Trusted until (ms, exclusive). */
  until: number;
}

export class BearerTokens {
  private readonly security: SecurityEngine;
  private readonly blacklist: Blacklist;
  private readonly clock: Clock;
  /** SHA-256 (hex) of a token → what it verified to, least recently used first. */
  private readonly entries: RecentMap<string, Entry>;

  /** @throws TypeError naming a missing or bad option. */
  constructor(options: BearerTokensOptions) {
    for (const name of ['security', 'blacklist', 'clock'] as const)
      if (options?.[name] === undefined || options[name] === null)
        throw new TypeError(`"${name}" option is required`);
    const maxEntries = options.maxEntries ?? MAX_BEARER_ENTRIES;
    if (!Number.isInteger(maxEntries) || maxEntries < 1)
      throw new TypeError('"maxEntries" option must be a positive integer');
    this.security = options.security;
    this.blacklist = options.blacklist;
    this.clock = options.clock;
    this.entries = new RecentMap(maxEntries);
  }

  /** How many tokens are remembered. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * What `token` verified to, when it is remembered and everything that can change before its
   * expiry still holds; null when the engine must verify it ({@link verify}). Synchronous: this is
   * the path of nearly every API request, and it makes no promise.
   */
  recall(token: string, meta: RequestMeta = {}): VerifiedBearer | null {
    return typeof token === 'string' ? this.recallKey(sha256Hex(token), meta) : null;
  }

  /** {@link recall} by the token's digest. */
  private recallKey(key: string, meta: RequestMeta): VerifiedBearer | null {
    const known = this.entries.get(key);
    if (known === undefined) return null;
    const user = this.stillGood(known, this.clock.now(), meta.ip ?? null);
    if (user !== null) return { claims: known.claims, user };
    this.entries.delete(key);
    return null;
  }

  /**
   * Verifies `token` as the engine's `auth.verifyToken` does (the same result, errors and events).
   * @throws TokenError / AppError IP_BANNED from the engine; the token never appears in a message.
   */
  async verify(token: string, meta: RequestMeta = {}): Promise<VerifiedBearer> {
    // Not a string: the engine refuses it (TOKEN_MALFORMED) and there is nothing to remember.
    if (typeof token !== 'string') return this.security.auth.verifyToken(token, meta);
    const key = sha256Hex(token);
    const known = this.recallKey(key, meta);
    if (known !== null) return known;
    const now = this.clock.now();
    // The policy it is verified under: an entry made under another is not trusted (stillGood).
    const ttlMs = this.security.settings.tokenTtlMs();
    const algorithm = this.security.settings.tokenAlgorithm();
    const verified = await this.security.auth.verifyToken(token, meta);
    const { claims } = verified;
    // Never past the token's expiry nor its maximum age (iat + lifetime), whichever is first.
    const until = Math.min(now + BEARER_RECHECK_MS, claims.exp, claims.iat + ttlMs);
    if (until > now) this.entries.set(key, { claims, ttlMs, algorithm, verifiedAt: now, until });
    return verified;
  }

  /** Forgets every remembered token (the next use of each is verified by the engine). */
  clear(): void {
    this.entries.clear();
  }

  /** The user when everything that can change before expiry still holds; null otherwise. */
  private stillGood(entry: Entry, now: number, ip: string | null): UserRecord | null {
    if (now < entry.verifiedAt || now >= entry.until) return null;
    const { settings } = this.security;
    if (entry.ttlMs !== settings.tokenTtlMs() || entry.algorithm !== settings.tokenAlgorithm())
      return null;
    if (ip !== null && this.blacklist.check(ip) !== null) return null;
    if (!this.security.sessions.isLive(entry.claims.sid)) return null;
    const user = this.security.users.find(entry.claims.sub);
    // Neither disabled nor locked out now.
    return user !== undefined && userStatus(user, now) === 'active' ? user : null;
  }
}
