/**
 * @module The notification of one group to one channel (Alertmanager's webhook payload, bounded).
 */
import { severityRank } from '../alerts/severity.js';
import type { Notification, NotifiedAlert, NotifyReason } from '../notifiers/notification.js';
import type { GroupAlert } from './group.js';

/** Alerts beyond this many are counted in `truncatedAlerts`, not sent. */
export const MAX_NOTIFIED_ALERTS = 100;

/** Alertmanager's zero time, the `endsAt` of a firing alert in its webhook payload. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

export interface BuildInput {
  receiver: string;
  groupKey: string;
  groupLabels: Record<string, string>;
  reason: NotifyReason;
  alerts: readonly GroupAlert[];
  externalURL: string;
  generatorURL: (alert: GroupAlert) => string;
  maxAlerts?: number;
}

/** Firing first, then the most severe, the oldest, and by id so the order is stable. */
function compare(a: GroupAlert, b: GroupAlert): number {
  if (a.status !== b.status) return a.status === 'firing' ? -1 : 1;
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.startsAt.localeCompare(b.startsAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The pairs every record has with the same value. */
function common(records: ReadonlyArray<Record<string, string>>): Record<string, string> {
  const [first, ...rest] = records;
  if (first === undefined) return {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(first)) {
    if (rest.every((r) => Object.hasOwn(r, name) && r[name] === value)) out[name] = value;
  }
  return out;
}

function notified(alert: GroupAlert, generatorURL: string): NotifiedAlert {
  return {
    status: alert.status,
    labels: { ...alert.labels },
    annotations: { ...alert.annotations },
    startsAt: alert.startsAt,
    endsAt: alert.status === 'resolved' ? (alert.endsAt ?? ZERO_TIME) : ZERO_TIME,
    generatorURL,
    fingerprint: alert.id,
    severity: alert.severity,
    value: alert.value,
  };
}

/**
 * Builds the notification: alerts sorted, at most `maxAlerts` (default 100) of them, the status
 * `firing` while any sent alert fires. Common labels and annotations are those of all the alerts,
 * the ones left out included.
 */
export function buildNotification(input: BuildInput): Notification {
  const sorted = [...input.alerts].sort(compare);
  const kept = sorted.slice(0, input.maxAlerts ?? MAX_NOTIFIED_ALERTS);
  return {
    receiver: input.receiver,
    groupKey: input.groupKey,
    status: sorted.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    groupLabels: { ...input.groupLabels },
    commonLabels: common(sorted.map((a) => a.labels)),
    commonAnnotations: common(sorted.map((a) => a.annotations)),
    externalURL: input.externalURL,
    alerts: kept.map((a) => notified(a, input.generatorURL(a))),
    truncatedAlerts: sorted.length - kept.length,
    reason: input.reason,
  };
}
