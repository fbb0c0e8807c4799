/**
 * @module The notification dispatcher: Alertmanager's dispatcher and notification pipeline for
 * the alerts of this daemon.
 *
 * After each evaluation it is given the live alerts. It routes each firing one (the first route
 * that matches, more with `continue`, else the default route) into an aggregation group keyed by
 * the route and its group labels. A new group is flushed after group_wait, then a timer ticks
 * every group_interval; at each flush every channel of the route is sent the group if
 * Alertmanager's de-duplication says so (see dedup.ts), with the reason. Alerts that went away
 * are resolved; once every channel has been told, they are forgotten, and so is an empty group.
 */
import { setMaxListeners } from 'node:events';
import { decide, flushChannel, pendingKey, type FlushContext } from './channel-flush.js';
import { matchRoutes, type RouteSpec } from './route.js';
import {
  resolveDispatcherOptions,
  type DispatcherOptions,
  type ResolvedDispatcherOptions,
} from './dispatcher-options.js';
import { AggregationGroup, groupKeyOf, groupLabelsOf } from './group.js';
import type { TimerHandle } from './scheduler.js';
import {
  groupFromState,
  groupToState,
  STATE_VERSION,
  type DispatcherState,
  type PendingDelivery,
} from './state.js';
import type { ActiveAlert } from './types.js';

/** A group's timer and whether a flush of it is under way. */
interface GroupRun {
  timer: TimerHandle | null;
  inFlight: boolean;
  /** A tick came during the flush: flush again when it ends (as Alertmanager's loop would). */
  again: boolean;
}

export class Dispatcher {
  private readonly o: ResolvedDispatcherOptions;
  private readonly routesById = new Map<string, RouteSpec>();
  private readonly groups = new Map<string, AggregationGroup>();
  private readonly runs = new Map<string, GroupRun>();
  private readonly pending = new Map<string, PendingDelivery>();
  private readonly stop = new AbortController();
  private readonly flushContext: FlushContext;
  private closed = false;

  /** @throws TypeError naming a wrong option. */
  constructor(options: DispatcherOptions) {
    this.o = resolveDispatcherOptions(options);
    // Every delivery in flight listens on this one signal; a hundred groups are normal, not a leak.
    setMaxListeners(0, this.stop.signal);
    for (const route of [...this.o.routes, this.o.defaultRoute])
      this.routesById.set(route.id, route);
    this.flushContext = { o: this.o, pending: this.pending, signal: this.stop.signal };
  }

  /**
   * A dispatcher that carries on from a snapshot. Groups of routes that no longer exist are
   * dropped (their firing alerts are routed again at the next update). A group with a delivery
   * that was under way, or with changes its channels were not yet told of, flushes at once;
   * the others keep their schedule, and repeats stay counted from the last send.
   */
  static restore(state: DispatcherState, options: DispatcherOptions): Dispatcher {
    const dispatcher = new Dispatcher(options);
    dispatcher.load(state);
    return dispatcher;
  }

  /** How many aggregation groups are open. */
  get groupCount(): number {
    return this.groups.size;
  }

  /** Takes the live alerts after an evaluation. Only firing alerts are grouped. */
  update(alerts: ReadonlyArray<ActiveAlert>): void {
    if (this.closed) return;
    const now = this.o.scheduler.now();
    const seen = new Map<string, Set<string>>();
    let changed = false;
    let dropped = 0;
    for (const alert of alerts) {
      if (alert.state !== 'firing') continue;
      for (const route of matchRoutes(this.o.routes, this.o.defaultRoute, alert)) {
        const labels = groupLabelsOf(route, alert.labels);
        const key = groupKeyOf(route.id, labels);
        let group = this.groups.get(key);
        if (group === undefined) {
          if (this.groups.size >= this.o.maxGroups) {
            dropped++;
            continue;
          }
          group = new AggregationGroup(key, route.id, labels, now + route.groupWaitMs);
          this.groups.set(key, group);
          this.schedule(group, route.groupWaitMs);
        }
        if (!group.alerts.has(alert.id) && group.alerts.size >= this.o.maxAlertsPerGroup) {
          dropped++;
          continue;
        }
        if (group.upsert(alert)) changed = true;
        let ids = seen.get(key);
        if (ids === undefined) seen.set(key, (ids = new Set()));
        ids.add(alert.id);
      }
    }
    for (const group of this.groups.values()) {
      if (group.resolveMissing(seen.get(group.key) ?? new Set(), now) > 0) changed = true;
    }
    if (dropped > 0)
      this.o.log(
        `notifications: ${dropped} alert(s) not grouped: at most ${this.o.maxGroups} groups of ${this.o.maxAlertsPerGroup} alerts`,
      );
    if (changed) this.o.onChange();
  }

  /** The state to keep across a restart (plain JSON). */
  snapshot(): DispatcherState {
    return {
      version: STATE_VERSION,
      groups: [...this.groups.values()].map(groupToState),
      pending: [...this.pending.values()].map((p) => ({ ...p })),
    };
  }

  /** Stops the timers and aborts deliveries under way; they stay pending in {@link snapshot}. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const run of this.runs.values())
      if (run.timer !== null) this.o.scheduler.clearTimer(run.timer);
    this.stop.abort();
  }

  private load(state: DispatcherState): void {
    const now = this.o.scheduler.now();
    for (const saved of state.groups) {
      const route = this.routesById.get(saved.routeId);
      if (route === undefined) {
        this.o.log(
          `notifications: group ${saved.key} dropped: its route '${saved.routeId}' no longer exists`,
        );
        continue;
      }
      if (this.groups.size >= this.o.maxGroups) break;
      const group = groupFromState(saved);
      while (group.alerts.size > this.o.maxAlertsPerGroup)
        group.alerts.delete(group.alerts.keys().next().value as string);
      this.groups.set(group.key, group);
    }
    for (const p of state.pending)
      if (this.groups.has(p.groupKey))
        this.pending.set(pendingKey(p.groupKey, p.channel), { ...p });
    for (const group of this.groups.values()) {
      const route = this.routesById.get(group.routeId) as RouteSpec;
      const hasPending = state.pending.some((p) => p.groupKey === group.key);
      const due =
        hasPending || (group.flushedAt !== null && this.hasUnsentChanges(group, route, now));
      this.schedule(group, due ? 0 : Math.max(0, group.nextFlushAt - now));
    }
  }

  /** Whether a channel would be sent something other than a repeat. */
  private hasUnsentChanges(group: AggregationGroup, route: RouteSpec, now: number): boolean {
    return route.channels.some((channel) => {
      const { reason } = decide(this.o, group, route, channel, now);
      return reason !== null && reason !== 'repeat';
    });
  }

  private runOf(key: string): GroupRun {
    let run = this.runs.get(key);
    if (run === undefined)
      this.runs.set(key, (run = { timer: null, inFlight: false, again: false }));
    return run;
  }

  private schedule(group: AggregationGroup, delayMs: number): void {
    const run = this.runOf(group.key);
    if (run.timer !== null) this.o.scheduler.clearTimer(run.timer);
    group.nextFlushAt = this.o.scheduler.now() + delayMs;
    run.timer = this.o.scheduler.setTimer(delayMs, () => this.tick(group.key));
  }

  private tick(key: string): void {
    const group = this.groups.get(key);
    if (this.closed || group === undefined) return;
    this.runOf(key).timer = null;
    const route = this.routesById.get(group.routeId) as RouteSpec;
    // As Alertmanager: the next tick is set before flushing, so a slow flush does not shift it.
    this.schedule(group, route.groupIntervalMs);
    void this.flush(group, route);
  }

  private async flush(group: AggregationGroup, route: RouteSpec): Promise<void> {
    const run = this.runOf(group.key);
    if (run.inFlight) {
      run.again = true;
      return;
    }
    run.inFlight = true;
    const now = this.o.scheduler.now();
    group.flushedAt = now;
    const told = group.resolvedNow();
    for (const channel of route.channels) this.pending.delete(pendingKey(group.key, channel));
    const results = await Promise.all(
      route.channels.map((channel) => flushChannel(this.flushContext, group, route, channel, now)),
    );
    if (this.closed) return;
    run.inFlight = false;
    if (results.every(Boolean)) group.dropResolved(told);
    if (group.alerts.size === 0) {
      if (run.timer !== null) this.o.scheduler.clearTimer(run.timer);
      this.groups.delete(group.key);
      this.runs.delete(group.key);
    }
    this.o.onChange();
    if (run.again && this.groups.has(group.key)) {
      run.again = false;
      void this.flush(group, route);
    }
  }
}
