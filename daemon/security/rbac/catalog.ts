/**
 * @module The permissions the product checks, each with what it allows.
 *
 * Grants are not limited to this list (an embedding service may check its own `reports.export`),
 * but these are the names the daemon, the CLI and the HTTP API use, and the ones
 * `effectivePermissions` spells out when a user holds them through a wildcard.
 */

/** Every permission the product itself checks, with a one-line description. */
export const PERMISSION_CATALOG: Readonly<Record<string, string>> = Object.freeze({
  'system.admin': 'administer the daemon itself: settings, restarts, store maintenance',
  'monitoring.read': 'read metrics, health checks, alerts and the dashboards',
  'monitoring.write': 'push metrics; create, change and silence alert rules and health checks',
  'security.read': 'read the security status and the security event log',
  'security.audit.read': 'read and verify the tamper-evident audit log',
  'security.users.manage':
    'create, change, disable, unlock and delete users, and grant or revoke roles and permissions',
  'security.sessions.manage': 'list and revoke the sessions of any user',
  'security.blacklist.manage': 'add and remove blacklist and allowlist entries',
  'security.secrets.read': 'read stored secrets',
  'security.secrets.write': 'store and delete secrets',
  'security.keys.manage': 'rotate encryption and signing keys',
  'content.read': 'read content',
  'content.create': 'create content (and, as its owner, edit and delete it)',
  'content.edit': "edit anyone's content",
  'content.delete': "delete anyone's content",
  'content.moderate': 'hide, flag and restore content',
  'api.access': 'call the HTTP API with a token',
});

/** The catalog's permission names, sorted. */
export const KNOWN_PERMISSIONS: readonly string[] = Object.freeze(
  Object.keys(PERMISSION_CATALOG).sort(),
);

/** The same names as a set: a check of a catalog permission needs no parsing (each is canonical). */
export const KNOWN_PERMISSION_SET: ReadonlySet<string> = new Set(KNOWN_PERMISSIONS);
