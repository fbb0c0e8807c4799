/**
 * @module The alert state machine, per label set, as Prometheus runs it.
 *
 * inactive → pending when the expression returns the label set; pending → firing once it has been
 * returned for `for`; a pending alert that clears is dropped silently; a firing alert that clears
 * is resolved — unless `keep_firing_for` holds it firing a while longer. Pure: time is passed in.
 */
import type { Labels } from '../types.js';
import { fingerprint } from './fingerprint.js';
import type { Severity } from './severity.js';
import type { Template } from './template.js';

/** What the state machine needs from a rule. */
export interface RuleShape {
  name: string;
  severity: Severity;
  forMs: number;
  keepFiringForMs: number;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, Template>>;
}

/** A live alert (pending or firing). */
export interface AlertInstance {
  id: string;
  rule: string;
  severity: Severity;
  labels: Labels;
  annotations: Record<string, string>;
  state: 'pending' | 'firing';
  value: number;
  /** When the condition first held (ms). */
  activeAt: number;
  firedAt: number | null;
  /** Last evaluation at which the condition held. */
  lastActiveAt: number;
}

export type TransitionKind = 'pending' | 'firing' | 'resolved' | 'dropped';

export interface Transition {
  kind: TransitionKind;
  at: number;
  alert: AlertInstance;
}

/** One element of the expression's result: this label set is active with this value. */
export interface ActiveSample {
  labels: Labels;
  value: number;
}

/** The alert's labels: the series' labels, then the rule's, then alertname and severity. */
export function alertLabels(rule: RuleShape, series: Labels): Labels {
  return { ...series, ...rule.labels, alertname: rule.name, severity: rule.severity };
}

function render(rule: RuleShape, labels: Labels, value: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, template] of Object.entries(rule.annotations)) out[key] = template({ value, labels });
  return out;
}

/**
 * Advances one rule by one evaluation.
 *
 * @param previous - the rule's live alerts by id (not modified).
 * @param active - the expression's result at `now`.
 * @returns the live alerts after this evaluation and what changed.
 */
export function stepRule(rule: RuleShape, previous: ReadonlyMap<string, AlertInstance>, active: readonly ActiveSample[], now: number): { alerts: Map<string, AlertInstance>; transitions: Transition[] } {
  const alerts = new Map<string, AlertInstance>();
  const transitions: Transition[] = [];
  for (const sample of active) {
    const labels = alertLabels(rule, sample.labels);
    const id = fingerprint(labels);
    if (alerts.has(id)) continue; // two series that differ only in labels the rule overrides
    const before = previous.get(id);
    const annotations = render(rule, labels, sample.value);
    if (before === undefined) {
      const alert: AlertInstance = { id, rule: rule.name, severity: rule.severity, labels, annotations, state: 'pending', value: sample.value, activeAt: now, firedAt: null, lastActiveAt: now };
      if (rule.forMs === 0) {
        alert.state = 'firing';
        alert.firedAt = now;
        transitions.push({ kind: 'firing', at: now, alert });
      } else {
        transitions.push({ kind: 'pending', at: now, alert });
      }
      alerts.set(id, alert);
      continue;
    }
    const alert: AlertInstance = { ...before, labels, annotations, value: sample.value, lastActiveAt: now };
    if (alert.state === 'pending' && now - alert.activeAt >= rule.forMs) {
      alert.state = 'firing';
      alert.firedAt = now;
      transitions.push({ kind: 'firing', at: now, alert });
    }
    alerts.set(id, alert);
  }
  for (const [id, before] of previous) {
    if (alerts.has(id)) continue;
    if (before.state === 'pending') {
      transitions.push({ kind: 'dropped', at: now, alert: before });
    } else if (rule.keepFiringForMs > 0 && now - before.lastActiveAt < rule.keepFiringForMs) {
      alerts.set(id, before);
    } else {
      transitions.push({ kind: 'resolved', at: now, alert: before });
    }
  }
  return { alerts, transitions };
}
