/**
 * @module The overview: overall health with each health check, the monitoring checks, active
 * alerts by severity, and every metric with its last value and a sparkline.
 */
import { el, empty, replace, section, table } from '../dom.js';
import { formatLatency, formatPercent, formatTime, formatValue } from '../format.js';
import { sparkline } from '../sparkline.js';
import {
  ALERT_HEADINGS,
  age,
  alertRow,
  badge,
  bySeverity,
  coalesce,
  SEVERITY_ORDER,
} from './common.js';

/**
 * @param {HTMLElement} root
 * @param {import('./common.js').ViewContext} ctx
 * @returns {Promise<import('./common.js').View>}
 */
export async function mountOverview(root, ctx) {
  const health = el('div', {
    id: 'health-summary',
    'data-testid': 'health-summary',
    class: 'health-summary',
    'aria-live': 'polite',
  });
  const healthChecks = el('div');
  const checks = el('div');
  const alertCounts = el('p', { class: 'counts', 'data-testid': 'alert-counts' });
  const alerts = el('div');
  const metrics = el('div');
  // One card per row, full width: side by side (at most 1280 px between them) the health table's
  // detail column and the alerts' action buttons were cut off in their scrolling tables.
  replace(
    root,
    el('h1', { text: 'Overview' }),
    section('health', 'Health', health, healthChecks),
    section(
      'active-alerts',
      'Active alerts',
      alertCounts,
      alerts,
      el('p', {}, el('a', { href: '/alerts', text: 'All alerts, silences and history' })),
    ),
    section('checks', 'Checks', checks),
    section('metrics', 'Metrics', metrics),
  );

  async function loadHealth() {
    /** @type {{ status: string, checks: { name: string, status: string, detail: string, latencyMs: number, lastRun: string }[], checkedAt: string }} */
    const h = await ctx.api.get('/api/v1/health');
    const now = ctx.now();
    health.setAttribute('data-status', h.status);
    replace(
      health,
      badge(h.status, h.status, { 'data-testid': 'health-status' }),
      ' checked ',
      age(h.checkedAt, now),
    );
    replace(
      healthChecks,
      h.checks.length === 0
        ? empty('No health checks.')
        : table(
            'Health checks',
            ['Check', 'Status', 'Latency', 'Last run', 'Detail'],
            h.checks.map((c) =>
              el(
                'tr',
                { 'data-testid': 'health-check-row', 'data-name': c.name, 'data-status': c.status },
                el('td', { text: c.name }),
                el('td', {}, badge(c.status)),
                el('td', { class: 'num', text: formatLatency(c.latencyMs) }),
                el('td', { title: formatTime(c.lastRun) }, age(c.lastRun, now)),
                // Clamped to three lines; the title shows the rest (a long path, a command's output).
                el(
                  'td',
                  { class: 'detail', title: c.detail },
                  el('div', { class: 'clamp', text: c.detail }),
                ),
              ),
            ),
          ),
    );
  }

  async function loadChecks() {
    /** @type {{ checks: import('./check.js').CheckInfo[] }} */
    const r = await ctx.api.get('/api/v1/checks');
    const now = ctx.now();
    replace(
      checks,
      r.checks.length === 0
        ? empty('No checks yet: add one with `clickup-brain monitoring --add-check`.')
        : table(
            'Checks',
            ['Check', 'Type', 'Status', 'Latency', 'Last run', 'Uptime 24h', 'Recent latency'],
            r.checks.map((c) =>
              el(
                'tr',
                { 'data-testid': 'check-row', 'data-name': c.name, 'data-state': c.state },
                el(
                  'td',
                  {},
                  el('a', {
                    href: `/checks/${encodeURIComponent(c.name)}`,
                    'data-testid': 'check-link',
                    text: c.name,
                  }),
                ),
                el('td', { text: c.type }),
                el('td', {}, badge(c.state)),
                el('td', { class: 'num', text: formatLatency(c.latencyMs) }),
                el('td', { title: formatTime(c.lastRun) }, age(c.lastRun, now)),
                el('td', { class: 'num', text: formatPercent(c.uptime24h) }),
                el('td', {}, sparkline(c.recentLatencyMs, `recent latency of ${c.name}`)),
              ),
            ),
          ),
    );
  }

  async function loadAlerts() {
    /** @type {{ alerts: import('./common.js').AlertView[] }} */
    const r = await ctx.api.get('/api/v1/alerts');
    const active = bySeverity(r.alerts);
    const counts = SEVERITY_ORDER.map((s) => [
      s,
      active.filter((a) => a.severity === s).length,
    ]).filter(([, n]) => Number(n) > 0);
    replace(
      alertCounts,
      counts.length === 0
        ? 'None firing or pending.'
        : counts.map(([s, n]) => [badge(String(s), `${n} ${s}`), ' ']),
    );
    replace(
      alerts,
      active.length === 0
        ? null
        : table(
            'Active alerts',
            ALERT_HEADINGS,
            active.map((a) => alertRow(a, ctx, refresh)),
          ),
    );
  }

  async function loadMetrics() {
    /** @type {{ metrics: { name: string, type: string, help: string, series: number, lastValue: number | null, recent: number[] }[] }} */
    const r = await ctx.api.get('/api/v1/metrics');
    const sorted = [...r.metrics].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    replace(
      metrics,
      sorted.length === 0
        ? empty('No metrics yet.')
        : table(
            'Metrics',
            ['Metric', 'Type', 'Series', 'Last value', 'Recent'],
            sorted.map((m) =>
              el(
                'tr',
                { 'data-testid': 'metric-row', 'data-name': m.name },
                el(
                  'td',
                  {},
                  el('a', {
                    href: `/metrics/${encodeURIComponent(m.name)}`,
                    'data-testid': 'metric-link',
                    text: m.name,
                  }),
                  m.help === '' ? null : el('div', { class: 'muted', text: m.help }),
                ),
                el('td', { text: m.type }),
                el('td', { class: 'num', text: String(m.series) }),
                el('td', {
                  class: 'num',
                  'data-testid': 'metric-value',
                  text: formatValue(m.lastValue),
                }),
                el('td', {}, sparkline(m.recent, `recent values of ${m.name}`)),
              ),
            ),
          ),
    );
  }

  /** @type {Record<string, () => Promise<void>>} */
  const loaders = {
    health: loadHealth,
    checks: loadChecks,
    alerts: loadAlerts,
    metrics: loadMetrics,
  };
  /** @type {Record<string, () => void>} */
  const scheduled = {};
  for (const [topic, load] of Object.entries(loaders)) scheduled[topic] = coalesce(load, 300);

  async function refresh() {
    await Promise.all(Object.values(loaders).map((load) => load()));
  }
  await refresh();
  return {
    refresh,
    onEvent(topic) {
      scheduled[topic]?.();
    },
  };
}
