/**
 * @module The metrics panel: each metric's name, last value and a sparkline of recent values.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { MetricInfo } from '../../protocol/schemas.js';
import { sparkline } from '../../cli/render/sparkline.js';
import { formatNumber } from '../../cli/render/values.js';
import { visibleWindow } from './dashboard-model.js';
import { Panel } from './Panel.js';
import { Row } from './Row.js';

/** Props of {@link MetricsPanel}. */
export interface MetricsPanelProps {
  /** The filtered, sorted metrics. */
  metrics: readonly MetricInfo[];
  selected: number;
  focused: boolean;
  color: boolean;
  width: number;
  rows: number;
}

/** The metrics panel. */
export function MetricsPanel({
  metrics,
  selected,
  focused,
  color,
  width,
  rows,
}: MetricsPanelProps): ReactNode {
  const { start, end } = visibleWindow(metrics.length, selected, rows);
  const title = `Metrics ${metrics.length}${metrics.length > rows ? ` (${start + 1}-${end})` : ''}`;
  return (
    <Panel title={title} focused={focused} color={color} width={width} rows={rows}>
      {metrics.length === 0 ? <Text dimColor>no metrics</Text> : null}
      {metrics.slice(start, end).map((m, i) => (
        <Row
          key={m.name}
          selected={start + i === selected}
          focused={focused}
          tone={undefined}
          text={[
            m.name.padEnd(34),
            (m.lastValue === null ? '-' : formatNumber(m.lastValue)).padStart(10),
            sparkline(m.recent, 20),
          ].join(' ')}
        />
      ))}
    </Panel>
  );
}
