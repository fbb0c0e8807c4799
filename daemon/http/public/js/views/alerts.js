/**
 * @module The alerts page: tabs for active, silenced and acknowledged alerts (with the silences
 * themselves) and the transition history; Ack, Silence and Expire for users with
 * monitoring.write.
 */
import { el, empty, replace, table } from '../dom.js';
import { formatLabels, formatTime, formatTimeLeft, formatValue } from '../format.js';
import { createTabs } from '../tabs.js';
import { ALERT_HEADINGS, age, alertRow, badge, bySeverity, coalesce } from './common.js';

const TABS = ['active', 'silenced', 'acknowledged', 'history'];

/**
 * @param {HTMLElement} root
 * @param {import('./common.js').ViewContext} ctx
 * @returns {Promise<import('./common.js').View>}
 */
export async function mountAlerts(root, ctx) {
  const panels = Object.fromEntries(TABS.map((t) => [t, el('div', { class: 'tab-panel' })]));
  const wanted = new URLSearchParams(location.search).get('tab') ?? 'active';
  const tabs = createTabs(
    'alerts',
    TABS.map((t) => ({
      key: t,
      label: t[0]?.toUpperCase() + t.slice(1),
      panel: /** @type {HTMLElement} */ (panels[t]),
    })),
    wanted,
    (key) => {
      const url = new URL(location.href);
      url.searchParams.set('tab', key);
      history.replaceState(null, '', url);
    },
  );
  replace(root, el('h1', { text: 'Alerts' }), tabs.element);

  /** @param {import('./common.js').AlertView[]} list @param {string} none */
  const alertTable = (list, none) =>
    list.length === 0
      ? empty(none)
      : table(
          'Alerts',
          ALERT_HEADINGS,
          bySeverity(list).map((a) => alertRow(a, ctx, refresh)),
        );

  async function refresh() {
    /** @type {[{ alerts: import('./common.js').AlertView[], history: any[] }, { silences: any[] }]} */
    const [r, s] = await Promise.all([
      ctx.api.get('/api/v1/alerts?all=1&limit=200'),
      ctx.api.get('/api/v1/silences'),
    ]);
    const now = ctx.now();
    const active = r.alerts.filter((a) => a.muted !== 'silenced' && a.muted !== 'acked');
    const silenced = r.alerts.filter((a) => a.muted === 'silenced');
    const acked = r.alerts.filter((a) => a.muted === 'acked');
    const silences = s.silences.filter((x) => Date.parse(x.endsAt) > now);
    tabs.label('active', `Active (${active.length})`);
    tabs.label('silenced', `Silenced (${silenced.length})`);
    tabs.label('acknowledged', `Acknowledged (${acked.length})`);
    replace(/** @type {HTMLElement} */ (panels['active']), alertTable(active, 'No active alerts.'));
    replace(
      /** @type {HTMLElement} */ (panels['acknowledged']),
      alertTable(acked, 'No acknowledged alerts.'),
    );
    replace(
      /** @type {HTMLElement} */ (panels['silenced']),
      alertTable(silenced, 'No silenced alerts.'),
      el('h2', { text: 'Silences' }),
      silences.length === 0
        ? empty('No silences in force.')
        : table(
            'Silences',
            ['Matchers', 'Comment', 'By', 'Ends', 'Actions'],
            silences.map((x) =>
              el(
                'tr',
                { 'data-testid': 'silence-row', 'data-id': x.id },
                el('td', { class: 'labels', text: x.matchers.join(', ') }),
                el('td', { text: x.comment }),
                el('td', { text: x.createdBy }),
                el('td', { title: formatTime(x.endsAt), text: formatTimeLeft(x.endsAt, now) }),
                el(
                  'td',
                  { class: 'actions' },
                  ctx.can('monitoring.write')
                    ? el('button', {
                        type: 'button',
                        class: 'button small secondary',
                        text: 'Expire',
                        'data-testid': 'expire-silence',
                        'aria-label': `Expire the silence ${x.matchers.join(', ')}`,
                        onclick: async () => {
                          try {
                            await ctx.api.del(`/api/v1/silences/${encodeURIComponent(x.id)}`);
                            ctx.notify('Silence expired.');
                            await refresh();
                          } catch (e) {
                            ctx.notify(e instanceof Error ? e.message : String(e));
                          }
                        },
                      })
                    : null,
                ),
              ),
            ),
          ),
    );
    const hist = [...r.history].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    replace(
      /** @type {HTMLElement} */ (panels['history']),
      hist.length === 0
        ? empty('No transitions yet.')
        : table(
            'Alert history',
            ['Time', 'Change', 'Severity', 'Alert', 'Labels', 'Value'],
            hist.map((h) =>
              el(
                'tr',
                { 'data-testid': 'history-row' },
                el('td', { title: formatTime(h.at) }, age(h.at, now)),
                el('td', {}, badge(h.kind)),
                el('td', {}, badge(h.severity)),
                el('td', { text: h.rule }),
                el('td', { class: 'labels', text: formatLabels(h.labels) }),
                el('td', { class: 'num', text: formatValue(h.value) }),
              ),
            ),
          ),
    );
  }

  const scheduled = coalesce(refresh, 300);
  await refresh();
  return {
    refresh,
    onEvent(topic) {
      if (topic === 'alerts') scheduled();
    },
  };
}
