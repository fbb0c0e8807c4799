/**
 * @module The security page's accounts part: the users (with their lock state and an Unlock
 * button for security.users.manage) and the active sessions (with Revoke for
 * security.sessions.manage). The status, events and bans are in security.js, which places these
 * two cards and refreshes them with its own.
 */
import { el, empty, replace, section, table } from '../dom.js';
import { formatTime, formatTimeLeft } from '../format.js';
import { age, badge } from './common.js';

/**
 * @typedef {(action: () => Promise<unknown>, done: string) => Promise<void>} Act
 *   runs an action, then says `done` (or the error) and refreshes the page
 * @typedef {object} AccountsPart
 * @property {HTMLElement[]} sections  the Users and Sessions cards, in page order
 * @property {() => Promise<void>} refresh
 */

/**
 * The Users and Sessions cards.
 * @param {import('./common.js').ViewContext} ctx
 * @param {Act} act
 * @returns {AccountsPart}
 */
export function accountsPart(ctx, act) {
  const users = el('div');
  const sessions = el('div');
  const canUsers = ctx.can('security.users.manage');
  const canSessions = ctx.can('security.sessions.manage');

  async function loadUsers() {
    if (!canUsers)
      return replace(users, empty('Listing users needs the security.users.manage permission.'));
    /** @type {{ users: any[] }} */
    const r = await ctx.api.get('/api/v1/security/users');
    const now = ctx.now();
    replace(
      users,
      table(
        'Users',
        ['User', 'Roles', 'Status', 'Failed logins', 'Last login', 'Actions'],
        r.users.map((u) =>
          el(
            'tr',
            { 'data-testid': 'user-row', 'data-username': u.username },
            el('td', { text: u.username }),
            el('td', { text: u.roles.join(', ') }),
            el(
              'td',
              {},
              badge(u.status),
              u.lockedUntil === null ? null : ` ${formatTimeLeft(u.lockedUntil, now)}`,
            ),
            el('td', { class: 'num', text: String(u.failedLogins) }),
            el('td', { title: formatTime(u.lastLoginAt) }, age(u.lastLoginAt, now)),
            el(
              'td',
              { class: 'actions' },
              u.status === 'locked'
                ? el('button', {
                    type: 'button',
                    class: 'button small',
                    text: 'Unlock',
                    'data-testid': 'unlock-button',
                    'aria-label': `Unlock ${u.username}`,
                    onclick: () =>
                      act(
                        () =>
                          ctx.api.post(
                            `/api/v1/security/users/${encodeURIComponent(u.username)}/unlock`,
                            {},
                          ),
                        `Unlocked ${u.username}.`,
                      ),
                  })
                : null,
            ),
          ),
        ),
      ),
    );
  }

  async function loadSessions() {
    if (!canSessions)
      return replace(
        sessions,
        empty('Listing sessions needs the security.sessions.manage permission.'),
      );
    /** @type {{ sessions: any[] }} */
    const r = await ctx.api.get('/api/v1/security/sessions');
    const now = ctx.now();
    const active = r.sessions.filter((x) => x.state === 'active');
    replace(
      sessions,
      active.length === 0
        ? empty('No active sessions.')
        : table(
            'Active sessions',
            ['User', 'IP', 'Client', 'Started', 'Last seen', 'Actions'],
            active.map((x) =>
              el(
                'tr',
                { 'data-testid': 'session-row' },
                el('td', { text: x.username }),
                el('td', { class: 'mono', text: x.ip ?? '—' }),
                el('td', { class: 'detail', text: x.userAgent ?? '—' }),
                el('td', { title: formatTime(x.createdAt) }, age(x.createdAt, now)),
                el('td', {}, age(x.lastSeenAt, now)),
                el(
                  'td',
                  { class: 'actions' },
                  el('button', {
                    type: 'button',
                    class: 'button small secondary',
                    text: 'Revoke',
                    'data-testid': 'revoke-session',
                    'aria-label': `Revoke the session of ${x.username} from ${x.ip ?? 'an unknown address'}`,
                    onclick: () =>
                      act(
                        () => ctx.api.del(`/api/v1/security/sessions/${encodeURIComponent(x.id)}`),
                        'Session revoked.',
                      ),
                  }),
                ),
              ),
            ),
          ),
    );
  }

  return {
    sections: [section('sec-users', 'Users', users), section('sec-sessions', 'Sessions', sessions)],
    refresh: async () => {
      await Promise.all([loadUsers(), loadSessions()]);
    },
  };
}
