/**
 * @module `monitoring --maintenance <cron> --for --comment [--rule] [--timezone]`,
 * `--maintenances` and `--remove-maintenance`.
 */
import type { Command } from 'commander';
import { formatDuration } from '../../../protocol/duration.js';
import type { MaintenanceInfo } from '../../../protocol/schemas.js';
import type { CliContext } from '../../context.js';
import { textOption } from '../../parsers.js';
import { shortId, shortIso } from '../../render/values.js';
import { renderTable } from '../../table.js';
import { atLeast, type MonitoringOptions } from './modes.js';

/** Registers --maintenance and its options, --maintenances and --remove-maintenance. */
export function addMaintenanceOptions(command: Command): Command {
  return command
    .option('--maintenance <cron>', 'a recurring maintenance window starting on a cron schedule (like "0 3 * * 0", Sundays 03:00); its alerts stay visible but muted; needs --for and --comment')
    .option('--rule <name>', "with --maintenance: only this rule (default: every rule); with --alerts: only this rule's alerts and history")
    .option('--timezone <zone>', 'with --maintenance: the time zone of the schedule, like Europe/Paris (default UTC)', textOption(100))
    .option('--maintenances', 'the maintenance windows: schedule, length, rule and next start')
    .option('--remove-maintenance <id>', 'remove a maintenance window (the id or its first characters)');
}

export function renderMaintenance(windows: readonly MaintenanceInfo[]): string {
  if (windows.length === 0) return 'No maintenance windows.';
  const rows = windows.map((w) => [shortId(w.id), w.schedule, w.timezone, formatDuration(w.durationMs), w.rule ?? 'all rules', w.nextStart === null ? '-' : shortIso(w.nextStart), w.comment]);
  return renderTable(['ID', 'SCHEDULE', 'ZONE', 'LASTS', 'RULE', 'NEXT START', 'COMMENT'], rows);
}

/** `--maintenance <cron> --for <duration> --comment <text>`. */
export async function runMaintenance(ctx: CliContext, o: MonitoringOptions): Promise<void> {
  atLeast(o.for, 60_000, '--for', '1m');
  const result = await (await ctx.client()).request('monitoring.maintenance.add', {
    schedule: o.maintenance as string,
    durationMs: o.for as number,
    comment: o.comment as string,
    ...(o.rule === undefined ? {} : { rule: o.rule }),
    ...(o.timezone === undefined ? {} : { timezone: o.timezone }),
  });
  const { window } = result;
  ctx.out.data(result, () => `Added maintenance window ${shortId(window.id)}: '${window.schedule}' (${window.timezone}) for ${formatDuration(window.durationMs)}, ${window.rule ?? 'all rules'}; next start ${window.nextStart === null ? 'never' : shortIso(window.nextStart)}`);
}

/** `--maintenances`. */
export async function runMaintenances(ctx: CliContext): Promise<void> {
  const result = await (await ctx.client()).request('monitoring.maintenance.list', {});
  ctx.out.data(result, () => renderMaintenance(result.windows));
}

/** `--remove-maintenance <id>`. */
export async function runRemoveMaintenance(ctx: CliContext, o: MonitoringOptions): Promise<void> {
  const result = await (await ctx.client()).request('monitoring.maintenance.remove', { id: o.removeMaintenance as string });
  ctx.out.data(result, () => `Removed maintenance window ${shortId(result.window.id)} ('${result.window.schedule}')`);
}
