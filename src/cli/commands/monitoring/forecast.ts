/**
 * @module `monitoring --forecast <metric> [--threshold <value>] [--range <duration>]`: a linear
 * trend per series, and when it crosses the threshold.
 */
import type { Command } from 'commander';
import { formatDuration } from '../../../protocol/duration.js';
import type { ResultOf } from '../../../protocol/methods.js';
import type { CliContext } from '../../context.js';
import { formatLabels, formatNumber, shortIso } from '../../render/values.js';
import { renderTable } from '../../table.js';
import { atLeast, type MonitoringOptions } from './modes.js';

/** Registers --forecast (its --threshold and --range are shared with other modes). */
export function addForecastOptions(command: Command): Command {
  return command.option('--forecast <metric>', 'the trend of each series of a metric, and when it crosses --threshold');
}

/** `in 3d4h (2026-12-01T10:00:00Z)`, `never at the current trend`, or `already (…)`. */
export function crossing(crossesAt: string | null, now: number): string {
  if (crossesAt === null) return 'never at the current trend';
  const delta = Date.parse(crossesAt) - now;
  return delta <= 0 ? `already (${shortIso(crossesAt)})` : `in ${formatDuration(delta)} (${shortIso(crossesAt)})`;
}

export function renderForecast(result: ResultOf<'monitoring.forecast'>, now: number): string {
  const threshold = result.threshold;
  const head = `${result.metric}: trend over the last ${formatDuration(result.rangeMs)}${threshold === null ? '' : `, threshold ${formatNumber(threshold)}`}`;
  if (result.rows.length === 0) return `${head}\n\nNo series with enough samples to forecast.`;
  const rows = result.rows.map((r) => {
    const slope = `${r.slopePerHour > 0 ? '+' : ''}${formatNumber(r.slopePerHour)}/h`;
    const cells = [formatLabels(r.labels), formatNumber(r.current), slope, String(r.samples)];
    return threshold === null ? cells : [...cells, crossing(r.crossesAt, now)];
  });
  const header = ['SERIES', 'CURRENT', 'TREND', 'SAMPLES', ...(threshold === null ? [] : [`CROSSES ${formatNumber(threshold)}`])];
  return `${head}\n\n${renderTable(header, rows)}`;
}

/** `--forecast <metric> [--threshold <value>] [--range <duration>]`. */
export async function runForecast(ctx: CliContext, o: MonitoringOptions): Promise<void> {
  atLeast(o.range, 60_000, '--range', '1m for --forecast');
  const result = await (await ctx.client()).request('monitoring.forecast', {
    metric: o.forecast as string,
    ...(o.threshold === undefined ? {} : { threshold: o.threshold }),
    ...(o.range === undefined ? {} : { rangeMs: o.range }),
  });
  ctx.out.data(result, () => renderForecast(result, ctx.deps.now()));
}
