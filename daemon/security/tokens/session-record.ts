/**
 * @module A session as persisted, the view of it callers get, and its state at a given time.
 *
 * The record holds only hashes of the session secret and refresh tokens (see session-secrets.ts);
 * the view drops even those, so nothing returned to a caller can be replayed. Times are ms.
 */
import { z } from 'zod';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const time = z.number().int().nonnegative();

/** The persisted shape of one session (one refresh-token family). */
export const sessionRecordSchema = z.object({
  /** Public id, e.g. `s_` + base64url of 12 random bytes: shown in lists, used to revoke. */
  id: z.string().regex(/^s_[A-Za-z0-9_-]{16}$/),
  username: z.string().min(1),
  createdAt: time,
  lastSeenAt: time,
  /** Slides forward on use, never past `absoluteExpiresAt`. */
  idleExpiresAt: time,
  absoluteExpiresAt: time,
  /** SHA-256 of the session secret (the web cookie). */
  secretHash: sha256Hex,
  /** SHA-256 of the one refresh token that may be used next. */
  refreshHash: sha256Hex,
  /** SHA-256 of refresh tokens already used, newest last (bounded): presenting one is reuse. */
  usedRefreshHashes: z.array(sha256Hex),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  revokedAt: time.nullable(),
  revokedReason: z.string().nullable(),
});

/** One persisted session. */
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

/** Where a session stands at a given time. */
export type SessionState = 'active' | 'idle-expired' | 'expired' | 'revoked';

/** A session as callers see it: no hashes, plus its state. */
export type SessionView = Omit<
  SessionRecord,
  'secretHash' | 'refreshHash' | 'usedRefreshHashes'
> & {
  state: SessionState;
};

/** The state of `record` at `now` (ms). Revocation wins over expiry; absolute over idle. */
export function sessionState(record: SessionRecord, now: number): SessionState {
  if (record.revokedAt !== null) return 'revoked';
  if (now >= record.absoluteExpiresAt) return 'expired';
  if (now >= record.idleExpiresAt) return 'idle-expired';
  return 'active';
}

/** When the session ended (revoked or expired), or null while it is active. */
export function sessionEndedAt(record: SessionRecord, now: number): number | null {
  if (record.revokedAt !== null) return record.revokedAt;
  const expiresAt = Math.min(record.idleExpiresAt, record.absoluteExpiresAt);
  return now >= expiresAt ? expiresAt : null;
}

/** The caller's view of `record` at `now`. */
export function toSessionView(record: SessionRecord, now: number): SessionView {
  const { secretHash: _s, refreshHash: _r, usedRefreshHashes: _u, ...rest } = record;
  return { ...rest, state: sessionState(record, now) };
}
