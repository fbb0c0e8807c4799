/**
 * @module The slack channel: a Slack incoming-webhook message (Mattermost and Rocket.Chat accept
 * the same) with one attachment: coloured by severity (green once resolved), the subject as its
 * title linking to the dashboard, the body as its text, and the common labels as fields.
 *
 * Values from alerts are escaped for Slack (`&`, `<`, `>`) so that a label cannot forge a link or
 * a mention; the template's own text is the operator's and is sent as written.
 */
import { z } from 'zod';
import { httpUrl, templateOf, text, type ChannelKind } from './channel-kind.js';
import { DEFAULT_SUBJECT } from './default-templates.js';
import { sendJson } from './http-send.js';
import { renderTemplate } from './message-template.js';
import type { Notification, SendResult } from './notification.js';
import { redactUrl } from './redact.js';
import { buildView } from './template-view.js';

/** At most this many label fields on the attachment. */
export const SLACK_MAX_FIELDS = 20;

/** Slack's escaping for message text. */
export function slackEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The attachment colour: green when resolved, else by the highest severity. */
export function slackColor(n: Notification, severity: string): string {
  if (n.status === 'resolved') return 'good';
  if (severity === 'critical' || severity === 'emergency') return 'danger';
  if (severity === 'warning') return 'warning';
  return '#439FE0';
}

const options = z.strictObject({
  url: httpUrl(),
  /** Overrides the webhook's default channel (`#ops`), where the receiver allows it. */
  channel: text(80).optional(),
  username: text(80).optional(),
});
export type SlackOptions = z.infer<typeof options>;

export const slackKind: ChannelKind<SlackOptions> = {
  type: 'slack',
  options,
  secretFields: ['url'],
  templates: {
    subject: DEFAULT_SUBJECT,
    body: '{{summary}}{{#alerts}}\n• {{alertname}} ({{severity}}): value {{value}} since {{startsAt}}{{/alerts}}',
  },
  create(opts, templates) {
    const subject = templateOf(templates, 'subject');
    const body = templateOf(templates, 'body');
    return {
      type: 'slack',
      async send(notification, context): Promise<SendResult> {
        const view = buildView(notification);
        const render = { html: false, escape: slackEscape };
        const title = renderTemplate(subject, view, render);
        const fields = view.commonLabelList
          .slice(0, SLACK_MAX_FIELDS)
          .map((p) => ({ title: slackEscape(p.name), value: slackEscape(p.value), short: true }));
        const message = {
          ...(opts.channel === undefined ? {} : { channel: opts.channel }),
          ...(opts.username === undefined ? {} : { username: opts.username }),
          attachments: [
            {
              color: slackColor(notification, view.severity),
              fallback: title,
              title,
              title_link: view.dashboardURL,
              text: renderTemplate(body, view, render),
              fields,
              ts: Math.floor(context.clock.now() / 1000),
            },
          ],
        };
        const answer = await sendJson({
          method: 'POST',
          url: opts.url,
          shownAs: redactUrl(opts.url),
          body: message,
          signal: context.signal,
        });
        return { detail: `HTTP ${answer.status}` };
      },
    };
  },
};
