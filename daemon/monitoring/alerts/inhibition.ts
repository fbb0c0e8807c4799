/**
 * @module Severity inhibition: a firing alert mutes less severe alerts that share its alert name
 * and the configured "equal" labels (by default `instance`), as Alertmanager's inhibit rules do.
 */
import type { Labels } from '../types.js';
import { severityRank, type Severity } from './severity.js';

export interface InhibitionOptions {
  enabled: boolean;
  /** Labels that must be equal besides alertname (default ['instance']). */
  equal: readonly string[];
}

/** Inhibition as the daemon applies it: on, matching on alertname and instance. */
export const DEFAULT_INHIBITION: InhibitionOptions = { enabled: true, equal: ['instance'] };

interface Firing {
  id: string;
  severity: Severity;
  labels: Labels;
}

/**
 * @returns for each inhibited alert id, the id of the alert that inhibits it.
 */
export function inhibitedBy(firing: readonly Firing[], options: InhibitionOptions): Map<string, string> {
  const result = new Map<string, string>();
  if (!options.enabled) return result;
  const keyOf = (labels: Labels): string => [labels['alertname'] ?? '', ...options.equal.map((l) => labels[l] ?? '')].join('\u0000');
  const strongest = new Map<string, Firing>();
  for (const alert of firing) {
    const key = keyOf(alert.labels);
    const best = strongest.get(key);
    if (best === undefined || severityRank(alert.severity) > severityRank(best.severity)) strongest.set(key, alert);
  }
  for (const alert of firing) {
    const best = strongest.get(keyOf(alert.labels));
    if (best !== undefined && severityRank(best.severity) > severityRank(alert.severity)) result.set(alert.id, best.id);
  }
  return result;
}
