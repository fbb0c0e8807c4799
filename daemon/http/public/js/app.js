/**
 * @module The dashboard's entry point: reads the session, mounts the view the path names, keeps
 * it live through the event stream (with a 30-second refresh while the stream is down) and keeps
 * the relative times on the page current.
 */
import { createApi, ApiError } from './api.js';
import { createLive } from './live.js';
import { can, heldPermissions } from './permissions.js';
import { matchRoute, NAV_OF } from './routes.js';
import { el, replace } from './dom.js';
import { formatAge } from './format.js';
import { mountOverview } from './views/overview.js';
import { mountMetric } from './views/metric.js';
import { mountCheck } from './views/check.js';
import { mountAlerts } from './views/alerts.js';
import { mountRules } from './views/rules.js';
import { mountSecurity } from './views/security.js';

const MOUNT = {
  overview: mountOverview,
  metric: mountMetric,
  check: mountCheck,
  alerts: mountAlerts,
  rules: mountRules,
  security: mountSecurity,
};

const LIVE_TEXT = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…' };

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const liveState = /** @type {HTMLElement} */ (document.getElementById('live-state'));
const notice = /** @type {HTMLElement} */ (document.getElementById('notice'));
const api = createApi();

/** @param {string | null} message */
function notify(message) {
  replace(notice, message);
  notice.hidden = message === null;
}

/** @param {unknown} e */
function errorText(e) {
  return e instanceof ApiError
    ? `${e.message} (${e.code})`
    : e instanceof Error
      ? e.message
      : String(e);
}

async function start() {
  /** @type {{ username: string, roles: string[], permissions: unknown, csrfToken?: unknown }} */
  const session = await api.get('/api/v1/session');
  if (typeof session.csrfToken === 'string') api.setCsrfToken(session.csrfToken);
  const held = heldPermissions(session.permissions);
  replace(/** @type {HTMLElement} */ (document.getElementById('session-user')), session.username);
  const secLink = document.querySelector('[data-nav="security"]');
  if (secLink !== null && can(held, 'security.read')) secLink.removeAttribute('hidden');
  document.getElementById('logout-button')?.addEventListener('click', async () => {
    try {
      await api.post('/logout', {});
    } catch {
      // Signed out either way: the login page shows the outcome.
    }
    location.assign('/login');
  });

  const route = matchRoute(location.pathname);
  if (route === null) {
    replace(
      main,
      el('h1', { text: 'Not found' }),
      el('p', {}, el('a', { href: '/', text: 'Back to the overview' })),
    );
    return;
  }
  document
    .querySelector(`[data-nav="${NAV_OF[route.view]}"]`)
    ?.setAttribute('aria-current', 'page');
  const title = route.params['name'] ?? route.view[0]?.toUpperCase() + route.view.slice(1);
  document.title = `${title} · clickup-brain`;

  /** @type {import('./views/common.js').ViewContext} */
  const ctx = {
    api,
    can: (p) => can(held, p),
    params: route.params,
    now: () => Date.now(),
    notify,
  };
  const view = await MOUNT[route.view](main, ctx);
  main.setAttribute('aria-busy', 'false');

  const live = createLive({
    onEvent: (topic, data) => view.onEvent(topic, data),
    onRefresh: () => {
      view.refresh().catch((e) => notify(errorText(e)));
    },
    onState: (state) => {
      liveState.setAttribute('data-state', state);
      liveState.textContent = LIVE_TEXT[state];
    },
  });
  addEventListener('pagehide', () => live.close());

  // Relative times ("3m ago") move on between refreshes.
  setInterval(() => {
    const now = Date.now();
    for (const t of document.querySelectorAll('[data-age-from]'))
      t.textContent = formatAge(Number(t.getAttribute('data-age-from')), now);
  }, 5000);
}

start().catch((e) => {
  main.setAttribute('aria-busy', 'false');
  if (e instanceof ApiError && e.status === 401) return; // already on the way to the login page
  replace(
    main,
    el('h1', { text: 'Could not load this page' }),
    el('p', { class: 'form-error', role: 'alert', text: errorText(e) }),
  );
});
