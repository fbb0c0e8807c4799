/**
 * @module The public status page's data: the checks marked public, their state and uptime, and the
 * current incidents — and nothing else.
 *
 * The page needs no login, so what it shows is chosen here, field by field: names of public
 * checks, their type, state, last run and uptime; for incidents, a summary made here from names
 * and states. A check's `detail` and target (which may hold internal addresses), metric values,
 * alert annotations (free text, often with host names) and private checks are never read into it.
 */
import type { AlertView } from '../../../src/protocol/schemas.js';
import type { CheckStatus } from '../../monitoring/checks/check-entry.js';
import type { CheckResult } from '../../monitoring/checks/history.js';
import type { UptimeFigures } from '../../monitoring/checks/uptime-recorder.js';

/** What the builder reads (the monitoring engine has it). */
export interface StatusSource {
  checks: { list(): CheckStatus[]; history(name: string): CheckResult[] };
  uptime: { figures(name: string): UptimeFigures };
}

export interface PublicCheck {
  name: string;
  type: string;
  state: 'unknown' | 'up' | 'down';
  /** ISO time of the last run, or null before the first. */
  lastRun: string | null;
  /** 0..1 per window; null when there were no runs in it. */
  uptime: UptimeFigures;
}

export type Incident =
  | { kind: 'check'; check: string; since: string | null; summary: string }
  | { kind: 'alert'; check: string; since: string; summary: string; severity: string };

export interface PublicStatus {
  generatedAt: string;
  checks: PublicCheck[];
  /** Newest first. */
  incidents: Incident[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * When the current failure began: the first failed run of the latest run of failures (skipping
 * passes at the end, when the check is down but on its way back up); null when none is kept.
 */
export function failingSince(results: readonly CheckResult[]): number | null {
  let i = results.length - 1;
  while (i >= 0 && results[i]?.ok === true) i--;
  let since: number | null = null;
  while (i >= 0 && results[i]?.ok === false) {
    since = results[i]?.time ?? since;
    i--;
  }
  return since;
}

/** Builds the status page data at `nowMs` from the checks and the current alerts. */
export function publicStatus(
  source: StatusSource,
  alerts: readonly AlertView[],
  nowMs: number,
): PublicStatus {
  const statuses = source.checks.list().filter((s) => s.public);
  const checks = statuses.map((s): PublicCheck => ({
    name: s.name,
    type: s.type,
    state: s.state,
    lastRun: s.lastResult === null ? null : iso(s.lastResult.time),
    uptime: source.uptime.figures(s.name),
  }));
  const incidents: Incident[] = [];
  for (const s of statuses) {
    if (s.state !== 'down') continue;
    const since = failingSince(source.checks.history(s.name));
    incidents.push({
      kind: 'check',
      check: s.name,
      since: since === null ? null : iso(since),
      summary: `${s.name} is down`,
    });
  }
  const names = new Set(statuses.map((s) => s.name));
  for (const alert of alerts) {
    const check = alert.labels['check'];
    if (alert.state !== 'firing' || check === undefined || !names.has(check)) continue;
    incidents.push({
      kind: 'alert',
      check,
      since: alert.firedAt ?? alert.activeAt,
      summary: `${alert.rule} (${alert.severity}) is firing`,
      severity: alert.severity,
    });
  }
  incidents.sort((a, b) => (b.since ?? '').localeCompare(a.since ?? ''));
  return { generatedAt: iso(nowMs), checks, incidents };
}
