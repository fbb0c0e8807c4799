/**
 * @module `security --roles | --permissions <user> | --grant <user> <permission> | --revoke …`.
 */
import type { Command } from 'commander';
import type { ResultOf } from '../../../protocol/methods.js';
import { loggedInClient } from '../../auth/login-session.js';
import type { CliContext } from '../../context.js';
import { renderTable } from '../../table.js';
import { pairOption, type SecurityOptions } from './modes.js';

export function addPermissionOptions(command: Command): Command {
  return command
    .option('--roles', 'the roles and the permissions each holds')
    .option('--permissions <username>', "a user's effective permissions, and why each is held (role, grant) or not (revoke)")
    .addOption(pairOption('--grant <username> <permission>', 'grant a permission (domain.action, or a wildcard like monitoring.*) beyond the roles'))
    .addOption(pairOption('--revoke <username> <permission>', 'revoke a permission: an explicit revoke wins over every role'));
}

export function renderRoles(result: ResultOf<'security.roles'>): string {
  return renderTable(['ROLE', 'PERMISSIONS', 'DESCRIPTION'], result.roles.map((r) => [r.role, r.permissions.join(', '), r.description]));
}

export function renderPermissions(result: ResultOf<'security.permissions'>): string {
  const head = `${result.username} (${result.roles.join(', ')}; ${result.status})`;
  if (result.permissions.length === 0) return `${head}\nNo permissions.`;
  const rows = result.permissions.map((p) => [p.permission, p.revokedBy === undefined ? 'yes' : 'no', p.revokedBy === undefined ? p.sources.join(', ') : `revoked (${p.revokedBy})`]);
  return `${head}\n${renderTable(['PERMISSION', 'HELD', 'WHY'], rows)}`;
}

export async function runRoles(ctx: CliContext): Promise<void> {
  const result = await (await ctx.client()).request('security.roles', {});
  ctx.out.data(result, () => renderRoles(result));
}

export async function runPermissions(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const result = await (await ctx.client()).request('security.permissions', { username: options.permissions as string });
  ctx.out.data(result, () => renderPermissions(result));
}

export async function runGrant(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const [username, permission] = options.grant as [string, string];
  const { client } = await loggedInClient(ctx);
  const result = await client.request('security.grant', { username, permission });
  ctx.out.data(result, () => `Granted ${permission} to ${result.user.username}`);
}

export async function runRevoke(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const [username, permission] = options.revoke as [string, string];
  const { client } = await loggedInClient(ctx);
  const result = await client.request('security.revoke', { username, permission });
  ctx.out.data(result, () => `Revoked ${permission} from ${result.user.username}`);
}
