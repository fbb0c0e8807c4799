/**
 * @module Pieces several views share: status and severity badges (always with text, never colour
 * alone), the alert row with its Ack and Silence actions, and a refresh scheduler.
 */
import { el } from '../dom.js';
import { formatAge, formatLabels, formatValue, matchersFor } from '../format.js';
import { DURATIONS, openDialog } from '../dialog.js';

/**
 * @typedef {import('../api.js').Api} Api
 * @typedef {object} ViewContext
 * @property {Api} api
 * @property {(permission: string) => boolean} can
 * @property {Record<string, string>} params
 * @property {() => number} now
 * @property {(message: string | null) => void} notify  shows (or clears) a page-level message
 * @typedef {object} View
 * @property {() => Promise<void>} refresh
 * @property {(topic: string, data: unknown) => void} onEvent
 */

export const SEVERITY_ORDER = ['emergency', 'critical', 'warning', 'info'];

/**
 * A badge whose text says what its colour shows.
 * @param {string} kind  class suffix (e.g. `healthy`, `critical`, `up`)
 * @param {string} [text]
 * @param {Record<string, unknown>} [attrs]
 */
export function badge(kind, text = kind, attrs = {}) {
  return el('span', { class: `badge badge-${kind.replace(/[^a-z0-9-]/gi, '')}`, text, ...attrs });
}

/**
 * The breadcrumb of a detail page: a link back to the overview, then where the page is.
 * @param {string} where  e.g. `checks`
 */
export function crumbs(where) {
  return el(
    'nav',
    { class: 'crumbs', 'aria-label': 'Breadcrumb' },
    el('a', { href: '/', text: 'Overview' }),
    ` / ${where}`,
  );
}

/**
 * The box a uPlot chart is drawn into (the tests find it by id and test id).
 * @param {string} label  what the chart shows, for screen readers
 */
export function chartContainer(label) {
  return el('div', {
    id: 'chart',
    class: 'chart',
    'data-testid': 'chart',
    role: 'img',
    'aria-label': label,
  });
}

/**
 * An age that the page's ticker keeps current.
 * @param {string | number | null} at
 * @param {number} now
 */
export function age(at, now) {
  const t = typeof at === 'string' ? Date.parse(at) : at;
  return el(
    'time',
    {
      'data-age-from': t === null || !Number.isFinite(t) ? null : String(t),
      datetime: t === null || !Number.isFinite(t) ? null : new Date(t).toISOString(),
    },
    formatAge(at, now),
  );
}

/**
 * Runs `fn` at most once per `ms`, trailing: a burst of events gives one refresh.
 * @param {() => Promise<void>} fn
 * @param {number} [ms]
 */
export function coalesce(fn, ms = 500) {
  /** @type {ReturnType<typeof setTimeout> | null} */
  let timer = null;
  return () => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      fn().catch(() => {});
    }, ms);
  };
}

/**
 * @typedef {{ id: string, rule: string, severity: string, state: string, muted: string | null,
 *   mutedBy: string | null, labels: Record<string, string>, annotations: Record<string, string>,
 *   value: number, activeAt: string, firedAt: string | null }} AlertView
 */

/**
 * One alert as a table row, with Ack and Silence buttons for users who may change alerts.
 * @param {AlertView} a
 * @param {ViewContext} ctx
 * @param {() => Promise<void>} after  called once an action succeeded
 */
export function alertRow(a, ctx, after) {
  const now = ctx.now();
  const summary = a.annotations['summary'] ?? a.annotations['description'] ?? '';
  const state = a.muted === null ? a.state : `${a.state}, ${a.muted}`;
  const actions = el('td', { class: 'actions' });
  if (ctx.can('monitoring.write')) {
    if (a.muted !== 'acked')
      actions.appendChild(
        el('button', {
          type: 'button',
          class: 'button small',
          text: 'Ack',
          'data-testid': 'ack-button',
          'aria-label': `Acknowledge alert ${a.rule} ${formatLabels(a.labels)}`,
          onclick: () => ackDialog(a, ctx, after),
        }),
      );
    if (a.muted !== 'silenced')
      actions.appendChild(
        el('button', {
          type: 'button',
          class: 'button small secondary',
          text: 'Silence',
          'data-testid': 'silence-button',
          'aria-label': `Silence alert ${a.rule} ${formatLabels(a.labels)}`,
          onclick: () => silenceDialog(a, ctx, after),
        }),
      );
  }
  return el(
    'tr',
    {
      'data-testid': 'alert-row',
      'data-id': a.id,
      'data-severity': a.severity,
      'data-state': a.muted ?? a.state,
    },
    el('td', {}, badge(a.severity)),
    el(
      'td',
      {},
      el('strong', { text: a.rule }),
      summary === '' ? null : el('div', { class: 'muted', text: summary }),
    ),
    el('td', {}, badge(a.muted === null ? a.state : 'muted', state)),
    el('td', { class: 'labels', text: formatLabels(a.labels) }),
    el('td', { class: 'num', text: formatValue(a.value) }),
    el('td', {}, age(a.firedAt ?? a.activeAt, now)),
    actions,
  );
}

export const ALERT_HEADINGS = ['Severity', 'Alert', 'State', 'Labels', 'Value', 'Age', 'Actions'];

/**
 * @param {AlertView} a
 * @param {ViewContext} ctx
 * @param {() => Promise<void>} after
 */
async function ackDialog(a, ctx, after) {
  const done = await openDialog({
    title: `Acknowledge ${a.rule}`,
    description: formatLabels(a.labels),
    confirm: 'Acknowledge',
    testid: 'ack-dialog',
    fields: [
      { name: 'comment', label: 'Comment', required: true, placeholder: 'what is being done' },
      { name: 'durationMs', label: 'For', type: 'select', value: '3600000', options: DURATIONS },
    ],
    submit: async (v) => {
      if (v['comment'] === '') throw new Error('a comment is needed');
      await ctx.api.post(`/api/v1/alerts/${encodeURIComponent(a.id)}/ack`, {
        comment: v['comment'],
        durationMs: Number(v['durationMs']),
      });
    },
  });
  if (done !== null) {
    ctx.notify(`Acknowledged ${a.rule}.`);
    await after();
  }
}

/**
 * @param {AlertView} a
 * @param {ViewContext} ctx
 * @param {() => Promise<void>} after
 */
async function silenceDialog(a, ctx, after) {
  const matchers = matchersFor(a.labels);
  const done = await openDialog({
    title: `Silence ${a.rule}`,
    description: `Mutes every alert with these labels: ${matchers.join(', ')}`,
    confirm: 'Silence',
    testid: 'silence-dialog',
    fields: [
      { name: 'comment', label: 'Comment', required: true, placeholder: 'why it is silenced' },
      { name: 'durationMs', label: 'For', type: 'select', value: '3600000', options: DURATIONS },
    ],
    submit: async (v) => {
      if (v['comment'] === '') throw new Error('a comment is needed');
      await ctx.api.post('/api/v1/silences', {
        matchers,
        durationMs: Number(v['durationMs']),
        comment: v['comment'],
      });
    },
  });
  if (done !== null) {
    ctx.notify(`Silenced ${a.rule}.`);
    await after();
  }
}

/**
 * Orders alerts by severity (worst first), then by age (oldest first).
 * @param {AlertView[]} alerts
 */
export function bySeverity(alerts) {
  const rank = (/** @type {string} */ s) => {
    const i = SEVERITY_ORDER.indexOf(s);
    return i < 0 ? SEVERITY_ORDER.length : i;
  };
  return [...alerts].sort(
    (x, y) =>
      rank(x.severity) - rank(y.severity) || Date.parse(x.activeAt) - Date.parse(y.activeAt),
  );
}
