/**
 * @module A user as persisted in the store, and the view of it that leaves the daemon.
 *
 * The record holds the password hash and lockout counters; the view drops the hash, and shows
 * `status: 'locked'` while a lockout is in force (the stored status is only active or disabled,
 * so a lockout that runs out needs no write to end).
 */
import { z } from 'zod';
import { lockoutStateSchema } from '../guard/lockout-policy.js';

const time = z.number().int().nonnegative();

export const userRecordSchema = z.object({
  /** Canonical, lower-cased: the unique key. */
  username: z.string().min(1),
  /** As first typed, for display. */
  displayName: z.string().min(1),
  email: z.string(),
  roles: z.array(z.string()),
  status: z.enum(['active', 'disabled']),
  /** bcrypt (`$2b$…`), or our pre-hashed form for long passwords; never shown. */
  passwordHash: z.string(),
  passwordChangedAt: time,
  /** Permissions granted to this user beyond the roles, and revoked from them. */
  grants: z.array(z.string()),
  revokes: z.array(z.string()),
  lockout: lockoutStateSchema,
  createdAt: time,
  updatedAt: time,
  lastLoginAt: time.nullable(),
  lastLoginIp: z.string().nullable(),
  createdBy: z.string(),
  /** Where the user came from: made here, or imported with an existing hash. */
  origin: z.enum(['created', 'htpasswd']),
});

export type UserRecord = z.infer<typeof userRecordSchema>;

/** What callers see of a user. */
export interface UserView {
  username: string;
  displayName: string;
  email: string;
  roles: string[];
  status: 'active' | 'disabled' | 'locked';
  /** ms, or null; set while locked (null with `status: 'locked'` means until unlocked). */
  lockedUntil: number | null;
  failedLogins: number;
  grants: string[];
  revokes: string[];
  createdAt: number;
  updatedAt: number;
  lastLoginAt: number | null;
  passwordChangedAt: number;
  origin: UserRecord['origin'];
}

/** The status shown for `record` at `now`: a lockout in force shows as locked. */
export function userStatus(record: UserRecord, now: number): UserView['status'] {
  if (record.status === 'disabled') return 'disabled';
  const { lockout } = record;
  if (lockout.permanent || (lockout.lockedUntil !== null && lockout.lockedUntil > now))
    return 'locked';
  return 'active';
}

export function toUserView(record: UserRecord, now: number): UserView {
  const status = userStatus(record, now);
  return {
    username: record.username,
    displayName: record.displayName,
    email: record.email,
    roles: [...record.roles],
    status,
    lockedUntil:
      status === 'locked' && !record.lockout.permanent ? record.lockout.lockedUntil : null,
    failedLogins: record.lockout.failures,
    grants: [...record.grants],
    revokes: [...record.revokes],
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    lastLoginAt: record.lastLoginAt,
    passwordChangedAt: record.passwordChangedAt,
    origin: record.origin,
  };
}
