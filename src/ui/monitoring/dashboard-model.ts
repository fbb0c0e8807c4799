/**
 * @module The dashboard's pure model: which rows each panel shows (filtered, sorted), which of
 * them fit the height the layout gives, and how the screen is split. No Ink here, so it is
 * tested directly, and a redraw only builds the rows that are on screen.
 */
import type { AlertView, CheckInfo, MetricInfo } from '../../protocol/schemas.js';

/** The panels that take the keyboard focus, in Tab order. */
export const PANELS = ['health', 'alerts', 'metrics'] as const;
export type PanelId = (typeof PANELS)[number];

/** The panel `delta` steps from `focus` in Tab order, wrapping around. */
export function nextPanel(focus: PanelId, delta: number): PanelId {
  const i = PANELS.indexOf(focus);
  const n = PANELS.length;
  return PANELS[(((i + delta) % n) + n) % n] as PanelId;
}

/** `index + delta` kept within `0..count-1` (0 when there are no rows). */
export function moveSelection(index: number, delta: number, count: number): number {
  if (count <= 0) return 0;
  return Math.min(count - 1, Math.max(0, index + delta));
}

/** The slice `[start, end)` of `count` rows to draw in `height` lines so `selected` is on screen. */
export function visibleWindow(
  count: number,
  selected: number,
  height: number,
): { start: number; end: number } {
  if (height <= 0 || count <= 0) return { start: 0, end: 0 };
  if (count <= height) return { start: 0, end: count };
  const sel = Math.min(Math.max(selected, 0), count - 1);
  // Keep the selection in the last line when scrolling down, so moving one row moves the view one row.
  const start = Math.min(Math.max(0, sel - height + 1), count - height);
  return { start, end: start + height };
}

/** Whether `text` contains every word of `filter`, ignoring case. An empty filter matches all. */
export function matchesFilter(text: string, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const hay = text.toLowerCase();
  return words.every((w) => hay.includes(w));
}

const SEVERITY_RANK: Record<AlertView['severity'], number> = {
  emergency: 0,
  critical: 1,
  warning: 2,
  info: 3,
};
const CHECK_RANK: Record<CheckInfo['state'], number> = { down: 0, unknown: 1, up: 2 };

/** Alerts matching `filter`: unmuted first, then most severe, firing before pending, oldest first. */
export function alertRows(alerts: readonly AlertView[], filter: string): AlertView[] {
  return alerts
    .filter((a) =>
      matchesFilter(`${a.rule} ${a.severity} ${Object.values(a.labels).join(' ')}`, filter),
    )
    .sort(
      (a, b) =>
        Number(a.muted !== null) - Number(b.muted !== null) ||
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        Number(a.state === 'pending') - Number(b.state === 'pending') ||
        a.activeAt.localeCompare(b.activeAt) ||
        a.id.localeCompare(b.id),
    );
}

/** Checks matching `filter`: down first, then unknown, then up; by name within each. */
export function checkRows(checks: readonly CheckInfo[], filter: string): CheckInfo[] {
  return checks
    .filter((c) => matchesFilter(`${c.name} ${c.type} ${c.target ?? ''}`, filter))
    .sort((a, b) => CHECK_RANK[a.state] - CHECK_RANK[b.state] || a.name.localeCompare(b.name));
}

/** Metrics matching `filter`, by name. */
export function metricRows(metrics: readonly MetricInfo[], filter: string): MetricInfo[] {
  return metrics
    .filter((m) => matchesFilter(m.name, filter))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** How the screen is split: side by side from this many columns. */
export const WIDE_COLUMNS = 120;
/** Lines a panel spends on its border (2) and its title (1). */
export const PANEL_CHROME = 3;

/** Where the panels go and how many data rows each can show. */
export interface Layout {
  /** Health and alerts on the left, metrics on the right; else all three stacked. */
  wide: boolean;
  /** Width of each panel, border included. */
  widths: Record<PanelId, number>;
  /** Data rows each panel shows (its height less {@link PANEL_CHROME}). */
  rows: Record<PanelId, number>;
}

/**
 * Splits a `columns`×`lines` terminal; two lines go to the filter bar and the status line.
 * Sizes under 80×24, or unknown, are treated as 80×24 (the smallest supported).
 */
export function computeLayout(columns: number, lines: number): Layout {
  // `|| 0` turns NaN (an unknown size) into the minimum too.
  const cols = Math.max(80, Math.floor(columns) || 0);
  const body = Math.max(24, Math.floor(lines) || 0) - 2;
  if (cols >= WIDE_COLUMNS) {
    const left = Math.floor(cols / 2);
    const healthHeight = Math.floor(body / 2);
    return {
      wide: true,
      widths: { health: left, alerts: left, metrics: cols - left },
      rows: {
        health: healthHeight - PANEL_CHROME,
        alerts: body - healthHeight - PANEL_CHROME,
        metrics: body - PANEL_CHROME,
      },
    };
  }
  // Stacked: alerts matter most at a glance, so they get the spare lines.
  const each = Math.floor(body / 3);
  return {
    wide: false,
    widths: { health: cols, alerts: cols, metrics: cols },
    rows: {
      health: each - PANEL_CHROME,
      alerts: body - 2 * each - PANEL_CHROME,
      metrics: each - PANEL_CHROME,
    },
  };
}

/** The detail chart's selectable ranges, in the order `←`/`→` step through them. */
export const RANGES = [
  { label: '15m', ms: 15 * 60_000 },
  { label: '1h', ms: 3_600_000 },
  { label: '6h', ms: 6 * 3_600_000 },
  { label: '24h', ms: 24 * 3_600_000 },
] as const;

/** `text` cut to `width` characters, ending in `…` when cut. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
