/**
 * @module The root of `monitoring --dashboard`: lays the panels out for the terminal's size,
 * feeds them from the {@link DashboardSource}, and turns keys into view changes and actions.
 */
import { Box, useApp, useInput, useStdin, type Key } from 'ink';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { AlertsPanel } from './AlertsPanel.js';
import { handleKey, initialViewState, type Effect, type ViewState } from './dashboard-keys.js';
import {
  alertRows,
  checkRows,
  computeLayout,
  metricRows,
  type PanelId,
} from './dashboard-model.js';
import { DetailView, type DetailTarget } from './DetailView.js';
import { FilterBar } from './FilterBar.js';
import { HealthPanel } from './HealthPanel.js';
import { HelpOverlay } from './HelpOverlay.js';
import { MetricsPanel } from './MetricsPanel.js';
import { Prompt } from './Prompt.js';
import type { AlertView, CheckInfo, MetricInfo } from '../../protocol/schemas.js';
import type { DashboardSource } from './source.js';
import { StatusLine } from './StatusLine.js';
import { useDashboardData } from './use-dashboard-data.js';
import { useTick } from './use-tick.js';
import { useTerminalSize } from './use-terminal-size.js';

/** Props of {@link DashboardApp}. */
export interface DashboardAppProps {
  source: DashboardSource;
  /** Colours on; false under NO_COLOR. */
  color: boolean;
  /** The time ages are measured from (a fixed clock in tests). */
  clock: { now(): number };
  /** How often ages are redrawn, in ms (default 1000; 0 never). */
  tickMs?: number;
}

/** The full-screen monitoring dashboard. */
export function DashboardApp({
  source,
  color,
  clock,
  tickMs = 1000,
}: DashboardAppProps): ReactNode {
  const data = useDashboardData(source);
  const { columns, rows: lines } = useTerminalSize();
  const layout = computeLayout(columns, lines);
  const { exit } = useApp();
  const [view, setView] = useState<ViewState>(initialViewState);
  const [notice, setNotice] = useState<string | null>(null);
  const viewRef = useRef(view);
  viewRef.current = view;

  // Filtering and sorting run only when the data or the filter changes, not on every key.
  const rowsOf = useMemo(
    () => ({
      health: checkRows(data.checks, view.filter),
      alerts: alertRows(data.alerts, view.filter),
      metrics: metricRows(data.metrics, view.filter),
    }),
    [data.checks, data.alerts, data.metrics, view.filter],
  );
  const counts: Record<PanelId, number> = {
    health: rowsOf.health.length,
    alerts: rowsOf.alerts.length,
    metrics: rowsOf.metrics.length,
  };
  const sel = (p: PanelId): number => Math.max(0, Math.min(view.selected[p], counts[p] - 1));
  const selectedAlert = rowsOf.alerts[sel('alerts')];

  /** Quits, or runs an ack or silence of the alert `rule` and reports how it went. */
  const perform = (effect: Effect, rule: string): void => {
    if (effect.type === 'quit') {
      exit();
      return;
    }
    const done =
      effect.type === 'ack'
        ? source
            .ack(effect.alertId, effect.comment, effect.durationMs)
            .then(() => `acknowledged ${rule} (${effect.alertId})`)
        : source
            .silence(effect.matchers, effect.durationMs, effect.comment)
            .then(() => `silenced ${effect.matchers.join(', ')}`);
    done.then(setNotice, (error: unknown) =>
      setNotice(
        `${effect.type} failed (${rule}): ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  };

  const onKey = (input: string, key: Key): void => {
    const rule = viewRef.current.prompt?.alert.rule ?? '';
    const { state, effect } = handleKey(viewRef.current, input, key, {
      counts,
      selectedAlert,
      page: layout.rows[viewRef.current.focus],
    });
    viewRef.current = state;
    setView(state);
    setNotice(null);
    if (effect !== undefined) perform(effect, rule);
  };
  const { isRawModeSupported } = useStdin();
  useInput(onKey, { isActive: isRawModeSupported === true });

  useTick(tickMs);
  const now = clock.now();
  const status = <StatusLine data={data} color={color} now={now} />;
  if (view.mode === 'help') {
    return (
      <Box flexDirection="column">
        <HelpOverlay />
        {status}
      </Box>
    );
  }
  if (view.mode === 'prompt' && view.prompt !== null) {
    return (
      <Box flexDirection="column">
        <Prompt prompt={view.prompt} color={color} />
        {status}
      </Box>
    );
  }
  const target = detailTarget(view.focus, rowsOf, sel(view.focus));
  if (view.mode === 'detail' && target !== null) {
    return (
      <Box flexDirection="column">
        <DetailView
          target={target}
          source={source}
          range={view.range}
          width={Math.max(80, columns)}
          height={Math.max(24, lines) - 1}
          color={color}
          now={now}
        />
        {status}
      </Box>
    );
  }
  const common = { color, now } as const;
  const health = (
    <HealthPanel
      report={data.health}
      checks={rowsOf.health}
      selected={sel('health')}
      focused={view.focus === 'health'}
      width={layout.widths.health}
      rows={layout.rows.health}
      {...common}
    />
  );
  const alerts = (
    <AlertsPanel
      alerts={rowsOf.alerts}
      selected={sel('alerts')}
      focused={view.focus === 'alerts'}
      width={layout.widths.alerts}
      rows={layout.rows.alerts}
      {...common}
    />
  );
  const metrics = (
    <MetricsPanel
      metrics={rowsOf.metrics}
      selected={sel('metrics')}
      focused={view.focus === 'metrics'}
      width={layout.widths.metrics}
      rows={layout.rows.metrics}
      color={color}
    />
  );
  return (
    <Box flexDirection="column">
      {layout.wide ? (
        <Box flexDirection="row">
          <Box flexDirection="column">
            {health}
            {alerts}
          </Box>
          {metrics}
        </Box>
      ) : (
        <>
          {health}
          {alerts}
          {metrics}
        </>
      )}
      <FilterBar filter={view.filter} editing={view.mode === 'filter'} notice={notice} />
      {status}
    </Box>
  );
}

/** The row Enter opens, or null when the focused panel is empty. */
function detailTarget(
  focus: PanelId,
  rowsOf: { health: CheckInfo[]; alerts: AlertView[]; metrics: MetricInfo[] },
  index: number,
): DetailTarget | null {
  if (focus === 'health') {
    const check = rowsOf.health[index];
    return check === undefined ? null : { kind: 'check', check };
  }
  if (focus === 'alerts') {
    const alert = rowsOf.alerts[index];
    return alert === undefined ? null : { kind: 'alert', alert };
  }
  const metric = rowsOf.metrics[index];
  return metric === undefined ? null : { kind: 'metric', metric };
}
