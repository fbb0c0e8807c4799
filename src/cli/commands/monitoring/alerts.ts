/**
 * @module `monitoring --alerts [--all] [--rule] [--since] [--limit]` and `--ack <alert-id> --comment <text> [--for]`.
 */
import type { Command } from 'commander';
import { formatDuration } from '../../../protocol/duration.js';
import { InvalidInputError } from '../../../protocol/errors.js';
import type { ParamsOf, ResultOf } from '../../../protocol/methods.js';
import type { AlertTransition, AlertView } from '../../../protocol/schemas.js';
import type { CliContext } from '../../context.js';
import type { Colors } from '../../output.js';
import { durationOption, sinceTime, textOption } from '../../parsers.js';
import { labelsCell, shortId, shortIso } from '../../render/values.js';
import { renderTable } from '../../table.js';
import { atLeast, type MonitoringOptions } from './modes.js';

/** Registers --alerts, --all, --ack, --comment and --for. */
export function addAlertsOptions(command: Command): Command {
  return command
    .option('--alerts', 'the active alerts: pending or firing, and whether acked, silenced, inhibited or in maintenance')
    .option('--all', 'with --alerts: the history of transitions too (newest first; filter with --rule, --since, --limit)')
    .option('--ack <alert-id>', 'acknowledge an alert (its id or first characters): it stays firing but notifies no more until the ack expires')
    .option('--comment <text>', 'with --ack or --silence: why (required)', textOption(1000))
    .option('--for <duration>', 'with --add-rule: how long the condition must hold before firing; with --silence, --ack or --maintenance: how long it lasts (ack default 24h)', durationOption);
}

/** Paints `text` in the colour of `severity`. */
export function severityColor(severity: AlertView['severity'], text: string, c: Colors): string {
  switch (severity) {
    case 'info':
      return c.dim(text);
    case 'warning':
      return c.yellow(text);
    case 'critical':
      return c.red(text);
    case 'emergency':
      return c.bold(c.red(text));
  }
}

function kindColor(kind: AlertTransition['kind'], c: Colors): string {
  switch (kind) {
    case 'firing':
      return c.red(kind);
    case 'pending':
      return c.yellow(kind);
    case 'resolved':
      return c.green(kind);
    case 'dropped':
      return c.dim(kind);
  }
}

/** The active alerts, each row in its severity's colour; then, when asked, the history. */
export function renderAlerts(result: ResultOf<'monitoring.alerts.list'>, now: number, c: Colors, withHistory: boolean): string {
  const parts: string[] = [];
  if (result.alerts.length === 0) parts.push('No active alerts.');
  else {
    const rows = result.alerts.map((a) => {
      const state = a.muted === null ? a.state : `${a.state} (${a.muted})`;
      const summary = a.annotations['summary'] ?? a.annotations['description'] ?? '';
      const age = formatDuration(Math.max(0, now - Date.parse(a.activeAt)));
      return [shortId(a.id), a.rule, a.severity, state, age, summary === '' ? '-' : summary].map((cell) => severityColor(a.severity, cell, c));
    });
    parts.push(renderTable(['ID', 'RULE', 'SEVERITY', 'STATE', 'AGE', 'SUMMARY'], rows));
  }
  if (withHistory) {
    const rows = result.history.map((t) => [shortIso(t.at), kindColor(t.kind, c), t.rule, labelsCell(t.labels)]);
    parts.push(`${c.bold('HISTORY')}\n${rows.length === 0 ? 'No transitions yet.' : renderTable(['AT', 'KIND', 'RULE', 'LABELS'], rows)}`);
  }
  return parts.join('\n\n');
}

/** The daemon keeps the newest 1000 transitions (daemon/monitoring/alerts/alert-engine.ts). */
const HISTORY_KEPT = 1000;

/** The params of `--alerts [--all] [--rule] [--since] [--limit]`, checked. */
export function alertsParams(o: MonitoringOptions, now: number): ParamsOf<'monitoring.alerts.list'> {
  const all = o.all === true;
  for (const [given, flag] of [[o.since, '--since'], [o.limit, '--limit']] as const) {
    if (given !== undefined && !all) throw new InvalidInputError(`${flag} filters the history: clickup-brain monitoring --alerts --all ${flag} <value>`);
  }
  if (o.limit !== undefined && o.limit > HISTORY_KEPT) {
    throw new InvalidInputError(`--limit for --alerts must be from 1 to ${HISTORY_KEPT} (the daemon keeps the newest ${HISTORY_KEPT} transitions), got ${o.limit}`);
  }
  return {
    history: all,
    ...(o.rule === undefined ? {} : { rule: o.rule }),
    ...(o.since === undefined ? {} : { since: new Date(sinceTime(o.since, now)).toISOString() }),
    ...(o.limit === undefined ? {} : { limit: o.limit }),
  };
}

/** `--alerts [--all] [--rule <name>] [--since <duration|time>] [--limit <n>]`. */
export async function runAlerts(ctx: CliContext, options: MonitoringOptions): Promise<void> {
  const all = options.all === true;
  const params = alertsParams(options, ctx.deps.now());
  const client = await ctx.client();
  const result = await client.request('monitoring.alerts.list', params);
  ctx.out.data(result, () => renderAlerts(result, ctx.deps.now(), ctx.out.color, all));
}

/** `--ack <alert-id> --comment <text> [--for <duration>]`. */
export async function runAck(ctx: CliContext, options: MonitoringOptions): Promise<void> {
  atLeast(options.for, 1000, '--for', '1s');
  const client = await ctx.client();
  const result = await client.request('monitoring.alerts.ack', {
    id: options.ack as string,
    comment: options.comment as string,
    ...(options.for === undefined ? {} : { durationMs: options.for }),
  });
  const { ack } = result;
  ctx.out.data(result, () => `Acknowledged alert ${shortId(ack.alertId)} until ${shortIso(ack.expiresAt)}: ${ack.comment}`);
}
