/**
 * @module The account layer of {@link SecuritySystem}: creating users, managing their roles,
 * status, passwords and permission grants, and asking what they may do.
 *
 * Kept apart from the logins, crypto and threat calls so that each file has one job;
 * SecurityLogins extends this class and SecuritySystem extends that, so callers see one object. Every change is durable
 * and audited under the system's actor before the promise resolves.
 */
import type { Core } from '../core.js';
import type { SecurityEngine } from '../security/engine/security-engine.js';
import type { Decision, Resource } from '../security/rbac/authorizer.js';
import type { UserView } from '../security/users/user-record.js';
import { resourceArg, rolesArg, stringArg, userArg } from './arguments.js';

/** Users and what they may do: the base of {@link SecuritySystem}. */
export class SecurityAccounts {
  /**
   * @param core - the opened engines (opening is awaited by each call, so a failure to open the
   *   store surfaces as the rejection of the first call).
   * @param actor - the name audit events record for calls made through this object.
   */
  constructor(
    protected readonly core: Promise<Core>,
    protected readonly actor = 'library',
  ) {}

  protected async engine(): Promise<SecurityEngine> {
    return (await this.core).security;
  }

  /**
   * Creates a user (the spec's `create_user`). The password is checked against the policy (length,
   * blocklist, not the name or address, zxcvbn score) and stored as a bcrypt hash.
   * @param roles - role names, any case (default `['user']`); see `Role`.
   * @throws WEAK_PASSWORD (`details.rule` says why), CONFLICT (name taken), InvalidInputError (bad
   *   username, email or role).
   */
  async createUser(
    username: string,
    email: string,
    password: string,
    roles?: readonly string[],
  ): Promise<UserView> {
    const input = {
      username: stringArg(username, 'username'),
      email: stringArg(email, 'email'),
      password: stringArg(password, 'password'),
      ...(roles === undefined ? {} : { roles: rolesArg(roles) }),
    };
    return (await this.engine()).users.create(input, this.actor);
  }

  /** Every user, sorted by name (never a password hash). */
  async listUsers(): Promise<UserView[]> {
    return (await this.engine()).users.list();
  }

  /** One user, the name matched case-insensitively. @throws NotFoundError */
  async getUser(username: string): Promise<UserView> {
    return (await this.engine()).users.view(stringArg(username, 'username'));
  }

  /** Replaces a user's roles. @throws NotFoundError; InvalidInputError for an unknown role. */
  async setUserRoles(username: string, roles: readonly string[]): Promise<UserView> {
    const args = [stringArg(username, 'username'), rolesArg(roles)] as const;
    return (await this.engine()).users.setRoles(...args, this.actor);
  }

  /** Disables an account: it cannot log in, and its sessions end. @throws NotFoundError */
  async disableUser(username: string): Promise<UserView> {
    const name = stringArg(username, 'username');
    return (await this.engine()).users.setStatus(name, 'disabled', this.actor);
  }

  /** Enables a disabled account again. @throws NotFoundError */
  async enableUser(username: string): Promise<UserView> {
    const name = stringArg(username, 'username');
    return (await this.engine()).users.setStatus(name, 'active', this.actor);
  }

  /** Deletes a user and ends their sessions. @returns the user as it was. @throws NotFoundError */
  async deleteUser(username: string): Promise<UserView> {
    return (await this.engine()).users.delete(stringArg(username, 'username'), this.actor);
  }

  /**
   * Sets a new password (checked against the policy) and ends the user's sessions.
   * @throws NotFoundError, WEAK_PASSWORD
   */
  async changePassword(username: string, newPassword: string): Promise<UserView> {
    const args = [stringArg(username, 'username'), stringArg(newPassword, 'newPassword')] as const;
    return (await this.engine()).users.setPassword(...args, this.actor);
  }

  /** Clears a lockout (and the failure count). @throws NotFoundError */
  async unlockUser(username: string): Promise<UserView> {
    return (await this.engine()).users.unlock(stringArg(username, 'username'), this.actor);
  }

  /**
   * Grants a permission or pattern (`monitoring.write`, `content.*`) beyond the user's roles; a
   * revoke of the same permission is dropped. @throws NotFoundError, InvalidInputError
   */
  async grantPermission(username: string, permission: string): Promise<UserView> {
    const args = [stringArg(username, 'username'), stringArg(permission, 'permission')] as const;
    return (await this.engine()).users.grant(...args, this.actor);
  }

  /** Revokes a permission: an explicit revoke beats every role. @throws NotFoundError */
  async revokePermission(username: string, permission: string): Promise<UserView> {
    const args = [stringArg(username, 'username'), stringArg(permission, 'permission')] as const;
    return (await this.engine()).users.revoke(...args, this.actor);
  }
  /**
   * Whether a user may do `permission` (on `resource`, for the owner rule); the spec's
   * `check_permission`. An unknown, disabled or locked user may do nothing.
   * @param username - a username, or a user as this library returns it.
   * @throws TypeError when `permission` is not a plain permission like `monitoring.read`.
   */
  async checkPermission(
    username: string | Pick<UserView, 'username'>,
    permission: string,
    resource?: Resource,
  ): Promise<boolean> {
    return (await this.explainPermission(username, permission, resource)).allowed;
  }

  /** {@link checkPermission} with its reason, and what decided it (`role:admin`, `revoke:…`). */
  async explainPermission(
    username: string | Pick<UserView, 'username'>,
    permission: string,
    resource?: Resource,
  ): Promise<Decision> {
    const args = [
      userArg(username),
      stringArg(permission, 'permission'),
      resourceArg(resource),
    ] as const;
    return (await this.engine()).checkPermission(...args);
  }
}
