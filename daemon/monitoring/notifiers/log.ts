/**
 * @module The log channel: one line in the daemon log and one JSON line in the notifications file
 * (created 0600: alerts may say more about the machine than other users should read).
 *
 * It has no secrets and needs no network, so it is the channel that always works: a fallback and
 * the easiest to test a route with.
 */
import { appendFile } from 'node:fs/promises';
import { z } from 'zod';
import { templateOf, type ChannelKind } from './channel-kind.js';
import { DEFAULT_SUBJECT } from './default-templates.js';
import { renderTemplate } from './message-template.js';
import { DeliveryError, type SendResult } from './notification.js';
import { buildView } from './template-view.js';

const options = z.strictObject({});
export type LogOptions = z.infer<typeof options>;

export const logKind: ChannelKind<LogOptions> = {
  type: 'log',
  options,
  secretFields: [],
  templates: { subject: DEFAULT_SUBJECT },
  create(_opts, templates, deps) {
    const subject = templateOf(templates, 'subject');
    return {
      type: 'log',
      async send(notification): Promise<SendResult> {
        const message = renderTemplate(subject, buildView(notification), { html: false });
        const at = new Date(deps.clock.now()).toISOString();
        if (deps.notificationsFile !== undefined) {
          const line = JSON.stringify({ at, message, notification });
          try {
            await appendFile(deps.notificationsFile, `${line}\n`, { mode: 0o600 });
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
            throw new DeliveryError(`cannot append to the notifications file: ${code}`, true);
          }
        }
        deps.logger?.info(
          {
            receiver: notification.receiver,
            groupKey: notification.groupKey,
            status: notification.status,
            reason: notification.reason,
            alerts: notification.alerts.length,
          },
          `notification: ${message}`,
        );
        return { detail: deps.notificationsFile === undefined ? 'logged' : 'logged and appended' };
      },
    };
  },
};
