/**
 * @module The webhook channel: POSTs Alertmanager's webhook payload (version 4) as JSON, so a
 * receiver written for Alertmanager works unchanged.
 *
 * The body has Alertmanager's fields, in its order, so a receiver written for it works unchanged;
 * one field is added at the end, `reason` (new-group, new-alerts, resolved, repeat, test): why this
 * notification was sent, which Alertmanager's de-duplication decides but does not say. Our extras
 * on each alert (`severity`, `value`) are left out: the severity is in the labels.
 * The URL is a credential (many receivers put their key in it): stored encrypted, shown redacted.
 */
import { z } from 'zod';
import { httpUrl, type ChannelKind } from './channel-kind.js';
import { sendJson } from './http-send.js';
import type { Notification, SendResult } from './notification.js';
import { redactUrl } from './redact.js';

/** Alertmanager's webhook payload, version 4. */
export interface WebhookPayload {
  receiver: string;
  status: 'firing' | 'resolved';
  alerts: Array<{
    status: 'firing' | 'resolved';
    labels: Record<string, string>;
    annotations: Record<string, string>;
    startsAt: string;
    endsAt: string;
    generatorURL: string;
    fingerprint: string;
  }>;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
  /** Ours: why this notification was sent. */
  reason: Notification['reason'];
}

/** The v4 payload for a notification, in Alertmanager's field order. */
export function webhookPayload(n: Notification): WebhookPayload {
  return {
    receiver: n.receiver,
    status: n.status,
    alerts: n.alerts.map((a) => ({
      status: a.status,
      labels: a.labels,
      annotations: a.annotations,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      generatorURL: a.generatorURL,
      fingerprint: a.fingerprint,
    })),
    groupLabels: n.groupLabels,
    commonLabels: n.commonLabels,
    commonAnnotations: n.commonAnnotations,
    externalURL: n.externalURL,
    version: '4',
    groupKey: n.groupKey,
    truncatedAlerts: n.truncatedAlerts,
    reason: n.reason,
  };
}

const options = z.strictObject({ url: httpUrl() });
export type WebhookOptions = z.infer<typeof options>;

export const webhookKind: ChannelKind<WebhookOptions> = {
  type: 'webhook',
  options,
  secretFields: ['url'],
  templates: {},
  create(opts) {
    return {
      type: 'webhook',
      async send(notification, context): Promise<SendResult> {
        const answer = await sendJson({
          method: 'POST',
          url: opts.url,
          shownAs: redactUrl(opts.url),
          body: webhookPayload(notification),
          signal: context.signal,
        });
        return { detail: `HTTP ${answer.status}` };
      },
    };
  },
};
