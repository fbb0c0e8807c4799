/**
 * @module security.users.*, grants, roles and permissions handlers.
 */
import { effectivePermissions, rolesTable } from '../security/rbac/authorizer.js';
import { importHtpasswd } from '../security/engine/htpasswd-import.js';
import { userStatus } from '../security/users/user-record.js';
import type { HandlerTable } from '../router.js';
import type { HandlerDeps } from './context.js';

type Names =
  | 'security.users.create'
  | 'security.users.import'
  | 'security.users.list'
  | 'security.users.get'
  | 'security.users.setRoles'
  | 'security.users.setStatus'
  | 'security.users.delete'
  | 'security.users.setPassword'
  | 'security.users.unlock'
  | 'security.roles'
  | 'security.permissions'
  | 'security.check'
  | 'security.grant'
  | 'security.revoke';

export function securityUserHandlers({ core, now }: HandlerDeps): Pick<HandlerTable, Names> {
  const { users } = core.security;
  return {
    'security.users.create': async (params, ctx) => ({
      user: await users.create(params, ctx.actor),
    }),
    'security.users.import': ({ content }, ctx) => importHtpasswd(users, content, ctx.actor),
    'security.users.list': () => ({ users: users.list() }),
    'security.users.get': ({ username }) => ({ user: users.view(username) }),
    'security.users.setRoles': async ({ username, roles }, ctx) => ({
      user: await users.setRoles(username, roles, ctx.actor),
    }),
    'security.users.setStatus': async ({ username, status }, ctx) => ({
      user: await users.setStatus(username, status, ctx.actor),
    }),
    'security.users.delete': async ({ username }, ctx) => ({
      user: await users.delete(username, ctx.actor),
    }),
    'security.users.setPassword': async ({ username, password }, ctx) => ({
      user: await users.setPassword(username, password, ctx.actor),
    }),
    'security.users.unlock': async ({ username }, ctx) => ({
      user: await users.unlock(username, ctx.actor),
    }),
    'security.roles': () => ({
      roles: rolesTable().map((r) => ({
        role: r.role,
        description: r.description,
        permissions: [...r.permissions],
      })),
    }),
    'security.permissions': ({ username }) => {
      const user = users.record(username);
      const status = userStatus(user, now());
      return {
        username: user.username,
        status,
        roles: [...user.roles],
        permissions: effectivePermissions({
          username: user.username,
          roles: user.roles,
          grants: user.grants,
          revokes: user.revokes,
          status,
        }).map((p) => ({
          permission: p.permission,
          sources: [...p.sources],
          patterns: [...p.patterns],
          ...(p.revokedBy === undefined ? {} : { revokedBy: p.revokedBy }),
        })),
      };
    },
    'security.check': ({ username, permission, resource }) =>
      core.security.checkPermission(
        username,
        permission,
        resource === undefined
          ? undefined
          : {
              ...(resource.type === undefined ? {} : { type: resource.type }),
              ownerId: resource.ownerId ?? null,
            },
      ),
    'security.grant': async ({ username, permission }, ctx) => ({
      user: await users.grant(username, permission, ctx.actor),
    }),
    'security.revoke': async ({ username, permission }, ctx) => ({
      user: await users.revoke(username, permission, ctx.actor),
    }),
  };
}
