/**
 * @module Who may call what over the socket.
 *
 * The socket is owner-only, so whoever opens it is the local operator (DESIGN.md) and may run the
 * daemon, monitoring, the blacklist and the read-only security views. Accounts matter for what
 * acts on or reveals credentials: managing users, grants and sessions, reading or writing secrets,
 * decrypting, signing and rotating keys. Those need a connection logged in
 * (`security.authenticate` with an access token) as a user holding the permission — except on an
 * empty store, where the operator bootstraps (the first user may be made an admin). The operator
 * may also manage users while no account can (the only admin demoted, deleted, disabled or locked
 * until unlocked): without that, nobody could ever create an admin again over the socket. A user
 * may always change their own password and see and end their own sessions.
 */
import { AppError } from '../../src/protocol/errors.js';
import type { MethodName } from '../../src/protocol/methods.js';
import { checkPermission } from '../security/rbac/authorizer.js';
import type { UserView } from '../security/users/user-record.js';
import type { Core } from '../core.js';
import type { RequestContext } from '../router.js';

/** The permission each guarded method needs; every other method is open to the operator. */
export const METHOD_PERMISSIONS: Partial<Record<MethodName, string>> = {
  'security.users.create': 'security.users.manage',
  'security.users.import': 'security.users.manage',
  'security.users.setRoles': 'security.users.manage',
  'security.users.setStatus': 'security.users.manage',
  'security.users.delete': 'security.users.manage',
  'security.users.setPassword': 'security.users.manage',
  'security.users.unlock': 'security.users.manage',
  'security.grant': 'security.users.manage',
  'security.revoke': 'security.users.manage',
  'security.sessions.list': 'security.sessions.manage',
  'security.sessions.revoke': 'security.sessions.manage',
  'security.secrets.get': 'security.secrets.read',
  'security.secrets.list': 'security.secrets.read',
  'security.secrets.put': 'security.secrets.write',
  'security.secrets.delete': 'security.secrets.write',
  'security.decrypt': 'security.secrets.read',
  'security.sign': 'security.keys.manage',
  'security.rotateKeys': 'security.keys.manage',
};

const MANAGE_USERS = 'security.users.manage';

/**
 * True when some account can (now or after a lock that expires by itself) manage users. A lock
 * with an end is ignored, so failed logins against an admin never hand the operator these rights.
 */
export function someoneManagesUsers(users: readonly UserView[]): boolean {
  return users.some(
    (u) =>
      (u.status === 'active' || (u.status === 'locked' && u.lockedUntil !== null)) &&
      checkPermission({ ...u, status: 'active' }, MANAGE_USERS).allowed,
  );
}

/** Calls a user may make about themselves without the method's permission. */
function isSelfService(
  method: MethodName,
  params: Record<string, unknown>,
  username: string,
): boolean {
  const named =
    typeof params['username'] === 'string' ? params['username'].toLowerCase() : undefined;
  if (method === 'security.users.setPassword') return named === username;
  if (method === 'security.sessions.list') return named === username;
  return false;
}

/** The gate the router runs before each handler. */
export function accessGate(core: Core) {
  return (method: MethodName, params: unknown, ctx: RequestContext): void => {
    const permission = METHOD_PERMISSIONS[method];
    if (permission === undefined) return;
    const { security } = core;
    if (security.users.isEmpty()) return;
    const principal = ctx.connection.principal;
    if (principal === null) {
      if (permission === MANAGE_USERS && !someoneManagesUsers(security.users.list())) return;
      throw new AppError(
        'UNAUTHORISED',
        `${method} needs a logged-in user with ${permission}: run 'clickup-brain security --login <username>'`,
        { details: { permission } },
      );
    }
    if (!security.sessions.isLive(principal.sessionId)) {
      ctx.connection.principal = null;
      throw new AppError(
        'UNAUTHORISED',
        `your session has ended: run 'clickup-brain security --login ${principal.username}'`,
        { details: { permission } },
      );
    }
    if (isSelfService(method, (params ?? {}) as Record<string, unknown>, principal.username))
      return;
    const decision = security.checkPermission(principal.username, permission);
    if (!decision.allowed) {
      throw new AppError(
        'FORBIDDEN',
        `${principal.username} may not ${method}: ${decision.reason}`,
        { details: { permission } },
      );
    }
  };
}
