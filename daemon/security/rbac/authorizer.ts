/**
 * @module Authorisation decisions: `checkPermission(user, permission, resource?)`, the effective
 * permissions of a user, and the roles table.
 *
 * The order of the rules, first match wins:
 * 1. A disabled or locked account holds nothing.
 * 2. An explicit revoke that covers the permission denies it, whatever the roles and grants say.
 * 3. A role or a direct grant that covers the permission allows it (`via` names which: roles in
 *    the order the user lists them, then grants).
 * 4. The owner rule: a user may `X.edit` and `X.delete` a resource whose `ownerId` is their
 *    username when they hold `X.create` (not revoked). Whoever may create a kind of thing may
 *    change and remove their own; changing other people's needs `X.edit` itself. A revoke of
 *    `X.edit` still wins (rule 2).
 * 5. Otherwise denied.
 *
 * Roles the product does not know (say, from a newer store) give nothing: unknown means no access.
 */
import { KNOWN_PERMISSIONS } from './catalog.js';
import { canonicalPermission, isWildcard, permissionMatches } from './permission.js';
import {
  ROLE_DESCRIPTIONS,
  ROLE_NAMES,
  ROLE_PERMISSIONS,
  isRoleName,
  type RoleName,
} from './roles.js';

/** The subject of a check: what the store knows of a user. */
export interface Principal {
  username: string;
  /** Role names, any case; unknown names are ignored. */
  roles: readonly string[];
  /** Permissions and patterns granted to this user directly. */
  grants: readonly string[];
  /** Permissions and patterns taken from this user; they beat roles and grants. */
  revokes: readonly string[];
  /** Absent means active. */
  status?: 'active' | 'disabled' | 'locked';
}

/** The object of a check, for the owner rule. */
export interface Resource {
  /** What kind of thing it is (`content`, `alert-rule`); used in the reason only. */
  type?: string;
  /** The username of its owner. */
  ownerId?: string | null;
}

/** The answer of {@link checkPermission}. */
export interface Decision {
  allowed: boolean;
  /** One sentence for people and the audit log. */
  reason: string;
  /** What decided: `role:<name>`, `grant`, `owner` when allowed; `revoke:<pattern>` when revoked; else null. */
  via: string | null;
}

/** One row of {@link effectivePermissions}. */
export interface EffectivePermission {
  /** A permission, or a wildcard pattern the user holds as such. */
  permission: string;
  /** Why it is held: `role:<name>` and/or `grant`. */
  sources: string[];
  /** The held patterns that cover it (`*` for an administrator). */
  patterns: string[];
  /** The revoke that takes it away; a row with this set is not in effect. */
  revokedBy?: string;
}

/** One row of {@link rolesTable}. */
export interface RoleRow {
  role: RoleName;
  description: string;
  permissions: string[];
}

interface Held {
  source: string;
  pattern: string;
}

function assertPrincipal(user: Principal): void {
  if (typeof user !== 'object' || user === null) throw new TypeError('"user" must be an object');
  if (typeof user.username !== 'string') throw new TypeError('"user.username" must be a string');
  for (const key of ['roles', 'grants', 'revokes'] as const) {
    const list: unknown = user[key];
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
      throw new TypeError(`"user.${key}" must be an array of strings`);
    }
  }
}

function rolesOf(user: Principal): RoleName[] {
  const names: RoleName[] = [];
  for (const role of user.roles) {
    const name = role.toLowerCase();
    if (isRoleName(name) && !names.includes(name)) names.push(name);
  }
  return names;
}

/** What each role holds, made once: checks run on every request. */
const ROLE_HELD: Readonly<Record<RoleName, readonly Held[]>> = Object.freeze(
  Object.fromEntries(
    ROLE_NAMES.map((role) => [
      role,
      Object.freeze(
        ROLE_PERMISSIONS[role].map((pattern) => Object.freeze({ source: `role:${role}`, pattern })),
      ),
    ]),
  ) as Record<RoleName, readonly Held[]>,
);

/** Every pattern the user holds, with its source, roles first. */
function heldPatterns(user: Principal): Held[] {
  const held: Held[] = [];
  for (const role of rolesOf(user)) held.push(...ROLE_HELD[role]);
  for (const pattern of user.grants) held.push({ source: 'grant', pattern });
  return held;
}

function describe(held: Held): string {
  return held.source === 'grant'
    ? `a direct grant (${held.pattern})`
    : `role ${held.source.slice(5)} (${held.pattern})`;
}

function findRevoke(user: Principal, permission: string): string | undefined {
  return user.revokes.find((pattern) => permissionMatches(pattern, permission));
}

function findHeld(user: Principal, permission: string): Held | undefined {
  // heldPatterns' order, without making the list.
  for (const role of rolesOf(user))
    for (const held of ROLE_HELD[role])
      if (permissionMatches(held.pattern, permission)) return held;
  const grant = user.grants.find((pattern) => permissionMatches(pattern, permission));
  return grant === undefined ? undefined : { source: 'grant', pattern: grant };
}

function ownerRule(
  user: Principal,
  permission: string,
  resource: Resource | undefined,
): Decision | null {
  if (resource === undefined || typeof resource.ownerId !== 'string' || resource.ownerId === '')
    return null;
  if (resource.ownerId !== user.username) return null;
  const match = /^(.+)\.(edit|delete)$/.exec(permission);
  if (match === null) return null;
  const create = `${match[1] as string}.create`;
  if (findRevoke(user, create) !== undefined) return null;
  const held = findHeld(user, create);
  if (held === undefined) return null;
  const kind = resource.type ?? 'resource';
  return {
    allowed: true,
    reason: `${user.username} owns this ${kind} and holds ${create} through ${describe(held)}`,
    via: 'owner',
  };
}

/**
 * Decides whether `user` may do `permission` (on `resource`, for the owner rule). Pure: the caller
 * enforces, logs or only simulates the decision.
 *
 * @param permission A concrete permission such as `monitoring.read`; a pattern or a malformed name
 *   is a programming error (TypeError).
 * @example
 * checkPermission(alice, 'content.edit', { type: 'content', ownerId: 'alice' });
 * // { allowed: true, reason: 'alice owns this content and holds content.create through role user (content.create)', via: 'owner' }
 */
export function checkPermission(
  user: Principal,
  permission: string,
  resource?: Resource,
): Decision {
  assertPrincipal(user);
  let wanted: string | null = null;
  try {
    wanted = canonicalPermission(permission);
  } catch {
    // Falls through to the TypeError below: the caller passed a name it made up, not user input.
  }
  if (wanted === null || wanted !== permission || isWildcard(wanted)) {
    throw new TypeError(
      `"permission" must be a lower-case permission like monitoring.read, not a pattern or other text`,
    );
  }
  if (user.status === 'disabled' || user.status === 'locked') {
    return { allowed: false, reason: `${user.username}'s account is ${user.status}`, via: null };
  }
  const revoke = findRevoke(user, permission);
  if (revoke !== undefined) {
    return {
      allowed: false,
      reason: `${permission} is revoked for ${user.username} (revoke ${revoke})`,
      via: `revoke:${revoke}`,
    };
  }
  const held = findHeld(user, permission);
  if (held !== undefined) {
    return {
      allowed: true,
      reason: `${user.username} holds ${permission} through ${describe(held)}`,
      via: held.source,
    };
  }
  const owner = ownerRule(user, permission, resource);
  if (owner !== null) return owner;
  return {
    allowed: false,
    reason: `no role or grant of ${user.username} gives ${permission}`,
    via: null,
  };
}

function row(
  permission: string,
  matching: Held[],
  revokedBy: string | undefined,
): EffectivePermission {
  const sources = [...new Set(matching.map((held) => held.source))];
  const patterns = [...new Set(matching.map((held) => held.pattern))];
  return revokedBy === undefined
    ? { permission, sources, patterns }
    : { permission, sources, patterns, revokedBy };
}

/**
 * What `user` holds and why, for `security --permissions <user>`: one row per permission of the
 * catalog (or named in the user's roles, grants and revokes) that a role or grant covers, plus one
 * row per wildcard pattern held, so that `*` and `reports.*` are visible as such. Rows taken away by
 * a revoke stay in the list with `revokedBy`, so the operator sees why they do not apply. A wildcard
 * row carries `revokedBy` only when a revoke covers the whole pattern. The account's status is not
 * considered: a disabled or locked user holds nothing in {@link checkPermission} regardless.
 * Sorted by name (`*` and `x.*` sort before the names they cover).
 */
export function effectivePermissions(user: Principal): EffectivePermission[] {
  assertPrincipal(user);
  const held = heldPatterns(user);
  const names = new Set<string>(KNOWN_PERMISSIONS);
  for (const name of [...held.map((h) => h.pattern), ...user.revokes])
    if (!isWildcard(name)) names.add(name);
  const rows: EffectivePermission[] = [];
  for (const name of names) {
    const matching = held.filter((h) => permissionMatches(h.pattern, name));
    if (matching.length > 0) rows.push(row(name, matching, findRevoke(user, name)));
  }
  const wildcards = new Set(held.filter((h) => isWildcard(h.pattern)).map((h) => h.pattern));
  for (const pattern of wildcards) {
    const matching = held.filter((h) => h.pattern === pattern);
    rows.push(row(pattern, matching, findRevoke(user, pattern)));
  }
  return rows.sort((a, b) =>
    a.permission < b.permission ? -1 : a.permission > b.permission ? 1 : 0,
  );
}

/** The five roles with their descriptions and permissions, for `security --roles`. */
export function rolesTable(): RoleRow[] {
  return ROLE_NAMES.map((role) => ({
    role,
    description: ROLE_DESCRIPTIONS[role],
    permissions: [...ROLE_PERMISSIONS[role]],
  }));
}
