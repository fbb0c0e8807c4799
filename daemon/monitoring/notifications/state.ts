/**
 * @module The dispatcher's persistent state as plain JSON, checked on load: its aggregation groups
 * (alerts as last seen, what each channel was last told, the flush schedule) and the deliveries
 * under way, so that a restart neither forgets a firing alert nor an unsent notification.
 *
 * A notification under way is kept as (group, channel, reason), not as its payload: the group's
 * alerts are kept too, and on restore the notification is rebuilt from them, so what goes out is
 * current and the state stays small.
 */
import { z } from 'zod';
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { severity } from '../../../src/protocol/schemas.js';
import { AggregationGroup, type GroupAlert } from './group.js';

export const STATE_VERSION = 1;

/** Hard caps of a state from the store; the dispatcher's own limits are at most these. */
export const STATE_LIMITS = {
  groups: 10_000,
  alertsPerGroup: 10_000,
  channelsPerGroup: 20,
} as const;

const labels = z.record(z.string(), z.string());
const ms = z.number().int().nonnegative();

const groupAlertSchema = z.strictObject({
  id: z.string(),
  rule: z.string(),
  severity,
  labels,
  annotations: labels,
  /** null for a value JSON cannot hold (NaN, ±Inf), read back as NaN. */
  value: z.number().nullable(),
  muted: z.enum(['acked', 'silenced', 'inhibited', 'maintenance']).nullable(),
  status: z.enum(['firing', 'resolved']),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
});

const channelEntrySchema = z.strictObject({
  firing: z.array(z.string()).max(STATE_LIMITS.alertsPerGroup),
  resolved: z.array(z.string()).max(STATE_LIMITS.alertsPerGroup),
  sentAt: ms,
  groupState: labels,
});

const groupStateSchema = z.strictObject({
  key: z.string(),
  routeId: z.string(),
  labels,
  alerts: z.array(groupAlertSchema).max(STATE_LIMITS.alertsPerGroup),
  channels: z.record(z.string(), channelEntrySchema),
  flushedAt: ms.nullable(),
  nextFlushAt: ms,
});

const pendingSchema = z.strictObject({
  groupKey: z.string(),
  channel: z.string(),
  reason: z.enum(['new-group', 'new-alerts', 'resolved', 'repeat', 'test']),
  /** When the flush that started it began (ms). */
  queuedAt: ms,
});

export const dispatcherStateSchema = z.strictObject({
  version: z.literal(STATE_VERSION),
  groups: z.array(groupStateSchema).max(STATE_LIMITS.groups),
  pending: z.array(pendingSchema).max(STATE_LIMITS.groups * STATE_LIMITS.channelsPerGroup),
});

export type DispatcherState = z.infer<typeof dispatcherStateSchema>;
export type GroupState = z.infer<typeof groupStateSchema>;
export type PendingDelivery = z.infer<typeof pendingSchema>;

/** A state with nothing in it. */
export function emptyDispatcherState(): DispatcherState {
  return { version: STATE_VERSION, groups: [], pending: [] };
}

/**
 * Checks a state read from the store.
 *
 * @throws InvalidInputError (field `notificationState`) naming the first wrong path.
 */
export function parseDispatcherState(input: unknown): DispatcherState {
  const result = dispatcherStateSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.join('.');
  throw new InvalidInputError(
    `dispatcher state is not valid at ${path}: ${issue?.message ?? 'unknown problem'}`,
    'notificationState',
  );
}

/** A group as JSON. */
export function groupToState(group: AggregationGroup): GroupState {
  return {
    key: group.key,
    routeId: group.routeId,
    labels: { ...group.labels },
    alerts: [...group.alerts.values()].map((a) => ({
      ...a,
      labels: { ...a.labels },
      annotations: { ...a.annotations },
      value: Number.isFinite(a.value) ? a.value : null,
    })),
    channels: Object.fromEntries(
      [...group.channels].map(([name, e]) => [
        name,
        {
          firing: [...e.firing],
          resolved: [...e.resolved],
          sentAt: e.sentAt,
          groupState: { ...e.groupState },
        },
      ]),
    ),
    flushedAt: group.flushedAt,
    nextFlushAt: group.nextFlushAt,
  };
}

/** A group back from JSON. */
export function groupFromState(state: GroupState): AggregationGroup {
  const group = new AggregationGroup(
    state.key,
    state.routeId,
    { ...state.labels },
    state.nextFlushAt,
  );
  group.flushedAt = state.flushedAt;
  for (const alert of state.alerts) {
    const restored: GroupAlert = {
      ...alert,
      labels: { ...alert.labels },
      annotations: { ...alert.annotations },
      value: alert.value ?? Number.NaN,
    };
    group.alerts.set(alert.id, restored);
  }
  for (const [name, entry] of Object.entries(state.channels)) {
    group.channels.set(name, {
      firing: [...entry.firing],
      resolved: [...entry.resolved],
      sentAt: entry.sentAt,
      groupState: { ...entry.groupState },
    });
  }
  return group;
}
