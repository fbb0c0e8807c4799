/**
 * @module `monitoring --channels | --add-channel | --remove-channel | --test-channel`,
 * `--routes | --add-route | --remove-route` and `--notifications [--since]`.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { InvalidInputError } from '../../../protocol/errors.js';
import type { ChannelInfo, DeliveryRecordWire, RouteInfo } from '../../../protocol/notification-schemas.js';
import { formatDuration } from '../../../protocol/duration.js';
import type { CliContext } from '../../context.js';
import { relative } from '../../format.js';
import type { Colors } from '../../output.js';
import { durationOption, durationOrZeroOption, positiveInteger, sinceOption, sinceTime, textOption, type Since } from '../../parsers.js';
import { readStdin } from '../../read-stdin.js';
import { shortIso } from '../../render/values.js';
import { renderTable } from '../../table.js';
import type { MonitoringOptions } from './modes.js';

const SEVERITIES = ['info', 'warning', 'critical', 'emergency'] as const;
type Severity = (typeof SEVERITIES)[number];

function severityOption(text: string): Severity {
  if (!(SEVERITIES as readonly string[]).includes(text)) throw new InvalidArgumentError(`must be one of ${SEVERITIES.join(', ')} (got '${text.slice(0, 40)}')`);
  return text as Severity;
}

/** Options that are numbers (the rest are text: a ClickUp list id of digits stays text). */
const NUMBER_OPTIONS = new Set(['port', 'timeoutMs', 'resolveAfterMs']);
/** Options that are lists: repeat the option (`--option to=a --option to=b`) or give a JSON list. */
const LIST_OPTIONS = new Set(['to', 'args']);

/** `--option key=value`, repeatable. */
function optionPair(text: string, previous: Record<string, unknown> | undefined): Record<string, unknown> {
  const at = text.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`'${text.slice(0, 60)}' has no '=': write it like port=587`);
  const key = text.slice(0, at);
  if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(key)) throw new InvalidArgumentError(`'${key.slice(0, 60)}' is not an option name (letters and digits, like listId)`);
  const raw = text.slice(at + 1);
  const all = { ...previous };
  if (LIST_OPTIONS.has(key)) {
    let items: unknown[] = [raw];
    if (raw.startsWith('[')) {
      try {
        items = JSON.parse(raw) as unknown[];
      } catch {
        throw new InvalidArgumentError(`${key}: '${raw.slice(0, 60)}' is not a JSON list; or repeat --option ${key}=<value>`);
      }
    }
    all[key] = [...((all[key] as unknown[] | undefined) ?? []), ...(Array.isArray(items) ? items : [items])];
    return all;
  }
  if (Object.hasOwn(all, key)) throw new InvalidArgumentError(`option '${key}' is given twice`);
  if (NUMBER_OPTIONS.has(key)) {
    if (!/^\d+$/.test(raw)) throw new InvalidArgumentError(`${key} must be a whole number (got '${raw.slice(0, 40)}')`);
    all[key] = Number(raw);
  } else all[key] = raw;
  return all;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function addChannelsOptions(command: Command): Command {
  return command
    .option('--channels', 'the notification channels, with their options (secrets hidden) and last delivery')
    .option('--add-channel <name>', 'add (or replace) a channel; needs --type (log, webhook, slack, email, alertmanager, command or clickup)')
    .option('--url <url>', 'with --add-channel: the webhook, Slack or Alertmanager URL (ClickUp: --option apiUrl=…)', textOption(2048))
    .option('--option <key=value>', 'with --add-channel: a kind-specific option, repeatable (host=smtp.example.com, port=587, secure=starttls, user=…, from=…, to=… (repeatable), path=/usr/local/bin/page, args=… (repeatable), listId=…)', optionPair)
    .option('--option-stdin <key>', 'with --add-channel: read the value of this option from stdin (an SMTP password, a ClickUp token), so it is not in your shell history')
    .option('--min-severity <level>', 'with --add-channel or --add-route: only alerts of this severity or worse (info, warning, critical, emergency)', severityOption)
    .option('--send-resolved', 'with --add-channel: also notify when the alerts resolve')
    .option('--subject <template>', 'with --add-channel: the subject template (mustache: {{alertname}}, {{status}}, {{commonLabels.x}}, {{#alerts}}…{{/alerts}})', textOption(4096))
    .option('--body <template>', 'with --add-channel: the body template (mustache, as --subject; for email the plain-text part)', textOption(16_384))
    .option('--html <template>', "with --add-channel: the email's HTML part (mustache; values are HTML-escaped)", textOption(16_384))
    .option('--remove-channel <name>', 'remove a channel')
    .option('--test-channel <name>', 'send a real test notification through a channel and report the outcome')
    .option('--routes', 'the routes that send alerts to channels, in order, and the default route')
    .option('--add-route <id>', 'add (or replace) a route; needs --channel; the first matching route wins unless --continue')
    .option('--channel <name>', 'with --add-route: a channel to send to (repeatable); with --notifications: only this channel', collect)
    .option('--match <matcher>', 'with --add-route: a label matcher the alert must meet (name=value, !=, =~, !~; repeatable)', collect)
    .option('--continue', 'with --add-route: go on matching the routes after this one')
    .option('--group-by <labels>', "with --add-route: labels that group alerts into one notification (comma-separated; '...' for all; default alertname)", (text: string) => text.split(',').map((s) => s.trim()).filter((s) => s !== ''))
    .option('--group-wait <duration>', 'with --add-route: how long a new group waits for more alerts (default 30s; 0s sends at once)', durationOrZeroOption)
    .option('--group-interval <duration>', 'with --add-route: how long before notifying about new alerts in a group (default 5m)', durationOption)
    .option('--repeat-interval <duration>', 'with --add-route: how long before re-sending an unchanged firing group (default 4h)', durationOption)
    .option('--remove-route <id>', 'remove a route')
    .option('--notifications', 'the delivery log: every attempt, with channel, group, outcome and error (--since, --channel, --limit)')
    .option('--since <duration|time>', 'with --notifications or --alerts --all: only since then (15m, 24h, 7d, or a time like 2026-01-31T12:00:00Z)', sinceOption)
    .option('--limit <n>', 'with --notifications: the newest n records (default 100); with --alerts --all: the newest n transitions (1 to 1000, default 100)', positiveInteger);
}

function deliveryText(r: DeliveryRecordWire | null, now: number, c: Colors): string {
  if (r === null) return c.dim('never');
  const outcome = r.outcome === 'sent' ? c.green('sent') : r.outcome === 'failed' ? c.red('failed') : c.yellow('retrying');
  return `${outcome} ${relative(r.at, now)}${r.error === null ? '' : `: ${r.error}`}`;
}

export function renderChannels(channels: ChannelInfo[], now: number, c: Colors): string {
  if (channels.length === 0) return 'No channels. Add one with: clickup-brain monitoring --add-channel <name> --type webhook --url <url>';
  const rows = channels.map((ch) => [
    ch.name,
    ch.type,
    Object.entries(ch.options).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ') || '-',
    `${ch.minSeverity}+${ch.sendResolved ? ', resolved' : ''}`,
    deliveryText(ch.lastDelivery, now, c),
  ]);
  return renderTable(['CHANNEL', 'TYPE', 'OPTIONS', 'SENDS', 'LAST DELIVERY'], rows);
}

export function renderRoutes(routes: RouteInfo[], defaultRoute: RouteInfo): string {
  const row = (r: RouteInfo, name: string): string[] => [
    name,
    r.matchers.join(', ') || '(any)',
    r.minSeverity === undefined ? '-' : `${r.minSeverity}+`,
    r.channels.join(', ') || '(none)',
    r.groupBy.join(','),
    `${formatDuration(r.groupWaitMs)} / ${formatDuration(r.groupIntervalMs)} / ${formatDuration(r.repeatIntervalMs)}`,
    r.continue ? 'yes' : 'no',
  ];
  return renderTable(['ROUTE', 'MATCH', 'SEVERITY', 'CHANNELS', 'GROUP BY', 'WAIT / INTERVAL / REPEAT', 'CONTINUE'], [...routes.map((r) => row(r, r.id)), row(defaultRoute, `${defaultRoute.id} (default)`)]);
}

export function renderDeliveries(records: DeliveryRecordWire[], c: Colors): string {
  if (records.length === 0) return 'No deliveries yet.';
  const rows = records.map((r) => [shortIso(r.at), r.channel, r.reason, String(r.attempt), r.outcome === 'sent' ? c.green(r.outcome) : r.outcome === 'failed' ? c.red(r.outcome) : c.yellow(r.outcome), `${Math.round(r.durationMs)} ms`, r.error ?? r.detail ?? '-', r.groupKey]);
  return renderTable(['TIME', 'CHANNEL', 'REASON', 'TRY', 'OUTCOME', 'TOOK', 'DETAIL', 'GROUP'], rows);
}

export async function runChannels(ctx: CliContext): Promise<void> {
  const result = await (await ctx.client()).request('monitoring.channels.list', {});
  ctx.out.data(result, () => renderChannels(result.channels, ctx.deps.now(), ctx.out.color));
}

export async function runAddChannel(ctx: CliContext, o: MonitoringOptions): Promise<void> {
  const options: Record<string, unknown> = { ...o.option };
  // One value per option: --url or --option-stdin must not silently replace an --option.
  const once = (key: string): void => {
    if (Object.hasOwn(options, key))
      throw new InvalidInputError(`option '${key}' is given twice`, `options.${key}`);
  };
  if (o.url !== undefined) {
    once('url');
    options['url'] = o.url;
  }
  if (o.optionStdin !== undefined) {
    once(o.optionStdin);
    let value = (await readStdin(ctx.deps.stdin, `the value of ${o.optionStdin}`, 8192)).toString('utf8');
    if (value.endsWith('\n')) value = value.slice(0, value.endsWith('\r\n') ? -2 : -1);
    options[o.optionStdin] = value;
  }
  const templates = {
    ...(o.subject === undefined ? {} : { subject: o.subject }),
    ...(o.body === undefined ? {} : { body: o.body }),
    ...(o.html === undefined ? {} : { html: o.html }),
  };
  const result = await (await ctx.client()).request('monitoring.channels.add', {
    name: o.addChannel as string,
    type: o.type as string,
    options,
    ...(Object.keys(templates).length === 0 ? {} : { templates }),
    ...(o.sendResolved === undefined ? {} : { sendResolved: true }),
    ...(o.minSeverity === undefined ? {} : { minSeverity: o.minSeverity as Severity }),
  });
  ctx.out.data(result, () => `${result.created ? 'Added' : 'Replaced'} channel ${result.channel.name} (${result.channel.type}); try it with: clickup-brain monitoring --test-channel ${result.channel.name}`);
}

export async function runRemoveChannel(ctx: CliContext, o: MonitoringOptions): Promise<void> {
  const result = await (await ctx.client()).request('monitoring.channels.remove', { name: o.removeChannel as string });
  ctx.out.data(result, () => `Removed channel ${result.channel.name}`);
}

export async function runTestChannel(ctx: CliContext, o: MonitoringOptions): Promise<number> {
  const result = await (await ctx.client()).request('monitoring.channels.test', { name: o.testChannel as string });
  const r = result.record;
  ctx.out.data(result, () => (r.outcome === 'sent' ? `Test notification sent through ${r.channel}: ${r.detail ?? 'ok'} (${Math.round(r.durationMs)} ms)` : `Test notification through ${r.channel} FAILED after ${r.attempt} attempt(s): ${r.error ?? 'unknown error'}`));
  return r.outcome === 'sent' ? 0 : 1;
}

export async function runRoutes(ctx: CliContext): Promise<void> {
  const result = await (await ctx.client()).request('monitoring.routes.list', {});
  ctx.out.data(result, () => renderRoutes(result.routes, result.defaultRoute));
}

/** The daemon's limits (daemon/monitoring/notifications/route.ts), said in durations. */
const ROUTE_TIMES: Array<[keyof MonitoringOptions, string, number, number, string]> = [
  ['groupWait', '--group-wait', 0, 3_600_000, '0s to 1h'],
  ['groupInterval', '--group-interval', 1000, 86_400_000, '1s to 24h'],
  ['repeatInterval', '--repeat-interval', 60_000, 30 * 86_400_000, '1m to 30d'],
];

export async function runAddRoute(ctx: CliContext, o: MonitoringOptions): Promise<void> {
  for (const [key, flag, min, max, text] of ROUTE_TIMES) {
    const value = o[key] as number | undefined;
    if (value !== undefined && (value < min || value > max)) throw new InvalidInputError(`${flag} must be from ${text}`, key);
  }
  const result = await (await ctx.client()).request('monitoring.routes.add', {
    id: o.addRoute as string,
    channels: o.channel as string[],
    ...(o.match === undefined ? {} : { matchers: o.match }),
    ...(o.minSeverity === undefined ? {} : { minSeverity: o.minSeverity as Severity }),
    ...(o.continue === undefined ? {} : { continue: true }),
    ...(o.groupBy === undefined ? {} : { groupBy: o.groupBy }),
    ...(o.groupWait === undefined ? {} : { groupWaitMs: o.groupWait }),
    ...(o.groupInterval === undefined ? {} : { groupIntervalMs: o.groupInterval }),
    ...(o.repeatInterval === undefined ? {} : { repeatIntervalMs: o.repeatInterval }),
  });
  ctx.out.data(result, () => `${result.created ? 'Added' : 'Replaced'} route ${result.route.id} → ${result.route.channels.join(', ')}`);
}

export async function runRemoveRoute(ctx: CliContext, o: MonitoringOptions): Promise<void> {
  const result = await (await ctx.client()).request('monitoring.routes.remove', { id: o.removeRoute as string });
  ctx.out.data(result, () => `Removed route ${result.route.id}`);
}

/** How far back `--notifications --since` may reach: the protocol's limit on sinceMs (10 years). */
export const MAX_NOTIFICATIONS_SINCE_MS = 315_360_000_000;

/**
 * The `sinceMs` of `--notifications --since`: how far back from `now` it reaches. A time in the
 * future, or one more than 10 years back, is refused naming `--since`.
 */
export function notificationsSinceMs(since: Since, now: number): number {
  const back = now - sinceTime(since, now);
  const given = 'at' in since ? new Date(since.at).toISOString() : formatDuration(since.ago);
  if (back < 0) throw new InvalidInputError(`--since ${given} is in the future; give a time before now, or a duration back from now like 24h`, 'since');
  if (back > MAX_NOTIFICATIONS_SINCE_MS) {
    throw new InvalidInputError(`--since for --notifications reaches back at most ${formatDuration(MAX_NOTIFICATIONS_SINCE_MS)} (10 years), got ${given}`, 'since');
  }
  return back;
}

export async function runNotifications(ctx: CliContext, o: MonitoringOptions): Promise<void> {
  if ((o.channel?.length ?? 0) > 1) throw new InvalidInputError('--notifications takes one --channel', 'channel');
  // Checked before the client connects (or starts the daemon) for a refused --since.
  const sinceMs = o.since === undefined ? undefined : notificationsSinceMs(o.since, ctx.deps.now());
  const result = await (await ctx.client()).request('monitoring.notifications.list', {
    ...(sinceMs === undefined ? {} : { sinceMs }),
    ...(o.channel === undefined ? {} : { channel: o.channel[0] as string }),
    ...(o.limit === undefined ? {} : { limit: o.limit }),
  });
  ctx.out.data(result, () => renderDeliveries(result.records, ctx.out.color));
}
