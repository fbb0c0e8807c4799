/**
 * @module The public status page: the public checks with their uptime over 24 hours, 7 days and
 * 30 days, and the current incidents. No login; polls /api/v1/status every 30 seconds.
 */
import { el, empty, replace } from './dom.js';
import { formatAge, formatPercent } from './format.js';
import { overall, readStatus } from './status-data.js';

export const POLL_MS = 30_000;

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const verdict = /** @type {HTMLElement} */ (document.getElementById('status-overall'));
const incidents = /** @type {HTMLElement} */ (document.getElementById('status-incidents'));
const checks = /** @type {HTMLElement} */ (document.getElementById('status-checks'));
const updated = /** @type {HTMLElement} */ (document.getElementById('status-updated'));

/**
 * A bar whose filled width is the uptime; the percentage is written beside it.
 * @param {string} window
 * @param {number | null} ratio
 */
function uptimeBar(window, ratio) {
  const fill = el('span', { class: 'bar-fill' });
  // Set through the CSSOM, which the CSP allows (a style attribute in markup it would not).
  fill.style.width = `${ratio === null ? 0 : Math.max(0, Math.min(1, ratio)) * 100}%`;
  if (ratio !== null && ratio < 0.99) fill.classList.add(ratio < 0.95 ? 'bar-bad' : 'bar-warn');
  return el(
    'div',
    { class: 'uptime', 'data-window': window },
    el('span', { class: 'uptime-label', text: window }),
    el(
      'span',
      { class: 'bar', role: 'img', 'aria-label': `uptime over ${window}: ${formatPercent(ratio)}` },
      fill,
    ),
    el('span', { class: 'uptime-value', text: formatPercent(ratio) }),
  );
}

async function poll() {
  try {
    const res = await fetch('/api/v1/status', {
      headers: { Accept: 'application/json' },
      credentials: 'omit',
    });
    if (!res.ok)
      throw new Error(
        res.status === 404
          ? 'The status page is not enabled.'
          : `The server answered ${res.status}.`,
      );
    const s = readStatus(await res.json());
    const now = Date.now();
    const v = overall(s);
    verdict.className = `status-overall status-${v.kind}`;
    verdict.textContent = v.text;
    replace(
      incidents,
      s.incidents.length === 0
        ? empty('No current incidents.')
        : el(
            'ul',
            { class: 'incidents' },
            s.incidents.map((i) =>
              el(
                'li',
                { 'data-testid': 'incident' },
                el('strong', { text: i.detail === '' ? i.name : i.detail }),
                i.since === null ? '' : ` — since ${formatAge(i.since, now).replace(/ ago$/, '')}`,
              ),
            ),
          ),
    );
    replace(
      checks,
      s.checks.length === 0
        ? empty('No public services.')
        : el(
            'ul',
            { class: 'services' },
            s.checks.map((c) =>
              el(
                'li',
                {
                  class: 'service',
                  'data-testid': 'status-check',
                  'data-name': c.name,
                  'data-state': c.state,
                },
                el(
                  'div',
                  { class: 'service-head' },
                  el('strong', { text: c.name }),
                  el('span', { class: `badge badge-${c.state}`, text: c.state }),
                ),
                el(
                  'div',
                  { class: 'uptimes' },
                  uptimeBar('24h', c.uptime['24h']),
                  uptimeBar('7d', c.uptime['7d']),
                  uptimeBar('30d', c.uptime['30d']),
                ),
              ),
            ),
          ),
    );
    updated.textContent = `updated ${new Date(s.updatedAt ?? now).toLocaleTimeString()}`;
  } catch (e) {
    updated.textContent = e instanceof Error ? e.message : String(e);
  } finally {
    main.setAttribute('aria-busy', 'false');
  }
}

poll();
setInterval(poll, POLL_MS);
