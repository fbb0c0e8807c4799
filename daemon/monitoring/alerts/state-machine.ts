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
  /**
   * First evaluation at which a firing alert's condition no longer held, while keep_firing_for
   * holds it (Prometheus's KeepFiringSince); absent otherwise.
   */
  keepFiringSince?: number;
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

/**
 * The alert's labels: the series' labels, then the rule's, then severity, and alertname — the
 * rule's name unless the rule names its alert family in `labels.alertname` (several rules, one per
 * severity, then share an alertname, which is what severity inhibition compares).
 */
export function alertLabels(rule: RuleShape, series: Labels): Labels {
  return { ...series, ...rule.labels, alertname: rule.labels['alertname'] ?? rule.name, severity: rule.severity };
}

function render(rule: RuleShape, labels: Labels, value: number): Record<string, string> {
  const out: Record<string, string> = {};
  const templates = rule.annotations;
  // Own keys in order, as Object.entries would give them, without building the entries.
  for (const key in templates) {
    if (Object.hasOwn(templates, key)) out[key] = (templates[key] as Template)({ value, labels });
  }
  return out;
}

/**
 * Alert ids by series label set, per rule. An id depends only on the series' labels and the
 * rule's name, severity and labels, so for a frozen label set (the history store hands out the
 * same frozen object for a series every tick) it is looked up instead of hashed; the entry is
 * dropped when the rule's own part changes.
 */
interface IdCache {
  readonly ruleKey: string;
  readonly ids: WeakMap<Labels, string>;
}

const idCaches = new WeakMap<RuleShape, IdCache>();

function ruleKey(rule: RuleShape): string {
  let key = `${rule.name}\u0000${rule.severity}\u0000`;
  for (const name of Object.keys(rule.labels)) key += `${name}\u0000${rule.labels[name]}\u0000`;
  return key;
}

function idsFor(rule: RuleShape): WeakMap<Labels, string> {
  const key = ruleKey(rule);
  let cache = idCaches.get(rule);
  if (cache === undefined || cache.ruleKey !== key) {
    cache = { ruleKey: key, ids: new WeakMap() };
    idCaches.set(rule, cache);
  }
  return cache.ids;
}

/** True when `a` and `b` hold the same keys, in the same order, with the same values. */
function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i] as string;
    if (k !== kb[i] || a[k] !== b[k]) return false;
  }
  return true;
}

/** The id of the alert for `series` (whose alert labels are `labels`). */
function alertId(ids: WeakMap<Labels, string>, series: Labels, labels: Labels): string {
  // Only a frozen label set cannot change under the cache.
  if (!Object.isFrozen(series)) return fingerprint(labels);
  let id = ids.get(series);
  if (id === undefined) {
    id = fingerprint(labels);
    ids.set(series, id);
  }
  return id;
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
  const ids = idsFor(rule);
  for (const sample of active) {
    const labels = alertLabels(rule, sample.labels);
    const id = alertId(ids, sample.labels, labels);
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
    // Unchanged labels and annotations keep their objects: live alerts then do not churn memory
    // every evaluation (nothing modifies these objects; they are copied on the way out).
    const alert: AlertInstance = {
      ...before,
      labels: sameRecord(before.labels, labels) ? before.labels : labels,
      annotations: sameRecord(before.annotations, annotations) ? before.annotations : annotations,
      value: sample.value,
      lastActiveAt: now,
    };
    // The condition holds again: a keep_firing_for hold in progress ends.
    if (alert.keepFiringSince !== undefined) delete alert.keepFiringSince;
    if (alert.state === 'pending' && now - alert.activeAt >= rule.forMs) {
      alert.state = 'firing';
      alert.firedAt = now;
      transitions.push({ kind: 'firing', at: now, alert });
    }
    alerts.set(id, alert);
  }
  previous.forEach((before, id) => {
    if (alerts.has(id)) return;
    if (before.state === 'pending') {
      transitions.push({ kind: 'dropped', at: now, alert: before });
    } else if (rule.keepFiringForMs > 0 && now - (before.keepFiringSince ?? now) < rule.keepFiringForMs) {
      // As Prometheus: the hold counts from the first evaluation at which the condition failed.
      alerts.set(id, before.keepFiringSince === undefined ? { ...before, keepFiringSince: now } : before);
    } else {
      transitions.push({ kind: 'resolved', at: now, alert: before });
    }
  });
  return { alerts, transitions };
}
