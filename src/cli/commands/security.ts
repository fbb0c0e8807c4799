/**
 * @module `clickup-brain security`: the IP blacklist now; users, tokens and the rest as they land.
 */
import { Command } from 'commander';
import { formatDuration } from '../../protocol/duration.js';
import { InvalidInputError } from '../../protocol/errors.js';
import type { BlacklistEntry } from '../../protocol/schemas.js';
import { CliContext, type CliDeps } from '../context.js';
import { relative } from '../format.js';
import { durationOption, textOption } from '../parsers.js';
import { renderTable } from '../table.js';

interface SecurityOptions {
  blacklist?: string | true;
  unblacklist?: string;
  for?: number;
  reason?: string;
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

function pickMode(options: SecurityOptions): 'list' | 'add' | 'remove' {
  const modes = [options.blacklist !== undefined && '--blacklist', options.unblacklist !== undefined && '--unblacklist'].filter(Boolean);
  if (modes.length === 0) throw new InvalidInputError('no action given: use --blacklist [ip|cidr] or --unblacklist <ip|cidr> (see clickup-brain security --help)');
  if (modes.length > 1) throw new InvalidInputError(`${modes.join(' and ')} cannot be used together`);
  const mode = options.unblacklist !== undefined ? 'remove' : options.blacklist === true ? 'list' : 'add';
  if (mode !== 'add') {
    for (const [flag, value] of [['--for', options.for], ['--reason', options.reason]] as const) {
      if (value !== undefined) throw new InvalidInputError(`${flag} applies only when adding an entry: clickup-brain security --blacklist <ip|cidr> ${flag} ...`);
    }
  }
  return mode;
}

export function makeSecurityCommand(deps: CliDeps): Command {
  return new Command('security')
    .description('the IP blacklist (addresses and CIDR networks, with expiry and reasons)')
    .option('--blacklist [ip|cidr]', 'block an IPv4/IPv6 address or CIDR network; with no value, list the entries')
    .option('--unblacklist <ip|cidr>', 'remove the entry for exactly this address or network')
    .option('--for <duration>', 'with --blacklist <ip|cidr>: expire after this long (500ms, 15s, 5m, 1h, 7d); default: never', durationOption)
    .option('--reason <text>', 'with --blacklist <ip|cidr>: why, shown in lists and the audit log', textOption(500))
    .addHelpText(
      'after',
      `
Adding an entry that exists updates its reason and expiry. Each change is written to the audit log.

Examples:
  $ clickup-brain security --blacklist 203.0.113.7 --for 24h --reason "credential stuffing"
  $ clickup-brain security --blacklist 2001:db8::/32
  $ clickup-brain security --blacklist
  $ clickup-brain security --blacklist --json
  $ clickup-brain security --unblacklist 203.0.113.7`,
    )
    .action(async (options: SecurityOptions, command: Command) => {
      const ctx = await CliContext.create(command, deps);
      const mode = pickMode(options);
      try {
        const client = await ctx.client();
        if (mode === 'list') {
          const { entries } = await client.request('security.blacklist.list', {});
          ctx.out.data({ entries }, () => renderBlacklist(entries, ctx));
        } else if (mode === 'add') {
          const result = await client.request('security.blacklist.add', {
            target: options.blacklist as string,
            ttlMs: options.for ?? null,
            ...(options.reason === undefined ? {} : { reason: options.reason }),
          });
          const { entry } = result;
          const until = entry.expiresAt === null ? 'permanently' : `until ${entry.expiresAt} (${formatDuration(options.for ?? 0)})`;
          ctx.out.data(result, () => `${result.created ? 'Blacklisted' : 'Updated'} ${entry.target} ${until}${entry.reason === '' ? '' : `: ${entry.reason}`}`);
        } else {
          const result = await client.request('security.blacklist.remove', { target: options.unblacklist as string });
          ctx.out.data(result, () => `Removed ${result.entry.target} from the blacklist`);
        }
      } finally {
        ctx.close();
      }
    });
}
