/**
 * @module The clickup channel: one ClickUp task per alert group, through ClickUp's public API v2.
 *
 * A new group creates a task in the configured list (`POST /list/{id}/task`) and its id is kept in
 * the group's state; later notifications (repeats, new alerts) comment on it
 * (`POST /task/{id}/comment`); resolution comments and closes it (`PUT /task/{id}`). A task deleted
 * in ClickUp meanwhile is replaced by a new one rather than failing forever. The token goes in the
 * `Authorization` header and never into a message.
 */
import { z } from 'zod';
import { httpUrl, templateOf, text, type ChannelKind } from './channel-kind.js';
import { DEFAULT_SUBJECT, DEFAULT_TEXT_BODY } from './default-templates.js';
import { HttpStatusError, sendJson } from './http-send.js';
import { renderTemplate } from './message-template.js';
import {
  DeliveryError,
  type Notification,
  type SendContext,
  type SendResult,
} from './notification.js';
import { buildView } from './template-view.js';

/** ClickUp's API, unless `apiUrl` says otherwise (tests point it at a local server). */
export const CLICKUP_API_URL = 'https://api.clickup.com/api/v2';

/** ClickUp priorities: 1 urgent, 2 high, 3 normal, 4 low. */
const PRIORITY: Record<string, number> = { emergency: 1, critical: 2, warning: 3, info: 4 };

const options = z.strictObject({
  listId: text(64).regex(
    /^[A-Za-z0-9_-]+$/,
    'must be a ClickUp list id (letters, digits, - and _)',
  ),
  // No spaces or control characters: it goes into a header as it is.
  token: text(512).regex(/^[\x21-\x7e]+$/, 'must be a ClickUp API token (no spaces)'),
  apiUrl: httpUrl().optional(),
  /** The status a resolved group's task is moved to (the list's "done" status). */
  closedStatus: text(100).optional(),
});
export type ClickUpOptions = z.infer<typeof options>;

interface Call {
  method: 'POST' | 'PUT';
  path: string;
  body: unknown;
}

export const clickupKind: ChannelKind<ClickUpOptions> = {
  type: 'clickup',
  options,
  secretFields: ['token'],
  templates: { subject: DEFAULT_SUBJECT, body: DEFAULT_TEXT_BODY },
  create(opts, templates) {
    const api = (opts.apiUrl ?? CLICKUP_API_URL).replace(/\/+$/, '');
    const subject = templateOf(templates, 'subject');
    const body = templateOf(templates, 'body');
    const closedStatus = opts.closedStatus ?? 'closed';

    const call = async ({ method, path, body: payload }: Call, signal: AbortSignal) => {
      const answer = await sendJson({
        method,
        url: `${api}${path}`,
        shownAs: `ClickUp ${path}`,
        body: payload,
        headers: { authorization: opts.token },
        signal,
        secrets: [opts.token],
      });
      return answer.text;
    };
    const isGone = (error: unknown): boolean =>
      error instanceof HttpStatusError && error.status === 404;

    const createTask = async (n: Notification, signal: AbortSignal): Promise<SendResult> => {
      const view = buildView(n);
      const name = renderTemplate(subject, view, { html: false }).replace(/\s+/g, ' ').trim();
      const answer = await call(
        {
          method: 'POST',
          path: `/list/${opts.listId}/task`,
          body: {
            name: name.slice(0, 500),
            markdown_description: renderTemplate(body, view, { html: false }),
            priority: PRIORITY[view.severity] ?? 3,
          },
        },
        signal,
      );
      let id: unknown;
      try {
        id = (JSON.parse(answer) as { id?: unknown }).id;
      } catch {
        id = undefined;
      }
      if (typeof id !== 'string' || id === '') {
        throw new DeliveryError(
          `ClickUp /list/${opts.listId}/task answered without a task id`,
          false,
        );
      }
      return { detail: `created task ${id}`, groupState: { taskId: id } };
    };

    const comment = (taskId: string, n: Notification, signal: AbortSignal) =>
      call(
        {
          method: 'POST',
          path: `/task/${encodeURIComponent(taskId)}/comment`,
          body: {
            comment_text: renderTemplate(body, buildView(n), { html: false }),
            notify_all: false,
          },
        },
        signal,
      );

    return {
      type: 'clickup',
      async send(n: Notification, context: SendContext): Promise<SendResult> {
        const taskId = context.groupState['taskId'];
        const { signal } = context;
        if (n.status === 'resolved') {
          if (taskId === undefined)
            return { detail: 'resolved; no ClickUp task for this group', groupState: {} };
          try {
            await comment(taskId, n, signal);
            await call(
              {
                method: 'PUT',
                path: `/task/${encodeURIComponent(taskId)}`,
                body: { status: closedStatus },
              },
              signal,
            );
          } catch (error) {
            if (isGone(error))
              return { detail: `task ${taskId} is gone; nothing to close`, groupState: {} };
            throw error;
          }
          return { detail: `closed task ${taskId}`, groupState: {} };
        }
        if (taskId === undefined) return createTask(n, signal);
        try {
          await comment(taskId, n, signal);
        } catch (error) {
          if (isGone(error)) return createTask(n, signal);
          throw error;
        }
        return { detail: `commented on task ${taskId}` };
      },
    };
  },
};
