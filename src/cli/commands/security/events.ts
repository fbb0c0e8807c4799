/**
 * @module `security --events [--type] [--user] [--ip] [--since] [--limit] [--follow]` and
 * `security --verify-log`.
 */
import type { Command } from 'commander';
import type { IPv6 } from 'ipaddr.js';
import { InvalidInputError } from '../../../protocol/errors.js';
import type { AuditEventWire } from '../../../protocol/security-schemas.js';
import type { CliContext } from '../../context.js';
import { durationOption, positiveInteger, textOption } from '../../parsers.js';
import { renderTable } from '../../table.js';
import type { SecurityOptions } from './modes.js';

export function addEventOptions(command: Command): Command {
  return command
    .option('--events', 'the security and audit events, newest last (filters: --type, --user, --ip, --since, --limit; --follow to keep printing)')
    .option('--type <type>', 'with --events: one type (login.failure) or a family (login.*)', textOption(64))
    .option('--ip <ip|cidr>', 'with --events: events from this address or network', textOption(100))
    .option('--since <duration>', 'with --events: only the last <duration> (15m, 24h, 7d)', durationOption)
    .option('--limit <n>', 'with --events: the newest n events (default 100, at most 10000)', positiveInteger)
    .option('--follow', 'with --events: keep printing events as they happen, until interrupted')
    .option('--verify-log', "check the audit log's hash chain; reports the first broken line (exit 1 when broken)");
}

/** The details worth a glance, without the chain fields. */
function brief(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}

export function eventLine(e: AuditEventWire): string {
  return [e.time, e.type, e.outcome, e.actor, e.subject ?? '-', e.ip ?? '-', brief(e.details)].join('  ').trimEnd();
}

export function renderEvents(events: AuditEventWire[]): string {
  if (events.length === 0) return 'No events match.';
  return renderTable(['TIME', 'TYPE', 'OUTCOME', 'ACTOR', 'SUBJECT', 'IP', 'DETAILS'], events.map((e) => [e.time, e.type, e.outcome, e.actor, e.subject ?? '-', e.ip ?? '-', brief(e.details)]));
}

/** The --follow filter, applied here to the pushed events (same rules as the daemon's query). */
async function followMatcher(options: SecurityOptions): Promise<(e: AuditEventWire) => boolean> {
  const type = options.type;
  const user = options.user?.toLowerCase();
  let inNetwork: ((ip: string) => boolean) | null = null;
  if (options.ip !== undefined) {
    const { default: ipaddr } = await import('ipaddr.js');
    const text = options.ip;
    try {
      const [address, bits] = text.includes('/') ? ipaddr.parseCIDR(text) : [ipaddr.parse(text), ipaddr.parse(text).kind() === 'ipv4' ? 32 : 128];
      inNetwork = (ip) => {
        try {
          let parsed = ipaddr.parse(ip);
          if (parsed.kind() === 'ipv6' && (parsed as IPv6).isIPv4MappedAddress()) parsed = (parsed as IPv6).toIPv4Address();
          return parsed.kind() === address.kind() && parsed.match(address, bits);
        } catch {
          return false;
        }
      };
    } catch {
      throw new InvalidInputError(`--ip: '${text}' is not an IP address or CIDR network`, 'ip');
    }
  }
  return (e) =>
    (type === undefined || (type.endsWith('.*') ? e.type.startsWith(type.slice(0, -1)) : e.type === type)) &&
    (user === undefined || e.actor.toLowerCase() === user || (e.subject ?? '').toLowerCase() === user) &&
    (inNetwork === null || (e.ip !== null && inNetwork(e.ip)));
}

export async function runEvents(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const client = await ctx.client();
  const filter = {
    ...(options.type === undefined ? {} : { type: options.type }),
    ...(options.user === undefined ? {} : { user: options.user }),
    ...(options.ip === undefined ? {} : { ip: options.ip }),
    ...(options.since === undefined ? {} : { sinceMs: options.since }),
  };
  if (options.follow !== true) {
    const result = await client.request('security.events', { ...filter, ...(options.limit === undefined ? {} : { limit: options.limit }) });
    ctx.out.data(result, () => renderEvents(result.events));
    return;
  }
  // Subscribe first, then print the recent ones, so nothing falls between the two.
  const matches = await followMatcher(options);
  const print = (e: AuditEventWire): void => ctx.out.raw(`${ctx.out.json ? JSON.stringify(e) : eventLine(e)}\n`);
  const seen = new Set<string>();
  const buffered: AuditEventWire[] = [];
  let live = false;
  client.onNotification('security.event', (event) => {
    if (!matches(event)) return;
    if (live) print(event);
    else buffered.push(event);
  });
  await client.request('security.subscribe', { topics: ['events'] });
  const recent = await client.request('security.events', { ...filter, limit: 20 });
  for (const e of recent.events) {
    seen.add(e.id);
    print(e);
  }
  for (const e of buffered) if (!seen.has(e.id)) print(e);
  live = true;
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    client.once('close', resolve);
  });
}

export async function runVerifyLog(ctx: CliContext): Promise<number> {
  const result = await (await ctx.client()).request('security.verifyLog', {});
  ctx.out.data(result, () => {
    if (result.ok) return `The audit log is intact: ${result.lines} line(s) in ${result.files} file(s) chain correctly.`;
    const b = result.firstBroken;
    return `The audit log is BROKEN at ${b?.file} line ${b?.line}${b?.seq === null || b?.seq === undefined ? '' : ` (seq ${b.seq})`}: ${b?.reason}. ${result.lines} line(s) before it chain correctly.`;
  });
  return result.ok ? 0 : 1;
}
