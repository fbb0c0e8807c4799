/**
 * @module Which view a path shows (pure). The server serves the same index.html for each of
 * these paths; the names mirror the page routes in daemon/http/pages/.
 */

/**
 * @typedef {'overview' | 'metric' | 'check' | 'alerts' | 'rules' | 'security'} ViewName
 * @typedef {{ view: ViewName, params: Record<string, string> }} Match
 */

/**
 * @param {string} pathname  as in `location.pathname` (percent-encoded)
 * @returns {Match | null}
 */
export function matchRoute(pathname) {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (path === '/' || path === '') return { view: 'overview', params: {} };
  if (path === '/alerts') return { view: 'alerts', params: {} };
  if (path === '/rules') return { view: 'rules', params: {} };
  if (path === '/security') return { view: 'security', params: {} };
  const m = /^\/(metrics|checks)\/([^/]+)$/.exec(path);
  if (m !== null) {
    let name;
    try {
      name = decodeURIComponent(/** @type {string} */ (m[2]));
    } catch {
      return null;
    }
    return { view: m[1] === 'metrics' ? 'metric' : 'check', params: { name } };
  }
  return null;
}

/** The nav entry each view lights up. @type {Record<ViewName, string>} */
export const NAV_OF = {
  overview: 'overview',
  metric: 'overview',
  check: 'overview',
  alerts: 'alerts',
  rules: 'rules',
  security: 'security',
};
