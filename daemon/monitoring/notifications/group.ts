/**
 * @module An aggregation group: the alerts of one route that share the route's group labels, and
 * what each of the route's channels was last told about them (Alertmanager's aggregationGroup
 * plus its notification-log entries).
 */
import { severityRank, type Severity } from '../alerts/severity.js';
import type { SentEntry } from './dedup.js';
import type { RouteSpec } from './route.js';
import type { ActiveAlert, ChannelSettings, MuteReason } from './types.js';

/** An alert as its group last saw it. */
export interface GroupAlert {
  id: string;
  rule: string;
  severity: Severity;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  value: number;
  /** What muted it when last seen; a muted alert is left out of notifications. */
  muted: MuteReason | null;
  status: 'firing' | 'resolved';
  /** ISO time it became active. */
  startsAt: string;
  /** ISO time it went away, while resolved. */
  endsAt: string | null;
}

/** What one channel may be told of a group now. */
export interface ChannelView {
  /** Unmuted alerts at or above the channel's minimum severity, firing and resolved. */
  alerts: GroupAlert[];
  firing: Set<string>;
  resolved: Set<string>;
}

/** A channel's last successful notification of the group, and its per-group state. */
export interface ChannelEntry extends SentEntry {
  groupState: Record<string, string>;
}

/** The labels a route groups an alert by: the `groupBy` labels it has, or all with `'...'`. */
export function groupLabelsOf(
  route: RouteSpec,
  labels: Readonly<Record<string, string>>,
): Record<string, string> {
  if (route.groupBy.includes('...')) return { ...labels };
  const out: Record<string, string> = {};
  for (const name of route.groupBy)
    if (Object.hasOwn(labels, name)) out[name] = labels[name] as string;
  return out;
}

/** The group's key: the route's id and its sorted group labels, `api:{alertname="HighCPU"}`. */
export function groupKeyOf(routeId: string, groupLabels: Readonly<Record<string, string>>): string {
  const pairs = Object.keys(groupLabels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(groupLabels[name])}`);
  return `${routeId}:{${pairs.join(',')}}`;
}

export class AggregationGroup {
  readonly alerts = new Map<string, GroupAlert>();
  readonly channels = new Map<string, ChannelEntry>();
  /** When the last flush started, or null before the first. */
  flushedAt: number | null = null;

  constructor(
    readonly key: string,
    readonly routeId: string,
    readonly labels: Record<string, string>,
    /** When the next flush is due: the end of group_wait, then every group_interval. */
    public nextFlushAt: number,
  ) {}

  /**
   * Takes in a firing alert seen now (a new one, an update, or a resolved one firing again).
   *
   * @returns whether that changes what the group would say (new, firing again, muted or not).
   */
  upsert(alert: ActiveAlert): boolean {
    const old = this.alerts.get(alert.id);
    const changed = old === undefined || old.status === 'resolved' || old.muted !== alert.muted;
    this.alerts.set(alert.id, {
      id: alert.id,
      rule: alert.rule,
      severity: alert.severity,
      labels: { ...alert.labels },
      annotations: { ...alert.annotations },
      value: alert.value,
      muted: alert.muted,
      status: 'firing',
      startsAt: old === undefined || old.status === 'resolved' ? alert.activeAt : old.startsAt,
      endsAt: null,
    });
    return changed;
  }

  /** Marks the firing alerts not in `seen` resolved at `now`; returns how many. */
  resolveMissing(seen: ReadonlySet<string>, now: number): number {
    let count = 0;
    for (const alert of this.alerts.values()) {
      if (alert.status === 'firing' && !seen.has(alert.id)) {
        alert.status = 'resolved';
        alert.endsAt = new Date(now).toISOString();
        count++;
      }
    }
    return count;
  }

  /**
   * What a channel may be told: muted alerts are left out (Alertmanager drops silenced and
   * inhibited alerts before de-duplication), and so are alerts below its minimum severity.
   */
  viewFor(settings: ChannelSettings): ChannelView {
    const min = settings.minSeverity === undefined ? -1 : severityRank(settings.minSeverity);
    const alerts = [...this.alerts.values()].filter(
      (a) => a.muted === null && severityRank(a.severity) >= min,
    );
    const firing = new Set<string>();
    const resolved = new Set<string>();
    for (const a of alerts) (a.status === 'firing' ? firing : resolved).add(a.id);
    return { alerts, firing, resolved };
  }

  /**
   * Forgets resolved alerts once every channel has been told (or had nothing to be told), unless
   * they changed since the flush began (fired again: `endsAt` differs).
   */
  dropResolved(told: ReadonlyMap<string, string>): void {
    for (const [id, endsAt] of told) {
      const alert = this.alerts.get(id);
      if (alert !== undefined && alert.status === 'resolved' && alert.endsAt === endsAt)
        this.alerts.delete(id);
    }
  }

  /** The resolved alerts now, id → endsAt. */
  resolvedNow(): Map<string, string> {
    const out = new Map<string, string>();
    for (const alert of this.alerts.values())
      if (alert.status === 'resolved') out.set(alert.id, alert.endsAt ?? '');
    return out;
  }
}
