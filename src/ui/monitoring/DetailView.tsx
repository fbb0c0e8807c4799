/**
 * @module The Enter screen for the selected row: a metric's chart over the chosen range, a
 * check's recent history, or an alert's labels and annotations.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { AlertView, CheckInfo, MetricInfo } from '../../protocol/schemas.js';
import { formatDuration } from '../../protocol/duration.js';
import { renderChart } from '../../cli/render/chart.js';
import { sparkline } from '../../cli/render/sparkline.js';
import { formatLabels, formatNumber, shortIso } from '../../cli/render/values.js';
import { RANGES } from './dashboard-model.js';
import { ago } from './HealthPanel.js';
import type { DashboardSource } from './source.js';
import { alertTone, checkTone } from './theme.js';
import { useMetricSeries } from './use-metric-series.js';

/** What the detail view shows. */
export type DetailTarget =
  | { kind: 'metric'; metric: MetricInfo }
  | { kind: 'check'; check: CheckInfo }
  | { kind: 'alert'; alert: AlertView };

/** Props of {@link DetailView}. */
export interface DetailViewProps {
  target: DetailTarget;
  source: DashboardSource;
  /** Index into {@link RANGES}. */
  range: number;
  width: number;
  height: number;
  color: boolean;
  now: number;
}

/** The detail screen. */
export function DetailView({
  target,
  source,
  range,
  width,
  height,
  color,
  now,
}: DetailViewProps): ReactNode {
  const chosen = RANGES[range] ?? RANGES[1];
  const { series, error } = useMetricSeries(
    source,
    target.kind === 'metric' ? target.metric.name : null,
    chosen.ms,
  );
  let body: ReactNode;
  if (target.kind === 'metric') {
    const m = target.metric;
    const first = series?.[0];
    const ranges = RANGES.map((r, i) => (i === range ? `[${r.label}]` : r.label)).join(' ');
    body = (
      <>
        <Text wrap="truncate" bold>
          {m.name} ({m.type}) · last {m.lastValue === null ? '-' : formatNumber(m.lastValue)}
        </Text>
        <Text wrap="truncate" dimColor>
          {m.help}
        </Text>
        <Text wrap="truncate">range: {ranges} (←→ or 1-4)</Text>
        {error !== null ? (
          <Text wrap="truncate" color={color ? 'red' : undefined}>
            {error}
          </Text>
        ) : null}
        {error === null && series === null ? <Text>loading…</Text> : null}
        {series !== null && first === undefined ? <Text>(no series)</Text> : null}
        {first !== undefined ? (
          <>
            <Text wrap="truncate">
              {formatLabels(first.labels)}
              {series !== null && series.length > 1 ? ` (1 of ${series.length} series)` : ''}
            </Text>
            <Text>
              {renderChart(first.times, first.values, {
                width: width - 4,
                height: Math.max(2, height - 9),
              })}
            </Text>
          </>
        ) : null}
      </>
    );
  } else if (target.kind === 'check') {
    const c = target.check;
    const recent = c.recentLatencyMs.slice(-Math.max(1, height - 10));
    body = (
      <>
        <Text wrap="truncate" bold>
          {c.name} ({c.type}
          {c.target === null ? '' : ` ${c.target}`}) ·{' '}
          <Text color={checkTone(c.state, color)}>{c.state}</Text>
        </Text>
        <Text wrap="truncate">
          every {formatDuration(c.intervalMs)} · last run {ago(c.lastRun, now)} · uptime 24h{' '}
          {c.uptime24h === null ? '-' : `${formatNumber(Math.round(c.uptime24h * 10000) / 100)}%`}
        </Text>
        <Text wrap="truncate">detail: {c.detail || '-'}</Text>
        <Text wrap="truncate">
          latency {sparkline(c.recentLatencyMs, Math.max(10, width - 12))}
        </Text>
        <Text wrap="truncate">
          recent runs (oldest first): {recent.map((ms) => formatDuration(ms)).join(' ') || '-'}
        </Text>
      </>
    );
  } else {
    const a = target.alert;
    const pairs = (record: Record<string, string>): ReactNode[] =>
      Object.keys(record)
        .sort()
        .map((k) => <Text key={k} wrap="truncate">{`  ${k} = ${record[k] ?? ''}`}</Text>);
    body = (
      <>
        <Text wrap="truncate" bold color={alertTone(a, color)}>
          {a.rule} · {a.severity} · {a.state}
          {a.muted === null ? '' : ` (${a.muted}${a.mutedBy === null ? '' : ` by ${a.mutedBy}`})`}
        </Text>
        <Text wrap="truncate">
          value {formatNumber(a.value)} · active since {shortIso(a.activeAt)} (
          {ago(a.activeAt, now)})
          {a.firedAt === null ? '' : ` · firing since ${shortIso(a.firedAt)}`}
        </Text>
        <Text>labels:</Text>
        {pairs(a.labels)}
        <Text>annotations:</Text>
        {pairs(a.annotations)}
      </>
    );
  }
  return (
    <Box
      flexDirection="column"
      borderStyle="single"
      paddingX={1}
      width={width}
      height={height}
      overflow="hidden"
    >
      {/* No shrinking: lines past the height are clipped at the bottom, never squashed. */}
      <Box flexDirection="column" flexShrink={0}>
        {body}
        <Text dimColor>Esc back · ? help · q quit</Text>
      </Box>
    </Box>
  );
}
