/**
 * @module A metric's detail page: a uPlot chart with one line per label set (hover shows each
 * line's value in the legend), range buttons, and the last value of each series as a table.
 */
import { el, empty, replace, section, table } from '../dom.js';
import { formatLabels, formatTime, formatValue } from '../format.js';
import { chartData, lastPoint } from '../series.js';
import { createChart } from '../chart.js';
import { chartContainer, coalesce, crumbs } from './common.js';

export const RANGES = ['15m', '1h', '6h', '24h', '7d'];

/**
 * @typedef {{ name: string, type: string | null, help: string, range: string, resolution: string,
 *   stepMs: number | null, timestamps: number[],
 *   series: { labels: Record<string, string>, values: (number | null)[] }[] }} MetricData
 */

/**
 * @param {HTMLElement} root
 * @param {import('./common.js').ViewContext} ctx
 * @returns {Promise<import('./common.js').View>}
 */
export async function mountMetric(root, ctx) {
  const name = ctx.params['name'] ?? '';
  const wanted = new URLSearchParams(location.search).get('range');
  let range = wanted !== null && RANGES.includes(wanted) ? wanted : '1h';
  const info = el('p', { class: 'muted', 'data-testid': 'metric-info' });
  const chartBox = chartContainer(`chart of ${name}`);
  const lastValues = el('div');
  const buttons = RANGES.map((r) =>
    el('button', {
      type: 'button',
      class: 'button range',
      text: r,
      'data-testid': `range-${r}`,
      'data-range': r,
      'aria-pressed': String(r === range),
      'aria-label': `show the last ${r}`,
      onclick: () => {
        range = r;
        for (const b of buttons)
          b.setAttribute('aria-pressed', String(b.getAttribute('data-range') === r));
        const url = new URL(location.href);
        url.searchParams.set('range', r);
        history.replaceState(null, '', url);
        refresh().catch((e) => ctx.notify(e instanceof Error ? e.message : String(e)));
      },
    }),
  );
  replace(
    root,
    crumbs('metrics'),
    el('h1', { class: 'mono', text: name }),
    info,
    section(
      'metric-chart',
      'History',
      el(
        'div',
        {
          class: 'range-buttons',
          role: 'group',
          'aria-label': 'Time range',
          'data-testid': 'range-buttons',
        },
        buttons,
      ),
      chartBox,
    ),
    section('metric-series', 'Series', lastValues),
  );

  /** @type {ReturnType<typeof createChart> | null} */
  let chart = null;

  async function refresh() {
    /** @type {MetricData} */
    const m = await ctx.api.get(`/api/v1/metrics/${encodeURIComponent(name)}?range=${range}`);
    replace(
      info,
      m.type ?? 'untyped',
      m.help === '' ? '' : ` — ${m.help}`,
      ` · ${m.series.length} series`,
      m.resolution === 'raw' || m.resolution === undefined ? '' : ` · averaged per ${m.resolution}`,
    );
    const data = chartData(m);
    if (data.xs.length === 0) {
      chart?.destroy();
      chart = null;
      replace(chartBox, empty(`No samples in the last ${range}.`));
    } else if (chart === null) {
      replace(chartBox);
      chart = createChart(chartBox, data);
    } else chart.update(data);
    replace(
      lastValues,
      m.series.length === 0
        ? empty('No series.')
        : table(
            'Last value of each series',
            ['Labels', 'Last value', 'At'],
            m.series.map((s) => {
              const last = lastPoint(data.xs, s.values);
              return el(
                'tr',
                { 'data-testid': 'series-row' },
                el('td', { class: 'labels', text: formatLabels(s.labels) }),
                el('td', { class: 'num', text: formatValue(last?.value) }),
                el('td', { text: last === null ? '—' : formatTime(last.at * 1000) }),
              );
            }),
          ),
    );
  }

  const scheduled = coalesce(refresh, 1000);
  await refresh();
  return {
    refresh,
    onEvent(topic) {
      if (topic === 'metrics') scheduled();
    },
  };
}
