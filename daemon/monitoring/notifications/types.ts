/**
 * @module What the dispatcher is given (the live alerts, the channels' settings) and what it
 * reports (one delivery record per attempt).
 */
import type { Severity } from '../alerts/severity.js';
import type { NotifyReason } from '../notifiers/notification.js';

/** What mutes an alert (the alert view's `muted`). */
export type MuteReason = 'acked' | 'silenced' | 'inhibited' | 'maintenance';

/** A live alert as the engine shows it after an evaluation (the protocol's alert view). */
export interface ActiveAlert {
  /** The fingerprint of its labels. */
  id: string;
  rule: string;
  severity: Severity;
  /** Includes `alertname` and `severity`. */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  value: number;
  state: 'pending' | 'firing';
  muted: MuteReason | null;
  /** ISO times. */
  activeAt: string;
  firedAt: string | null;
}

/** The settings of a channel the dispatcher needs. */
export interface ChannelSettings {
  /** Whether the channel is told when alerts resolve. */
  sendResolved: boolean;
  /** Alerts less severe than this are left out of the channel's notifications. */
  minSeverity?: Severity;
}

/** One attempt to deliver one notification, for the delivery log. */
export interface DeliveryRecord {
  id: string;
  /** ISO time the attempt started. */
  at: string;
  channel: string;
  groupKey: string;
  reason: NotifyReason;
  /** 1 for the first attempt. */
  attempt: number;
  /** `retrying`: this attempt failed and another follows. */
  outcome: 'sent' | 'failed' | 'retrying';
  /** The channel's description of a success (`HTTP 200`). */
  detail: string | null;
  /** The failure's message (never a stack or a secret). */
  error: string | null;
  durationMs: number;
}
