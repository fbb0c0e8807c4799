/**
 * @module What people see of alerts: each live alert with what mutes it, and why a rule is (or is
 * not) alerting.
 */
import type { AlertView, MaintenanceInfo } from '../../../src/protocol/schemas.js';
import { activeWindow } from './maintenance.js';
import { evaluate } from '../rules/evaluator.js';
import type { SeriesSource } from '../types.js';
import { formatDuration } from '../../../src/protocol/duration.js';
import type { AlertEngine } from './alert-engine.js';
import { inhibitedBy, type InhibitionOptions } from './inhibition.js';
import type { Mutes } from './mutes.js';
import { activeSilence } from './silences.js';
import { alertLabels } from './state-machine.js';
import { fingerprint } from './fingerprint.js';

/** Live alerts, most severe and oldest first, each with the reason it is muted, if any. */
export function alertViews(engine: AlertEngine, mutes: Mutes, windows: readonly MaintenanceInfo[], inhibition: InhibitionOptions, now: number): AlertView[] {
  const alerts = engine.alerts();
  const inhibited = inhibitedBy(alerts.filter((a) => a.state === 'firing'), inhibition);
  const silences = mutes.silences();
  const order = { emergency: 0, critical: 1, warning: 2, info: 3 };
  return alerts
    .map((alert): AlertView => {
      const ack = mutes.ackOf(alert.id);
      const silence = ack === null ? activeSilence(silences, alert.labels, now) : null;
      const window = ack === null && silence === null ? activeWindow(windows, alert.rule, now) : null;
      const by = inhibited.get(alert.id);
      const muted = ack !== null ? 'acked' : silence !== null ? 'silenced' : window !== null ? 'maintenance' : by !== undefined ? 'inhibited' : null;
      const mutedBy = ack !== null ? `${ack.createdBy}: ${ack.comment}` : silence !== null ? `silence ${silence.id}` : window !== null ? `maintenance ${window.id}` : (by ?? null);
      return {
        id: alert.id,
        rule: alert.rule,
        severity: alert.severity,
        state: alert.state,
        muted,
        mutedBy,
        labels: { ...alert.labels },
        annotations: { ...alert.annotations },
        value: alert.value,
        activeAt: new Date(alert.activeAt).toISOString(),
        firedAt: alert.firedAt === null ? null : new Date(alert.firedAt).toISOString(),
      };
    })
    .sort((a, b) => order[a.severity] - order[b.severity] || a.activeAt.localeCompare(b.activeAt));
}

export interface ExplainRow {
  labels: Record<string, string>;
  value: number | null;
  state: 'inactive' | 'pending' | 'firing';
  reason: string;
}

/** Evaluates a rule now (without changing state) and says, per label set, where it stands. */
export function explainRule(engine: AlertEngine, name: string, source: SeriesSource, now: number): { rows: ExplainRow[]; error: string | null } {
  const rule = engine.rule(name);
  const live = engine.live.get(name) ?? new Map();
  let samples: Array<{ labels: Record<string, string>; value: number }>;
  try {
    const result = evaluate(rule.expr, source, now);
    samples = result.kind === 'vector' ? result.samples.map((s) => ({ labels: { ...s.labels }, value: s.value })) : [];
  } catch (error) {
    return { rows: [], error: (error as Error).message };
  }
  const rows: ExplainRow[] = [];
  const seen = new Set<string>();
  for (const sample of samples) {
    const id = fingerprint(alertLabels(rule, sample.labels));
    seen.add(id);
    const alert = live.get(id);
    if (alert === undefined) {
      rows.push({ labels: sample.labels, value: sample.value, state: 'inactive', reason: rule.forMs === 0 ? 'the expression holds: it fires at the next evaluation' : `the expression holds: it goes pending at the next evaluation, firing after ${formatDuration(rule.forMs)}` });
    } else if (alert.state === 'pending') {
      rows.push({ labels: sample.labels, value: sample.value, state: 'pending', reason: `holding for ${formatDuration(now - alert.activeAt)} of the ${formatDuration(rule.forMs)} 'for'` });
    } else {
      rows.push({ labels: sample.labels, value: sample.value, state: 'firing', reason: `firing since ${new Date(alert.firedAt ?? alert.activeAt).toISOString()}` });
    }
  }
  for (const [id, alert] of live) {
    if (seen.has(id)) continue;
    rows.push({ labels: { ...alert.labels }, value: null, state: alert.state, reason: alert.state === 'firing' ? `the expression no longer holds; keep_firing_for holds it until ${new Date((alert.keepFiringSince ?? now) + rule.keepFiringForMs).toISOString()}` : 'the expression no longer holds: it is dropped at the next evaluation' });
  }
  if (rows.length === 0) rows.push({ labels: {}, value: null, state: 'inactive', reason: 'the expression returns no series now, so nothing alerts' });
  return { rows, error: null };
}
