/**
 * @module The security page (security.read): the engine's status, recent events and bans with the
 * time they have left, with Ban and Unban for security.blacklist.manage. The users and sessions
 * cards (unlock, revoke) come from security-accounts.js.
 */
import { el, empty, replace, section, table } from '../dom.js';
import { formatTime, formatTimeLeft } from '../format.js';
import { openDialog } from '../dialog.js';
import { age, badge, coalesce } from './common.js';
import { accountsPart } from './security-accounts.js';

const BAN_DURATIONS = [
  { value: '3600000', label: '1 hour' },
  { value: '86400000', label: '24 hours' },
  { value: '604800000', label: '7 days' },
  { value: '2592000000', label: '30 days' },
  { value: '', label: 'permanent' },
];

/**
 * @param {HTMLElement} root
 * @param {import('./common.js').ViewContext} ctx
 * @returns {Promise<import('./common.js').View>}
 */
export async function mountSecurity(root, ctx) {
  const status = el('div', { 'data-testid': 'security-status' });
  const events = el('div');
  const bans = el('div');
  const canBan = ctx.can('security.blacklist.manage');
  const accounts = accountsPart(ctx, act);
  replace(
    root,
    el('h1', { text: 'Security' }),
    section('sec-status', 'Status', status),
    section(
      'sec-bans',
      'Bans',
      canBan
        ? el('button', {
            type: 'button',
            class: 'button',
            text: 'Ban an address…',
            'data-testid': 'ban-button',
            onclick: banDialog,
          })
        : null,
      bans,
    ),
    section('sec-events', 'Recent events', events),
    ...accounts.sections,
  );

  /**
   * @param {() => Promise<unknown>} action
   * @param {string} done
   */
  async function act(action, done) {
    try {
      await action();
      ctx.notify(done);
      await refresh();
    } catch (e) {
      ctx.notify(e instanceof Error ? e.message : String(e));
    }
  }

  async function banDialog() {
    const done = await openDialog({
      title: 'Ban an address',
      confirm: 'Ban',
      testid: 'ban-dialog',
      fields: [
        {
          name: 'target',
          label: 'Address or network',
          required: true,
          placeholder: '203.0.113.7 or 10.0.0.0/8',
        },
        { name: 'ttlMs', label: 'For', type: 'select', value: '86400000', options: BAN_DURATIONS },
        { name: 'reason', label: 'Reason', placeholder: 'optional' },
      ],
      submit: async (v) => {
        /** @type {Record<string, unknown>} */
        const body = { target: v['target'], ttlMs: v['ttlMs'] === '' ? null : Number(v['ttlMs']) };
        if (v['reason'] !== '') body['reason'] = v['reason'];
        await ctx.api.post('/api/v1/security/blacklist', body);
      },
    });
    if (done !== null) {
      ctx.notify(`Banned ${done['target']}.`);
      await refresh();
    }
  }

  async function loadStatus() {
    /** @type {any} */
    const s = await ctx.api.get('/api/v1/security/status');
    replace(
      status,
      el(
        'dl',
        { class: 'figures' },
        [
          ['Users', `${s.users.total} (${s.users.locked} locked, ${s.users.disabled} disabled)`],
          ['Active sessions', String(s.sessions.active)],
          ['Bans', `${s.bans.manual} manual, ${s.bans.auto} automatic`],
          ['Threats (24 h)', String(s.threats24h)],
          ['Failed logins (24 h)', String(s.failedLogins24h)],
          ['Posture', s.lastPosture === null ? 'not assessed' : s.lastPosture.worst],
        ].map(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]),
      ),
    );
  }

  async function loadEvents() {
    /** @type {{ events: any[] }} */
    const r = await ctx.api.get('/api/v1/security/events?limit=100');
    const now = ctx.now();
    const list = [...r.events].reverse();
    replace(
      events,
      list.length === 0
        ? empty('No events.')
        : table(
            'Security events',
            ['Time', 'Event', 'Outcome', 'Actor', 'Subject', 'IP'],
            list.map((e) =>
              el(
                'tr',
                { 'data-testid': 'event-row' },
                el('td', { title: formatTime(e.time) }, age(e.time, now)),
                el('td', { class: 'mono', text: e.type }),
                el('td', {}, badge(e.outcome)),
                el('td', { text: e.actor }),
                el('td', { text: e.subject ?? '—' }),
                el('td', { class: 'mono', text: e.ip ?? '—' }),
              ),
            ),
          ),
    );
  }

  async function loadBans() {
    /** @type {{ entries: any[] }} */
    const r = await ctx.api.get('/api/v1/security/blacklist');
    const now = ctx.now();
    replace(
      bans,
      r.entries.length === 0
        ? empty('No bans.')
        : table(
            'Bans',
            ['Address', 'Source', 'Reason', 'Since', 'Time left', 'Actions'],
            r.entries.map((b) =>
              el(
                'tr',
                { 'data-testid': 'ban-row', 'data-target': b.target },
                el('td', { class: 'mono', text: b.target }),
                el('td', {}, badge(b.source)),
                el('td', { text: b.reason }),
                el('td', { title: formatTime(b.createdAt) }, age(b.createdAt, now)),
                el('td', {
                  title: formatTime(b.expiresAt),
                  text: formatTimeLeft(b.expiresAt, now),
                }),
                el(
                  'td',
                  { class: 'actions' },
                  canBan
                    ? el('button', {
                        type: 'button',
                        class: 'button small secondary',
                        text: 'Unban',
                        'data-testid': 'unban-button',
                        'aria-label': `Unban ${b.target}`,
                        onclick: () =>
                          act(
                            () =>
                              ctx.api.del(
                                `/api/v1/security/blacklist/${encodeURIComponent(b.target)}`,
                              ),
                            `Unbanned ${b.target}.`,
                          ),
                      })
                    : null,
                ),
              ),
            ),
          ),
    );
  }

  async function refresh() {
    await Promise.all([loadStatus(), loadEvents(), loadBans(), accounts.refresh()]);
  }
  const scheduled = coalesce(refresh, 1000);
  await refresh();
  return {
    refresh,
    onEvent(topic) {
      if (topic === 'security') scheduled();
    },
  };
}
