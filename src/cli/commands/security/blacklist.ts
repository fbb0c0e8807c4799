/**
 * @module `security --blacklist [ip|cidr] [--for] [--reason] | --unblacklist` and
 * `--allowlist [ip|cidr] | --unallowlist`.
 */
import type { Command } from 'commander';
import { formatDuration } from '../../../protocol/duration.js';
import type { BlacklistEntry } from '../../../protocol/schemas.js';
import type { CliContext } from '../../context.js';
import { relative } from '../../format.js';
import { durationOption, textOption } from '../../parsers.js';
import { renderTable } from '../../table.js';
import type { SecurityOptions } from './modes.js';

export function addBlacklistOptions(command: Command): Command {
  return command
    .option('--blacklist [ip|cidr]', 'block an IPv4/IPv6 address or CIDR network; with no value, list the entries')
    .option('--unblacklist <ip|cidr>', 'remove the entry for exactly this address or network')
    .option('--for <duration>', 'with --blacklist <ip|cidr>: expire after this long (500ms, 15s, 5m, 1h, 7d); default: never', durationOption)
    .option('--reason <text>', 'with --blacklist <ip|cidr>: why, shown in lists and the audit log', textOption(500))
    .option('--allowlist [ip|cidr]', 'never ban this address or network automatically; with no value, list the allowlist (loopback is built in)')
    .option('--unallowlist <ip|cidr>', 'remove an allowlist entry');
}

export function renderBlacklist(entries: BlacklistEntry[], ctx: CliContext): string {
  if (entries.length === 0) return 'The blacklist is empty.';
  const now = ctx.deps.now();
  const rows = entries.map((e) => [
    e.target,
    e.source,
    e.expiresAt === null ? 'never' : `${relative(e.expiresAt, now)} (${e.expiresAt})`,
    relative(e.createdAt, now),
    e.reason === '' ? '-' : e.reason,
  ]);
  return renderTable(['TARGET', 'SOURCE', 'EXPIRES', 'ADDED', 'REASON'], rows);
}

export async function runBlacklist(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const client = await ctx.client();
  if (options.blacklist === true) {
    const { entries } = await client.request('security.blacklist.list', {});
    ctx.out.data({ entries }, () => renderBlacklist(entries, ctx));
    return;
  }
  const result = await client.request('security.blacklist.add', {
    target: options.blacklist as string,
    ttlMs: options.for ?? null,
    ...(options.reason === undefined ? {} : { reason: options.reason }),
  });
  const { entry } = result;
  const until = entry.expiresAt === null ? 'permanently' : `until ${entry.expiresAt} (${formatDuration(options.for ?? 0)})`;
  ctx.out.data(result, () => `${result.created ? 'Blacklisted' : 'Updated'} ${entry.target} ${until}${entry.reason === '' ? '' : `: ${entry.reason}`}`);
}

export async function runUnblacklist(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const result = await (await ctx.client()).request('security.blacklist.remove', { target: options.unblacklist as string });
  ctx.out.data(result, () => `Removed ${result.entry.target} from the blacklist`);
}

export async function runAllowlist(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const client = await ctx.client();
  if (options.allowlist === true) {
    const result = await client.request('security.allowlist.list', {});
    ctx.out.data(result, () => [...result.builtIn.map((e) => `${e}  (built in)`), ...result.entries].join('\n'));
    return;
  }
  const result = await client.request('security.allowlist.add', { target: options.allowlist as string });
  ctx.out.data(result, () => (result.created ? `Allowlisted ${result.entry}: it is never banned automatically` : `${result.entry} is already on the allowlist`));
}

export async function runUnallowlist(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const result = await (await ctx.client()).request('security.allowlist.remove', { target: options.unallowlist as string });
  ctx.out.data(result, () => `Removed ${result.entry} from the allowlist`);
}
