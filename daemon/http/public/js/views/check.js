/**
 * @module A check's detail page: its state, uptime figures, a latency chart and the list of
 * recent runs (newest first).
 */
import { el, empty, replace, section, table } from '../dom.js';
import { formatLatency, formatPercent, formatTime, toMs } from '../format.js';
import { createChart } from '../chart.js';
import { age, badge, coalesce } from './common.js';

/**
 * @typedef {{ name: string, type: string, target: string | null, intervalMs: number,
 *   state: string, lastRun: string | null, latencyMs: number | null, detail: string,
 *   recentLatencyMs: number[], uptime24h: number | null }} CheckInfo
 * @typedef {{ time: number, ok: boolean, latencyMs: number, detail: string, warning?: string }} Run
 * @typedef {{ check: CheckInfo, history: Run[], uptime: Record<string, number | null> }} CheckDetail
 */

/**
 * Reads the check detail reply into one shape: runs with `time` (epoch ms, or ISO `time`/`at`)
 * and `ok` (or `state: 'up'`), uptime as `{ '24h', '7d', '30d' }` ratios or null.
 * @param {any} r
 * @returns {CheckDetail}
 */
export function readCheckDetail(r) {
  const check = r?.check ?? r;
  const runs = Array.isArray(r?.history) ? r.history : Array.isArray(r?.runs) ? r.runs : [];
  /** @type {Run[]} */
  const history = [];
  for (const x of runs) {
    const time = toMs(x?.time ?? x?.at ?? null);
    if (time === null) continue;
    history.push({
      time,
      ok: typeof x.ok === 'boolean' ? x.ok : x.state === 'up',
      latencyMs: typeof x.latencyMs === 'number' ? x.latencyMs : NaN,
      detail: typeof x.detail === 'string' ? x.detail : '',
      warning: typeof x.warning === 'string' ? x.warning : undefined,
    });
  }
  history.sort((a, b) => a.time - b.time);
  const u = r?.uptime ?? {};
  /** @param {unknown} v */
  const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const uptime = {
    '24h': num(u['24h'] ?? u.h24 ?? u.day ?? check?.uptime24h),
    '7d': num(u['7d'] ?? u.d7 ?? u.week),
    '30d': num(u['30d'] ?? u.d30 ?? u.month),
  };
  return { check, history, uptime };
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
  const chartBox = el('div', {
    id: 'chart',
    class: 'chart',
    'data-testid': 'chart',
    role: 'img',
    'aria-label': `latency of ${name}`,
  });
  const runs = el('div');
  replace(
    root,
    el(
      'nav',
      { class: 'crumbs', 'aria-label': 'Breadcrumb' },
      el('a', { href: '/', text: 'Overview' }),
      ' / checks',
    ),
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
      c.detail === '' ? null : el('p', { class: 'muted', text: c.detail }),
    );
    replace(
      uptime,
      Object.entries(d.uptime).map(([k, v]) => [
        el('dt', { text: k }),
        el('dd', { text: formatPercent(v) }),
      ]),
    );
    const withLatency = d.history.filter((r) => Number.isFinite(r.latencyMs));
    const data = {
      xs: withLatency.map((r) => r.time / 1000),
      ys: [withLatency.map((r) => r.latencyMs)],
      names: ['latency'],
    };
    if (data.xs.length === 0) {
      chart?.destroy();
      chart = null;
      replace(chartBox, empty('No runs yet.'));
    } else if (chart === null) {
      replace(chartBox);
      chart = createChart(chartBox, data, { unit: formatLatency, height: 220 });
    } else chart.update(data);
    const newest = d.history.slice(-200).reverse();
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
