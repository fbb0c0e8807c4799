/**
 * @module What a channel is given to send, and what it answers: the contract between the
 * dispatcher (daemon/monitoring/notifications/) and the channel kinds (this folder, one file each).
 *
 * The shape follows Alertmanager's webhook payload (version 4) so that the webhook channel can send
 * it as it is and existing receivers work unchanged.
 */
import type { Clock } from '../../clock.js';

export type AlertStatus = 'firing' | 'resolved';

/** One alert inside a notification (Alertmanager's `alerts[]` item, plus our id and severity). */
export interface NotifiedAlert {
  status: AlertStatus;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** ISO time the alert started (first became active). */
  startsAt: string;
  /** ISO time it resolved; Alertmanager's zero time `0001-01-01T00:00:00Z` while firing. */
  endsAt: string;
  /** A link to the alert's rule on the dashboard. */
  generatorURL: string;
  /** Stable hash of the labels (our alert id). */
  fingerprint: string;
  /** Our extras (receivers that do not know them ignore them). */
  severity: 'info' | 'warning' | 'critical' | 'emergency';
  value: number;
}

/** Why this notification is sent (Alertmanager decides the same way; we say it). */
export type NotifyReason = 'new-group' | 'new-alerts' | 'resolved' | 'repeat' | 'test';

/** One notification of one aggregation group to one channel. */
export interface Notification {
  /** The channel's name (Alertmanager's `receiver`). */
  receiver: string;
  /** Identifies the aggregation group: route path and group labels. */
  groupKey: string;
  status: AlertStatus;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  /** The dashboard's URL. */
  externalURL: string;
  alerts: NotifiedAlert[];
  /** How many alerts were left out to keep the payload bounded. */
  truncatedAlerts: number;
  reason: NotifyReason;
}

/** What a channel gets besides the notification. */
export interface SendContext {
  /** Aborted when the delivery's timeout passes or the daemon stops. */
  signal: AbortSignal;
  clock: Clock;
  /** The per-attempt timeout, for channels that pass it on (SMTP, a child process). */
  timeoutMs: number;
  /**
   * State the channel keeps per aggregation group between sends (the clickup channel keeps its
   * task id here, to comment on repeats and close the task on resolve). Persisted by the caller.
   */
  groupState: Record<string, string>;
}

/** A successful delivery. */
export interface SendResult {
  /** A short description for the delivery record: `HTTP 200`, `250 OK`, `exit 0`. */
  detail: string;
  /** New per-group state to keep (replaces the old), if any. */
  groupState?: Record<string, string>;
}

/**
 * A failed delivery. `retryable` says whether trying again may help (a 5xx, a timeout, a refused
 * connection) or not (a 4xx: the request itself is wrong). Messages never hold a secret.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeliveryError';
  }
}

/** A configured channel, ready to send. */
export interface Notifier {
  readonly type: string;
  send(notification: Notification, context: SendContext): Promise<SendResult>;
}
