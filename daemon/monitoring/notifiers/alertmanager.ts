/**
 * @module The alertmanager channel: POSTs the alerts to a real Alertmanager's API
 * (`/api/v2/alerts`), so a fleet of daemons can route, silence and de-duplicate centrally.
 *
 * Each alert goes as Alertmanager's postable alert: labels, annotations, startsAt, endsAt only
 * once resolved (while firing Alertmanager sets it from its `resolve_timeout`), generatorURL when
 * there is one (Alertmanager refuses an empty one). Our value travels as the annotation `value`
 * unless the rule already set one. The URL is secret: it may carry basic-auth credentials.
 */
import { z } from 'zod';
import { httpUrl, type ChannelKind } from './channel-kind.js';
import { sendJson } from './http-send.js';
import type { Notification, SendResult } from './notification.js';
import { redactUrl } from './redact.js';

/** One alert as Alertmanager's API takes it. */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  generatorURL?: string;
}

/** The body of `POST /api/v2/alerts` for a notification. */
export function postableAlerts(n: Notification): PostableAlert[] {
  return n.alerts.map((a) => ({
    labels: a.labels,
    annotations: { value: String(a.value), ...a.annotations },
    startsAt: a.startsAt,
    ...(a.status === 'resolved' ? { endsAt: a.endsAt } : {}),
    ...(a.generatorURL === '' ? {} : { generatorURL: a.generatorURL }),
  }));
}

/** `{url}/api/v2/alerts`, whether or not the URL ends with a slash. */
export function alertsEndpoint(url: string): string {
  return `${url.replace(/\/+$/, '')}/api/v2/alerts`;
}

const options = z.strictObject({ url: httpUrl() });
export type AlertmanagerOptions = z.infer<typeof options>;

export const alertmanagerKind: ChannelKind<AlertmanagerOptions> = {
  type: 'alertmanager',
  options,
  secretFields: ['url'],
  templates: {},
  create(opts) {
    const endpoint = alertsEndpoint(opts.url);
    const shown = redactUrl(opts.url);
    return {
      type: 'alertmanager',
      async send(notification, context): Promise<SendResult> {
        const answer = await sendJson({
          method: 'POST',
          url: endpoint,
          shownAs: shown.endsWith('/***') ? shown : `${shown}/api/v2/alerts`,
          body: postableAlerts(notification),
          signal: context.signal,
        });
        return { detail: `HTTP ${answer.status}` };
      },
    };
  },
};
