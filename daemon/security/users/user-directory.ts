/**
 * @module The user directory: accounts in the store, their passwords, roles, grants and status.
 *
 * Every change is durable before it returns and is written to the audit log by name, never with
 * a password or hash. Password checks (policy, then bcrypt on the libuv pool) run before the
 * store is touched, so a refused change changes nothing.
 */
import { AppError, InvalidInputError, NotFoundError } from '../../../src/protocol/errors.js';
import type { Clock } from '../../clock.js';
import type { Store } from '../../store/store.js';
import type { AuditLog } from '../audit-log.js';
import { emptyLockoutState, type LockoutState } from '../guard/lockout-policy.js';
import { isBcryptHash } from '../passwords/bcrypt-format.js';
import type { PasswordHasher } from '../passwords/password-hasher.js';
import { parsePermission } from '../rbac/permission.js';
import { parseRole, type RoleName } from '../rbac/roles.js';
import { normaliseUsername, validateEmail } from './user-fields.js';
import { toUserView, type UserRecord, type UserView } from './user-record.js';

export interface NewUser {
  username: string;
  email: string;
  roles?: readonly string[];
  /** A new password (checked against the policy and hashed), or… */
  password?: string;
  /** …an existing bcrypt hash (an import), kept as it is. */
  passwordHash?: string;
}

export interface UserDirectoryOptions {
  store: Store;
  audit: AuditLog;
  clock: Clock;
  hasher: PasswordHasher;
  /** Throws WEAK_PASSWORD when `password` fails the policy for this user. */
  checkPassword: (password: string, user: { username: string; email: string }) => void;
  /** Told when a user's sessions must end (password changed, disabled, deleted). */
  onCredentialsChanged: (username: string, reason: string) => Promise<void>;
}

function parseRoles(roles: readonly string[] | undefined): RoleName[] {
  const list = (roles ?? ['user']).map((r) => parseRole(r));
  if (list.length === 0) throw new InvalidInputError('a user needs at least one role', 'roles');
  return [...new Set(list)];
}

export class UserDirectory {
  constructor(private readonly options: UserDirectoryOptions) {}

  private get users(): UserRecord[] {
    return this.options.store.data.users;
  }

  /** True while the store holds no user (the first one may be made an admin without login). */
  isEmpty(): boolean {
    return this.users.length === 0;
  }

  /** The record for a name, matched case-insensitively, or undefined (a bad name finds nothing). */
  find(name: string): UserRecord | undefined {
    let key: string;
    try {
      key = normaliseUsername(name);
    } catch {
      return undefined;
    }
    return this.users.find((u) => u.username === key);
  }

  /** @throws NotFoundError */
  record(name: string): UserRecord {
    const record = this.find(name);
    if (record === undefined)
      throw new NotFoundError(`no user named '${String(name).slice(0, 64)}'`);
    return record;
  }

  view(name: string): UserView {
    return toUserView(this.record(name), this.options.clock.now());
  }

  /** The stored records, for the engine's own readers (posture); never leaves the daemon. */
  records(): readonly UserRecord[] {
    return this.users;
  }

  list(): UserView[] {
    const now = this.options.clock.now();
    return this.users
      .map((u) => toUserView(u, now))
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  /**
   * Creates a user.
   * @throws InvalidInputError (name, email, role), CONFLICT (name taken), WEAK_PASSWORD.
   */
  async create(input: NewUser, actor: string): Promise<UserView> {
    const username = normaliseUsername(input.username);
    // Imported users (htpasswd holds no address) may have none until one is set.
    const email = input.passwordHash !== undefined && input.email === '' ? '' : validateEmail(input.email);
    const roles = parseRoles(input.roles);
    if (this.find(username) !== undefined)
      throw new AppError('CONFLICT', `user '${username}' already exists`, {
        details: { field: 'username' },
      });
    let passwordHash: string;
    if (input.passwordHash !== undefined) {
      if (!isBcryptHash(input.passwordHash))
        throw new InvalidInputError(
          'password hash is not a bcrypt hash ($2a$, $2b$ or $2y$)',
          'passwordHash',
        );
      passwordHash = input.passwordHash;
    } else {
      if (typeof input.password !== 'string')
        throw new InvalidInputError('a password is required', 'password');
      this.options.checkPassword(input.password, { username, email });
      passwordHash = await this.options.hasher.hash(input.password);
    }
    // Checked again: another create may have taken the name while bcrypt ran.
    if (this.find(username) !== undefined)
      throw new AppError('CONFLICT', `user '${username}' already exists`, {
        details: { field: 'username' },
      });
    const now = this.options.clock.now();
    const record: UserRecord = {
      username,
      displayName: String(input.username).trim(),
      email,
      roles,
      status: 'active',
      passwordHash,
      passwordChangedAt: now,
      grants: [],
      revokes: [],
      lockout: emptyLockoutState(),
      createdAt: now,
      updatedAt: now,
      lastLoginAt: null,
      lastLoginIp: null,
      createdBy: actor,
      origin: input.passwordHash === undefined ? 'created' : 'htpasswd',
    };
    await this.options.store.mutate(() => {
      this.users.push(record);
      return {
        result: undefined,
        undo: () => void this.users.splice(this.users.indexOf(record), 1),
      };
    });
    await this.options.audit.append({
      type: 'user.created',
      actor,
      subject: username,
      outcome: 'success',
      details: { roles, origin: record.origin },
    });
    return toUserView(record, now);
  }

  /** Replaces a record by a changed copy, durably. Internal building block. */
  async update(
    name: string,
    change: (user: UserRecord) => Partial<UserRecord>,
  ): Promise<UserRecord> {
    const old = this.record(name);
    const next: UserRecord = { ...old, ...change(old), updatedAt: this.options.clock.now() };
    await this.options.store.mutate(() => {
      const at = this.users.indexOf(old);
      this.users[at] = next;
      return { result: undefined, undo: () => void (this.users[this.users.indexOf(next)] = old) };
    });
    return next;
  }

  private async changed(
    type: string,
    actor: string,
    user: UserRecord,
    details: Record<string, unknown>,
  ): Promise<UserView> {
    await this.options.audit.append({
      type,
      actor,
      subject: user.username,
      outcome: 'success',
      details,
    });
    return toUserView(user, this.options.clock.now());
  }

  async setRoles(name: string, roles: readonly string[], actor: string): Promise<UserView> {
    const list = parseRoles(roles);
    const user = await this.update(name, () => ({ roles: list }));
    return this.changed('user.changed', actor, user, { roles: list });
  }

  /** Disables or enables an account; disabling ends its sessions. */
  async setStatus(name: string, status: 'active' | 'disabled', actor: string): Promise<UserView> {
    const user = await this.update(name, () => ({ status }));
    if (status === 'disabled')
      await this.options.onCredentialsChanged(user.username, 'user disabled');
    return this.changed(status === 'disabled' ? 'user.disabled' : 'user.enabled', actor, user, {});
  }

  async delete(name: string, actor: string): Promise<UserView> {
    const record = this.record(name);
    await this.options.store.mutate(() => {
      const at = this.users.indexOf(record);
      this.users.splice(at, 1);
      return { result: undefined, undo: () => void this.users.splice(at, 0, record) };
    });
    await this.options.onCredentialsChanged(record.username, 'user deleted');
    await this.options.audit.append({
      type: 'user.deleted',
      actor,
      subject: record.username,
      outcome: 'success',
    });
    return toUserView(record, this.options.clock.now());
  }

  /**
   * Sets a new password (the user's own change or an admin reset) and ends the user's sessions.
   * @throws WEAK_PASSWORD
   */
  async setPassword(name: string, password: string, actor: string): Promise<UserView> {
    const record = this.record(name);
    this.options.checkPassword(password, { username: record.username, email: record.email });
    const passwordHash = await this.options.hasher.hash(password);
    const user = await this.update(name, () => ({
      passwordHash,
      passwordChangedAt: this.options.clock.now(),
      origin: 'created',
    }));
    await this.options.onCredentialsChanged(user.username, 'password changed');
    return this.changed('user.password_changed', actor, user, { reset: actor !== user.username });
  }

  /** Adds a permission grant (and drops a revoke of the same permission). */
  async grant(name: string, permissionText: string, actor: string): Promise<UserView> {
    const permission = parsePermission(permissionText);
    const user = await this.update(name, (u) => ({
      grants: [...new Set([...u.grants, permission])],
      revokes: u.revokes.filter((p) => p !== permission),
    }));
    return this.changed('permission.granted', actor, user, { permission });
  }

  /** Revokes a permission: an explicit revoke wins over every role. */
  async revoke(name: string, permissionText: string, actor: string): Promise<UserView> {
    const permission = parsePermission(permissionText);
    const user = await this.update(name, (u) => ({
      revokes: [...new Set([...u.revokes, permission])],
      grants: u.grants.filter((p) => p !== permission),
    }));
    return this.changed('permission.revoked', actor, user, { permission });
  }

  /** Clears the lockout counters. @throws NotFoundError */
  async unlock(name: string, actor: string): Promise<UserView> {
    const user = await this.update(name, () => ({ lockout: emptyLockoutState() }));
    return this.changed('user.unlocked', actor, user, {});
  }

  /** Stores new lockout counters (from the decision point). */
  async setLockout(name: string, lockout: LockoutState): Promise<UserRecord> {
    return this.update(name, () => ({ lockout }));
  }

  /** Records a successful login: counters reset, time and address kept, hash refreshed if due. */
  async loggedIn(name: string, ip: string | null, freshHash: string | null): Promise<UserRecord> {
    const now = this.options.clock.now();
    return this.update(name, () => ({
      lockout: emptyLockoutState(),
      lastLoginAt: now,
      lastLoginIp: ip,
      ...(freshHash === null ? {} : { passwordHash: freshHash }),
    }));
  }
}
