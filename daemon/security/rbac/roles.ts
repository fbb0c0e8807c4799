/**
 * @module The five roles of the spec and the permissions each one carries by default.
 *
 * Choices worth knowing:
 * - ADMIN holds `*`: every permission, present and future, including `system.admin`. An explicit
 *   revoke still takes single permissions away from an administrator.
 * - MODERATOR moderates content and users' sessions (`content.*`, `security.sessions.manage`,
 *   `security.read`) but does not hold `security.users.manage`: that permission can grant roles,
 *   so holding it is as good as being an administrator. Grant it explicitly where wanted.
 * - GUEST reads public content only. Monitoring data (host names, load, alert text) is not public,
 *   so GUEST does not get `monitoring.read`.
 * - SERVICE is for machines: API access and reading and writing monitoring data.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';

export const ROLE_NAMES = ['admin', 'user', 'moderator', 'guest', 'service'] as const;

/** One of {@link ROLE_NAMES}. */
export type RoleName = (typeof ROLE_NAMES)[number];

/** The permissions (and patterns) each role carries. */
export const ROLE_PERMISSIONS: Readonly<Record<RoleName, readonly string[]>> = Object.freeze({
  admin: Object.freeze(['*']),
  user: Object.freeze(['api.access', 'content.create', 'content.read', 'monitoring.read']),
  moderator: Object.freeze([
    'api.access',
    'content.*',
    'monitoring.read',
    'security.read',
    'security.sessions.manage',
  ]),
  guest: Object.freeze(['content.read']),
  service: Object.freeze(['api.access', 'monitoring.read', 'monitoring.write']),
});

/** One line per role, for `security --roles`. */
export const ROLE_DESCRIPTIONS: Readonly<Record<RoleName, string>> = Object.freeze({
  admin: 'full system access and administration',
  user: 'standard access: reads monitoring, creates content and edits its own',
  moderator: "content moderation (any user's content) and user sessions",
  guest: 'read-only access to public content',
  service: 'service-to-service API access: reads and writes monitoring data',
});

const VALID = ROLE_NAMES.join(', ');

/** True when `value` is exactly a role name (lower case). */
export function isRoleName(value: unknown): value is RoleName {
  return typeof value === 'string' && (ROLE_NAMES as readonly string[]).includes(value);
}

/**
 * Reads a role from outside, case-insensitively (`ADMIN` and `admin` are one role).
 *
 * @throws InvalidInputError (field `role`) listing the valid roles.
 */
export function parseRole(value: unknown): RoleName {
  if (typeof value !== 'string')
    throw new InvalidInputError(`role must be a string, one of: ${VALID}`, 'role');
  const name = value.trim().toLowerCase();
  if (isRoleName(name)) return name;
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  throw new InvalidInputError(`'${shown}' is not a role; valid roles: ${VALID}`, 'role');
}
