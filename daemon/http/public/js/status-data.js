/**
 * @module Reads the public status reply into one shape (pure), so the page tolerates the small
 * naming differences a reply may have (`uptime: { '24h' }` or `uptime24h`, `state` or `status`).
 */
import { toMs } from './format.js';

/**
 * @typedef {{ name: string, state: 'up' | 'down' | 'unknown', detail: string,
 *   lastRun: number | null, latencyMs: number | null,
 *   uptime: { '24h': number | null, '7d': number | null, '30d': number | null } }} PublicCheck
 * @typedef {{ name: string, since: number | null, detail: string }} Incident
 * @typedef {{ checks: PublicCheck[], incidents: Incident[], updatedAt: number | null }} PublicStatus
 */

/** @param {unknown} v */
function num(v) {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** @param {unknown} v */
function str(v) {
  return typeof v === 'string' ? v : '';
}

/**
 * @param {any} r
 * @returns {PublicStatus}
 */
export function readStatus(r) {
  const list = Array.isArray(r?.checks) ? r.checks : [];
  /** @type {PublicCheck[]} */
  const checks = list.map((/** @type {any} */ c) => {
    const u = c?.uptime ?? {};
    const raw = str(c?.state ?? c?.status);
    /** @type {'up' | 'down' | 'unknown'} */
    const state =
      raw === 'up' || raw === 'healthy'
        ? 'up'
        : raw === 'down' || raw === 'unhealthy'
          ? 'down'
          : 'unknown';
    return {
      name: str(c?.name),
      state,
      detail: str(c?.detail),
      lastRun: toMs(c?.lastRun ?? null),
      latencyMs: num(c?.latencyMs),
      uptime: {
        '24h': num(u['24h'] ?? c?.uptime24h),
        '7d': num(u['7d'] ?? c?.uptime7d),
        '30d': num(u['30d'] ?? c?.uptime30d),
      },
    };
  });
  const rawIncidents = Array.isArray(r?.incidents) ? r.incidents : [];
  /** @type {Incident[]} */
  const incidents = rawIncidents.map((/** @type {any} */ i) => ({
    name: str(i?.name ?? i?.check ?? i?.title),
    since: toMs(i?.since ?? i?.startedAt ?? i?.at ?? null),
    detail: str(i?.detail ?? i?.message ?? i?.summary),
  }));
  return {
    checks,
    incidents,
    updatedAt: toMs(r?.updatedAt ?? r?.generatedAt ?? r?.checkedAt ?? null),
  };
}

/**
 * The one-line verdict at the top of the page.
 * @param {PublicStatus} s
 * @returns {{ kind: 'up' | 'down' | 'degraded' | 'unknown', text: string }}
 */
export function overall(s) {
  if (s.checks.length === 0) return { kind: 'unknown', text: 'No public services.' };
  const down = s.checks.filter((c) => c.state === 'down').length;
  if (down === 0 && s.incidents.length === 0)
    return { kind: 'up', text: 'All systems operational' };
  if (down === s.checks.length) return { kind: 'down', text: 'Major outage' };
  if (down === 0) {
    const n = s.incidents.length;
    return {
      kind: 'degraded',
      text: n === 1 ? '1 incident in progress' : `${n} incidents in progress`,
    };
  }
  return { kind: 'degraded', text: down === 1 ? '1 service is down' : `${down} services are down` };
}
