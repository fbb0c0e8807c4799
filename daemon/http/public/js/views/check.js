/**
 * @module A check's detail page: its state, uptime figures, a latency chart and the list of
 * recent runs (newest first).
 */
import { el, empty, replace, section, table } from '../dom.js';
import { formatLatency, formatPercent, formatTime, toMs } from '../format.js';
import { createChart } from '../chart.js';
import { age, badge, chartContainer, coalesce, crumbs } from './common.js';

/**
 * @typedef {{ name: string, type: string, target: string | null, intervalMs: number,
 *   state: string, lastRun: string | null, latencyMs: number | null, detail: string,
 *   recentLatencyMs: number[], uptime24h: number | null }} CheckInfo
 * @typedef {{ time: number, ok: boolean, latencyMs: number, detail: string, warning?: string }} Run
 * @typedef {{ check: CheckInfo, runs: Run[], latency: { xs: number[], ys: (number | null)[][], names: string[] },
 *   uptime: Record<'24h' | '7d' | '30d', number | null>, consecutiveFailures: number | null,
 *   timeoutMs: number | null, isPublic: boolean }} CheckDetail
 */

/** @param {unknown} v */
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Reads the check detail reply (GET /api/v1/checks/:name): runs newest first with times in epoch
 * ms, the latency chart's columns (Unix seconds), and uptime ratios (null: no runs then).
 * @param {any} r
 * @returns {CheckDetail}
 */
export function readCheckDetail(r) {
  /** @type {Run[]} */
  const runs = [];
  for (const x of Array.isArray(r?.history) ? r.history : []) {
    const time = toMs(x?.time ?? null);
    if (time === null) continue;
    runs.push({
      time,
      ok: x.ok === true,
      latencyMs: num(x.latencyMs) ?? NaN,
      detail: typeof x.detail === 'string' ? x.detail : '',
      warning: typeof x.warning === 'string' ? x.warning : undefined,
    });
  }
  runs.sort((a, b) => b.time - a.time);
  const xs = Array.isArray(r?.latency?.timestamps) ? r.latency.timestamps : [];
  const values = Array.isArray(r?.latency?.values) ? r.latency.values : [];
  const u = r?.uptime ?? {};
  return {
    check: r?.check,
    runs,
    latency: {
      xs,
      ys: [xs.map((/** @type {number} */ _, /** @type {number} */ i) => num(values[i]))],
      names: ['latency'],
    },
    uptime: { '24h': num(u['24h']), '7d': num(u['7d']), '30d': num(u['30d']) },
    consecutiveFailures: num(r?.consecutiveFailures),
    timeoutMs: num(r?.definition?.timeoutMs),
    isPublic: r?.definition?.public === true,
  };
}

/**
 * @param {HTMLElement} root
 * @param {import('./common.js').ViewContext} ctx
 * @returns {Promise<import('./common.js').View>}
 */
export async function mountCheck(root, ctx) {
  const name = ctx.params['name'] ?? '';
  const summary = el('div', { class: 'check-summary', 'data-testid': 'check-summary' });
  const uptime = el('dl', { class: 'figures', 'data-testid': 'check-uptime' });
  const chartBox = chartContainer(`latency of ${name}`);
  const runs = el('div');
  replace(
    root,
    crumbs('checks'),
    el('h1', { text: name }),
    summary,
    section('check-uptime-card', 'Uptime', uptime),
    section('check-latency', 'Latency', chartBox),
    section('check-history', 'Recent runs', runs),
  );
  /** @type {ReturnType<typeof createChart> | null} */
  let chart = null;

  async function refresh() {
    const d = readCheckDetail(await ctx.api.get(`/api/v1/checks/${encodeURIComponent(name)}`));
    const now = ctx.now();
    const c = d.check;
    replace(
      summary,
      badge(c.state, c.state, { 'data-testid': 'check-state' }),
      ` ${c.type}`,
      c.target === null ? '' : ` · ${c.target}`,
      ` · every ${Math.round(c.intervalMs / 1000)} s · last run `,
      age(c.lastRun, now),
      d.timeoutMs === null ? '' : ` · timeout ${Math.round(d.timeoutMs / 1000)} s`,
      d.isPublic ? ' · on the public status page' : '',
      d.consecutiveFailures !== null && d.consecutiveFailures > 0
        ? el('p', { text: `${d.consecutiveFailures} failures in a row` })
        : null,
      c.detail === '' ? null : el('p', { class: 'muted', text: c.detail }),
    );
    replace(
      uptime,
      Object.entries(d.uptime).map(([k, v]) => [
        el('dt', { text: k }),
        el('dd', { 'data-window': k, text: v === null ? 'no runs' : formatPercent(v) }),
      ]),
    );
    const data = d.latency;
    if (data.xs.length === 0) {
      chart?.destroy();
      chart = null;
      replace(chartBox, empty('No runs yet.'));
    } else if (chart === null) {
      replace(chartBox);
      chart = createChart(chartBox, data, { unit: formatLatency, height: 220 });
    } else chart.update(data);
    const newest = d.runs;
    replace(
      runs,
      newest.length === 0
        ? empty('No runs yet.')
        : table(
            'Recent runs',
            ['Time', 'Result', 'Latency', 'Detail'],
            newest.map((r) =>
              el(
                'tr',
                { 'data-testid': 'run-row', 'data-ok': String(r.ok) },
                el('td', { text: formatTime(r.time) }),
                el('td', {}, badge(r.ok ? 'up' : 'down')),
                el('td', { class: 'num', text: formatLatency(r.latencyMs) }),
                el('td', { class: 'detail', text: r.warning ?? r.detail }),
              ),
            ),
          ),
    );
  }

  const scheduled = coalesce(refresh, 500);
  await refresh();
  return {
    refresh,
    onEvent(topic, data) {
      if (topic === 'checks' && (data === null || /** @type {any} */ (data).name === name))
        scheduled();
    },
  };
}
