/**
 * @module `monitoring --metrics [name] [--range]`, `--metrics --prometheus` and `--push`.
 */
import type { Command } from 'commander';
import { formatDuration } from '../../../protocol/duration.js';
import { InvalidInputError } from '../../../protocol/errors.js';
import type { ResultOf } from '../../../protocol/methods.js';
import type { MetricInfo } from '../../../protocol/schemas.js';
import type { CliContext } from '../../context.js';
import { durationOption } from '../../parsers.js';
import { renderChart } from '../../render/chart.js';
import { sparkline } from '../../render/sparkline.js';
import { formatLabels, formatNumber } from '../../render/values.js';
import { renderTable } from '../../table.js';
import { labelPair, samplePair } from '../../value-parsers.js';
import { atLeast, orList, type MonitoringOptions } from './modes.js';

const METRIC_TYPES = ['counter', 'gauge', 'histogram', 'summary'] as const;
type MetricType = (typeof METRIC_TYPES)[number];

/** Registers --metrics, --prometheus, --range, --push, --type and --label. */
export function addMetricsOptions(command: Command): Command {
  return command
    .option('--metrics [name]', 'list the metrics (type, series, last value, recent trend); with a name, each series with a chart')
    .option('--range <duration>', 'with --metrics <name> or --forecast: how far back to look (default: the daemon’s)', durationOption)
    .option('--prometheus', 'with --metrics: print the whole registry in Prometheus text format')
    .option('--push <name=value>', 'record a sample: a counter adds it, a gauge is set to it, a histogram or summary observes it (repeatable)', samplePair)
    .option('--type <type>', `with --push: ${METRIC_TYPES.join('|')}; with --add-check: the kind of check; with --add-channel: the kind of channel`)
    .option('--label <k=v>', 'with --push or --add-rule: a label (repeatable)', labelPair);
}

export function renderMetricList(metrics: readonly MetricInfo[]): string {
  if (metrics.length === 0) return 'No metrics yet.';
  const rows = metrics.map((m) => [m.name, m.type, String(m.series), m.lastValue === null ? '-' : formatNumber(m.lastValue), sparkline(m.recent)]);
  return renderTable(['NAME', 'TYPE', 'SERIES', 'LAST', 'RECENT'], rows);
}

/** One metric: a heading, then each series with its figures and a chart `width` characters wide. */
export function renderMetric(result: ResultOf<'monitoring.metrics.get'>, width: number, rangeMs: number | undefined): string {
  const over = rangeMs === undefined ? '' : ` over the last ${formatDuration(rangeMs)}`;
  const count = `${result.series.length} series${over}`;
  const head = [`${result.name} (${result.type ?? 'untyped'}): ${count}`];
  if (result.help !== '') head.push(result.help);
  const blocks = result.series.map((s) => {
    const finite = s.values.filter((v) => Number.isFinite(v));
    const title = formatLabels(s.labels);
    if (finite.length === 0) return `${title}\nno samples${over}`;
    const figures = [
      `last ${formatNumber(s.values.at(-1) as number)}`,
      `min ${formatNumber(Math.min(...finite))}`,
      `max ${formatNumber(Math.max(...finite))}`,
      `${s.values.length} sample${s.values.length === 1 ? '' : 's'}`,
    ];
    return `${title}  ${figures.join('  ')}\n${renderChart(s.times, s.values, { width, height: 10 })}`;
  });
  return [head.join('\n'), ...blocks].join('\n\n');
}

/** `--metrics`, `--metrics <name>` and `--metrics --prometheus`. */
export async function runMetrics(ctx: CliContext, options: MonitoringOptions): Promise<void> {
  atLeast(options.range, 1000, '--range', '1s');
  const client = await ctx.client();
  if (options.prometheus === true) {
    const result = await client.request('monitoring.metrics.exposition', {});
    ctx.out.data(result, () => result.text.replace(/\n$/, ''));
  } else if (typeof options.metrics === 'string') {
    const params = { name: options.metrics, ...(options.range === undefined ? {} : { rangeMs: options.range }) };
    const result = await client.request('monitoring.metrics.get', params);
    const width = Math.max(30, ctx.deps.stdout.columns ?? 80);
    ctx.out.data(result, () => renderMetric(result, width, options.range));
  } else {
    const result = await client.request('monitoring.metrics.list', {});
    ctx.out.data(result, () => renderMetricList(result.metrics));
  }
}

/** The metric type of `--type`, checked for --push. */
function metricType(text: string | undefined): MetricType | undefined {
  if (text === undefined || (METRIC_TYPES as readonly string[]).includes(text)) return text as MetricType | undefined;
  throw new InvalidInputError(`--type for --push must be ${orList(METRIC_TYPES)}, got '${text}'`);
}

/** `--push <name>=<value> [--type] [--label k=v]...`: every sample gets the same type and labels. */
export async function runPush(ctx: CliContext, options: MonitoringOptions): Promise<void> {
  const type = metricType(options.type);
  const pushed = options.push ?? [];
  const labels = options.label;
  const samples = pushed.map((s) => ({
    name: s.name,
    value: s.value,
    ...(type === undefined ? {} : { type }),
    ...(labels === undefined ? {} : { labels }),
  }));
  const client = await ctx.client();
  const result = await client.request('monitoring.push', { samples });
  const suffix = labels === undefined ? '' : formatLabels(labels);
  ctx.out.data(result, () => {
    if (result.accepted < samples.length) return `Accepted ${result.accepted} of ${samples.length} samples`;
    return `Pushed ${pushed.map((s) => `${s.name}${suffix}=${String(s.value)}`).join(', ')}`;
  });
}
