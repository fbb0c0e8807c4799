/**
 * @module The health panel: the overall status, then each check with its state, latency, last
 * run and a sparkline of recent latencies. Only the rows that fit are built.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { formatDuration } from '../../protocol/duration.js';
import type { CheckInfo, HealthReport } from '../../protocol/schemas.js';
import { sparkline } from '../../cli/render/sparkline.js';
import { visibleWindow } from './dashboard-model.js';
import { Panel } from './Panel.js';
import { Row } from './Row.js';
import { checkTone } from './theme.js';

/** Props of {@link HealthPanel}. */
export interface HealthPanelProps {
  report: HealthReport | null;
  /** The filtered, sorted checks. */
  checks: readonly CheckInfo[];
  selected: number;
  focused: boolean;
  color: boolean;
  width: number;
  rows: number;
  now: number;
}

/** `3m ago`, or `never`. */
export function ago(iso: string | null, now: number): string {
  if (iso === null) return 'never';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '-' : `${formatDuration(Math.max(0, now - ms))} ago`;
}

/** The checks panel. */
export function HealthPanel({
  report,
  checks,
  selected,
  focused,
  color,
  width,
  rows,
  now,
}: HealthPanelProps): ReactNode {
  const { start, end } = visibleWindow(checks.length, selected, rows);
  const status = report?.status ?? 'unknown';
  const title = `Health ${status} · ${checks.length} checks${checks.length > rows ? ` (${start + 1}-${end})` : ''}`;
  return (
    <Panel title={title} focused={focused} color={color} width={width} rows={rows}>
      {checks.length === 0 ? <Text dimColor>no checks</Text> : null}
      {checks.slice(start, end).map((c, i) => (
        <Row
          key={c.name}
          selected={start + i === selected}
          focused={focused}
          tone={checkTone(c.state, color)}
          text={[
            c.name.padEnd(20),
            c.state.padEnd(7),
            (c.latencyMs === null ? '-' : formatDuration(c.latencyMs)).padStart(7),
            ago(c.lastRun, now).padStart(10),
            sparkline(c.recentLatencyMs, 12),
          ].join(' ')}
        />
      ))}
    </Panel>
  );
}
