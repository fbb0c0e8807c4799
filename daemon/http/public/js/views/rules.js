/**
 * @module The rules page: every alert rule with its expression, severity, timing and state.
 */
import { el, empty, replace, table } from '../dom.js';
import { formatDuration, formatLabels, formatTime } from '../format.js';
import { age, badge, coalesce } from './common.js';

/**
 * @param {HTMLElement} root
 * @param {import('./common.js').ViewContext} ctx
 * @returns {Promise<import('./common.js').View>}
 */
export async function mountRules(root, ctx) {
  const list = el('div');
  replace(root, el('h1', { text: 'Rules' }), list);

  async function refresh() {
    /** @type {{ rules: any[] }} */
    const r = await ctx.api.get('/api/v1/rules');
    const now = ctx.now();
    replace(
      list,
      r.rules.length === 0
        ? empty('No rules yet: add one with `clickup-brain monitoring --add-rule`.')
        : table(
            'Alert rules',
            ['Rule', 'Expression', 'Severity', 'For', 'Alerts', 'Last evaluated', 'Error'],
            r.rules.map((x) =>
              el(
                'tr',
                { 'data-testid': 'rule-row', 'data-name': x.name },
                el(
                  'td',
                  {},
                  el('strong', { text: x.name }),
                  x.description === '' ? null : el('div', { class: 'muted', text: x.description }),
                  Object.keys(x.labels).length === 0
                    ? null
                    : el('div', { class: 'labels', text: formatLabels(x.labels) }),
                ),
                el('td', {}, el('code', { class: 'expr', text: x.expr })),
                el('td', {}, badge(x.severity)),
                el('td', { text: x.forMs === 0 ? '—' : formatDuration(x.forMs) }),
                el(
                  'td',
                  {},
                  x.firing > 0 ? badge('firing', `${x.firing} firing`) : null,
                  ' ',
                  x.pending > 0 ? badge('pending', `${x.pending} pending`) : null,
                  x.firing + x.pending === 0 ? 'none' : null,
                ),
                el('td', { title: formatTime(x.lastEvaluatedAt) }, age(x.lastEvaluatedAt, now)),
                el(
                  'td',
                  { class: 'detail' },
                  x.lastError === null ? '—' : badge('error', x.lastError),
                ),
              ),
            ),
          ),
    );
  }

  const scheduled = coalesce(refresh, 1000);
  await refresh();
  return {
    refresh,
    onEvent(topic) {
      if (topic === 'alerts') scheduled();
    },
  };
}
