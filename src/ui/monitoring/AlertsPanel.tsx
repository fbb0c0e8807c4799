/**
 * @module The alerts panel: each active alert in its severity's colour with its state (pending,
 * firing, or what mutes it), its age and its summary.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { AlertView } from '../../protocol/schemas.js';
import { formatLabels } from '../../cli/render/values.js';
import { visibleWindow } from './dashboard-model.js';
import { ago } from './HealthPanel.js';
import { Panel } from './Panel.js';
import { Row } from './Row.js';
import { alertTone } from './theme.js';

/** Props of {@link AlertsPanel}. */
export interface AlertsPanelProps {
  /** The filtered, sorted alerts. */
  alerts: readonly AlertView[];
  selected: number;
  focused: boolean;
  color: boolean;
  width: number;
  rows: number;
  now: number;
}

/** The alert's summary annotation, else its labels. */
export function alertSummary(alert: AlertView): string {
  return alert.annotations.summary ?? alert.annotations.description ?? formatLabels(alert.labels);
}

/** The alerts panel. */
export function AlertsPanel({
  alerts,
  selected,
  focused,
  color,
  width,
  rows,
  now,
}: AlertsPanelProps): ReactNode {
  const { start, end } = visibleWindow(alerts.length, selected, rows);
  const firing = alerts.filter((a) => a.state === 'firing' && a.muted === null).length;
  const title = `Alerts ${firing} firing · ${alerts.length} active${alerts.length > rows ? ` (${start + 1}-${end})` : ''}`;
  return (
    <Panel title={title} focused={focused} color={color} width={width} rows={rows}>
      {alerts.length === 0 ? <Text dimColor>no active alerts</Text> : null}
      {alerts.slice(start, end).map((a, i) => (
        <Row
          key={a.id}
          selected={start + i === selected}
          focused={focused}
          tone={alertTone(a, color)}
          text={[
            a.severity.padEnd(9),
            (a.muted ?? a.state).padEnd(9),
            ago(a.activeAt, now).replace(' ago', '').padStart(6),
            a.rule,
            alertSummary(a),
          ].join(' ')}
        />
      ))}
    </Panel>
  );
}
