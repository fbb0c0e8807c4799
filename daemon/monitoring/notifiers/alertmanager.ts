/**
 * @module The alertmanager channel: POSTs the alerts to a real Alertmanager's API
 * (`/api/v2/alerts`), so a fleet of daemons can route, silence and de-duplicate centrally.
 *
 * Each alert goes as Alertmanager's postable alert: labels, annotations, startsAt, endsAt,
 * generatorURL when there is one (Alertmanager refuses an empty one). A firing alert's endsAt is
 * `resolveAfterMs` (default 5 h) ahead, as Prometheus does with its resend delay: Alertmanager
 * keeps it firing until then, our repeat (default every 4 h) moves it forward, and if this daemon
 * goes away the alert resolves there by itself. Without it Alertmanager would resolve a firing
 * alert after its `resolve_timeout` (5 m). A resolved alert carries the time it resolved. Our value travels as the annotation `value`
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
export function postableAlerts(n: Notification, now: number, resolveAfterMs = DEFAULT_RESOLVE_AFTER_MS): PostableAlert[] {
  return n.alerts.map((a) => ({
    labels: a.labels,
    annotations: { value: String(a.value), ...a.annotations },
    startsAt: a.startsAt,
    endsAt: a.status === 'resolved' ? a.endsAt : new Date(now + resolveAfterMs).toISOString(),
    ...(a.generatorURL === '' ? {} : { generatorURL: a.generatorURL }),
  }));
}

/** `{url}/api/v2/alerts`, whether or not the URL ends with a slash. */
export function alertsEndpoint(url: string): string {
  return `${url.replace(/\/+$/, '')}/api/v2/alerts`;
}

/** Longer than the default repeat interval (4 h), so a routed alert stays firing between repeats. */
export const DEFAULT_RESOLVE_AFTER_MS = 5 * 3_600_000;

const options = z.strictObject({
  url: httpUrl(),
  /** How long Alertmanager keeps a firing alert without hearing again (1m to 30d). */
  resolveAfterMs: z.number().int().min(60_000).max(30 * 86_400_000).optional(),
});
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
          body: postableAlerts(notification, context.clock.now(), opts.resolveAfterMs),
          signal: context.signal,
        });
        return { detail: `HTTP ${answer.status}` };
      },
    };
  },
};
