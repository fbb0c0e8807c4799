/**
 * @module The detail screen's body for a metric: its type, last value and help, the range
 * choice, and a chart of its first series over that range.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { MetricInfo } from '../../protocol/schemas.js';
import { renderChart } from '../../cli/render/chart.js';
import { formatLabels, formatNumber } from '../../cli/render/values.js';
import { RANGES } from './dashboard-model.js';
import type { DashboardSource } from './source.js';
import { useLoaded } from './use-loaded.js';

/** Props of {@link MetricDetail}. */
export interface MetricDetailProps {
  metric: MetricInfo;
  source: DashboardSource;
  /** Index into {@link RANGES}. */
  range: number;
  width: number;
  height: number;
  color: boolean;
}

/** A metric's header, range line and chart. */
export function MetricDetail({
  metric: m,
  source,
  range,
  width,
  height,
  color,
}: MetricDetailProps): ReactNode {
  const chosen = RANGES[range] ?? RANGES[1];
  const { value: series, error } = useLoaded(`${m.name}\u0000${chosen.ms}`, () =>
    source.metric(m.name, chosen.ms),
  );
  const first = series?.[0];
  const ranges = RANGES.map((r, i) => (i === range ? `[${r.label}]` : r.label)).join(' ');
  return (
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
}
