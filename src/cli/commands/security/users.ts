/**
 * @module `security --create-user | --users | --delete-user | --disable-user | --enable-user |
 * --set-roles | --passwd | --unlock | --import-htpasswd`.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidInputError } from '../../../protocol/errors.js';
import type { UserViewWire } from '../../../protocol/security-schemas.js';
import { readNewPassword } from '../../auth/password-prompt.js';
import { loggedInClient } from '../../auth/login-session.js';
import type { CliContext } from '../../context.js';
import { renderTable } from '../../table.js';
import { pairOption, type SecurityOptions } from './modes.js';
import { ago } from './time-text.js';

/** Largest htpasswd file read (it is a text file of short lines). */
const MAX_HTPASSWD_BYTES = 5_000_000;

export function addUserOptions(command: Command): Command {
  return command
    .addOption(
      pairOption(
        '--create-user <username> <email>',
        'create a user; the password is asked twice on a terminal, or read from --password-stdin (never from the command line)',
      ),
    )
    .option(
      '--role <role>',
      'with --create-user or --set-roles: admin, user, moderator, guest or service (repeatable; default user)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option(
      '--password-stdin',
      'with --create-user, --passwd or --login: read the password from stdin (one line)',
    )
    .option('--users', 'list the users: roles, status (active, disabled, locked), last login')
    .option('--delete-user <username>', 'delete a user and end their sessions')
    .option(
      '--disable-user <username>',
      'disable a user (they cannot log in) and end their sessions',
    )
    .option('--enable-user <username>', 'enable a disabled user')
    .option('--set-roles <username>', "replace a user's roles with the --role values")
    .option(
      '--passwd <username>',
      "set a user's password (your own, or anyone's with security.users.manage); ends their sessions",
    )
    .option('--unlock <username>', 'clear the lockout of an account locked after failed logins')
    .option(
      '--import-htpasswd <file>',
      'import users from an Apache/nginx htpasswd file with their bcrypt hashes (other kinds are reported and skipped)',
    );
}

export function renderUsers(users: UserViewWire[], now: number): string {
  if (users.length === 0)
    return 'No users yet. Create the first (an admin) with: clickup-brain security --create-user <username> <email> --role admin';
  const rows = users.map((u) => [
    u.username,
    u.email === '' ? '-' : u.email,
    u.roles.join(','),
    u.status === 'locked'
      ? `locked${u.lockedUntil === null ? '' : ` until ${new Date(u.lockedUntil).toISOString()}`}`
      : u.status,
    u.lastLoginAt === null ? 'never' : ago(u.lastLoginAt, now),
    ago(u.createdAt, now),
  ]);
  return renderTable(['USER', 'EMAIL', 'ROLES', 'STATUS', 'LAST LOGIN', 'CREATED'], rows);
}

async function newPassword(ctx: CliContext, options: SecurityOptions): Promise<string> {
  return readNewPassword({
    stdin: ctx.deps.stdin,
    stdout: ctx.deps.stderr,
    passwordStdin: options.passwordStdin === true,
  });
}

export async function runCreateUser(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const [username, email] = options.createUser as [string, string];
  const { client } = await loggedInClient(ctx);
  const password = await newPassword(ctx, options);
  const { user } = await client.request('security.users.create', {
    username,
    email,
    password,
    ...(options.role === undefined ? {} : { roles: options.role }),
  });
  ctx.out.data({ user }, () => `Created user ${user.username} (${user.roles.join(', ')})`);
}

export async function runUsers(ctx: CliContext): Promise<void> {
  const { users } = await (await ctx.client()).request('security.users.list', {});
  ctx.out.data({ users }, () => renderUsers(users, ctx.deps.now()));
}

async function userChange(
  ctx: CliContext,
  done: (user: UserViewWire) => string,
  call: (
    client: Awaited<ReturnType<typeof loggedInClient>>['client'],
  ) => Promise<{ user: UserViewWire }>,
): Promise<void> {
  const { client } = await loggedInClient(ctx);
  const result = await call(client);
  ctx.out.data(result, () => done(result.user));
}

export const runDeleteUser = (ctx: CliContext, o: SecurityOptions): Promise<void> =>
  userChange(
    ctx,
    (u) => `Deleted user ${u.username}`,
    (c) => c.request('security.users.delete', { username: o.deleteUser as string }),
  );
export const runDisableUser = (ctx: CliContext, o: SecurityOptions): Promise<void> =>
  userChange(
    ctx,
    (u) => `Disabled ${u.username}; their sessions have ended`,
    (c) =>
      c.request('security.users.setStatus', {
        username: o.disableUser as string,
        status: 'disabled',
      }),
  );
export const runEnableUser = (ctx: CliContext, o: SecurityOptions): Promise<void> =>
  userChange(
    ctx,
    (u) => `Enabled ${u.username}`,
    (c) =>
      c.request('security.users.setStatus', { username: o.enableUser as string, status: 'active' }),
  );
export const runSetRoles = (ctx: CliContext, o: SecurityOptions): Promise<void> =>
  userChange(
    ctx,
    (u) => `${u.username} now has the roles ${u.roles.join(', ')}`,
    (c) =>
      c.request('security.users.setRoles', {
        username: o.setRoles as string,
        roles: o.role as string[],
      }),
  );
export const runUnlock = (ctx: CliContext, o: SecurityOptions): Promise<void> =>
  userChange(
    ctx,
    (u) => `Unlocked ${u.username}`,
    (c) => c.request('security.users.unlock', { username: o.unlock as string }),
  );

export async function runPasswd(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const { client } = await loggedInClient(ctx);
  const password = await newPassword(ctx, options);
  const { user } = await client.request('security.users.setPassword', {
    username: options.passwd as string,
    password,
  });
  ctx.out.data(
    { user },
    () => `Changed the password of ${user.username}; their sessions have ended`,
  );
}

export async function runImportHtpasswd(ctx: CliContext, options: SecurityOptions): Promise<void> {
  // resolve('') is the working folder, which would be reported as the file that cannot be read.
  if (options.importHtpasswd === '')
    throw new InvalidInputError('the htpasswd file name is empty', 'file');
  const file = resolve(options.importHtpasswd as string);
  let content: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_HTPASSWD_BYTES)
      throw new InvalidInputError(
        `${file} is larger than ${MAX_HTPASSWD_BYTES} bytes; is it an htpasswd file?`,
        'file',
      );
    content = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'file',
    );
  }
  const { client } = await loggedInClient(ctx);
  const report = await client.request('security.users.import', { content });
  ctx.out.data(report, () => {
    const lines = [
      `Imported ${report.imported.length} user(s)${report.imported.length === 0 ? '' : `: ${report.imported.map((u) => u.username).join(', ')}`}`,
    ];
    for (const s of report.skipped)
      lines.push(
        `  skipped line ${s.line}${s.username === null ? '' : ` (${s.username})`}: ${s.message}`,
      );
    if (report.imported.length > 0)
      lines.push(
        'Imported users have the role user and no email; their passwords were not checked against the policy until they change them (clickup-brain security --passwd <user>).',
      );
    return lines.join('\n');
  });
}
