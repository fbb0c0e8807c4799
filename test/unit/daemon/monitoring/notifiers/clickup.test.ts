import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import {
  CLICKUP_API_URL,
  clickupKind,
  type ClickUpOptions,
} from '../../../../../daemon/monitoring/notifiers/clickup.js';
import { compileTemplate } from '../../../../../daemon/monitoring/notifiers/message-template.js';
import {
  firingAlert,
  notification,
  receiver,
  resolvedNotification,
  sendContext,
  type Answer,
  type Recorded,
} from './fixtures.js';

const TOKEN = 'pk_4242_SECRETTOKEN';
const templates = {
  subject: compileTemplate(clickupKind.templates.subject ?? '', 'templates.subject'),
  body: compileTemplate('{{reason}}: {{summary}}', 'templates.body'),
};
const clickup = (options: Partial<ClickUpOptions> & { apiUrl: string }) =>
  clickupKind.create({ listId: '901', token: TOKEN, ...options }, templates, {
    clock: new ManualClock(),
  });

/** A ClickUp stand-in: task ids t1, t2…; tasks in `gone` answer 404. */
function clickupApi(gone: Set<string> = new Set()): (req: Recorded) => Answer {
  let next = 1;
  return (req) => {
    const json = (body: unknown, status = 200): Answer => ({
      status,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    if (req.method === 'POST' && req.url === '/api/v2/list/901/task')
      return json({ id: `t${next++}`, name: 'x' });
    const task = /^\/api\/v2\/task\/([^/]+)/.exec(req.url ?? '')?.[1] ?? '';
    if (gone.has(task)) return json({ err: 'Task not found', ECODE: 'ITEM_013' }, 404);
    if (req.method === 'POST' && req.url?.endsWith('/comment') === true) return json({ id: 'c1' });
    if (req.method === 'PUT') return json({ id: task });
    return json({ err: 'Route not found' }, 404);
  };
}

describe('clickup channel', () => {
  test('a new group creates a task; repeats comment; resolution comments and closes', async (t) => {
    const api = await receiver(t, clickupApi());
    const channel = clickup({ apiUrl: `${api.url}/api/v2/` });

    const created = await channel.send(notification(), sendContext());
    assert.deepEqual(created, { detail: 'created task t1', groupState: { taskId: 't1' } });
    const [create] = api.requests;
    assert.equal(create?.method, 'POST');
    assert.equal(create?.url, '/api/v2/list/901/task');
    assert.equal(create?.headers.authorization, TOKEN);
    assert.deepEqual(create?.json, {
      name: '[firing:1] HighCpu (critical): CPU above 90% on web-1',
      markdown_description: 'new-group: CPU above 90% on web-1',
      priority: 2,
    });

    const repeat = await channel.send(
      notification({ reason: 'repeat' }),
      sendContext({ groupState: { taskId: 't1' } }),
    );
    assert.deepEqual(repeat, { detail: 'commented on task t1' });
    assert.equal(api.requests[1]?.url, '/api/v2/task/t1/comment');
    assert.deepEqual(api.requests[1]?.json, {
      comment_text: 'repeat: CPU above 90% on web-1',
      notify_all: false,
    });

    const closed = await channel.send(
      resolvedNotification(),
      sendContext({ groupState: { taskId: 't1' } }),
    );
    assert.deepEqual(closed, { detail: 'closed task t1', groupState: {} });
    assert.deepEqual(
      api.requests.slice(2).map((r) => [r.method, r.url, r.json]),
      [
        [
          'POST',
          '/api/v2/task/t1/comment',
          { comment_text: 'resolved: CPU above 90% on web-1', notify_all: false },
        ],
        ['PUT', '/api/v2/task/t1', { status: 'closed' }],
      ],
    );
    assert.ok(api.requests.every((r) => r.headers.authorization === TOKEN));
  });

  test('the closed status is an option; priority follows the severity', async (t) => {
    const api = await receiver(t, clickupApi());
    const channel = clickup({ apiUrl: `${api.url}/api/v2`, closedStatus: 'done' });
    await channel.send(resolvedNotification(), sendContext({ groupState: { taskId: 't9' } }));
    assert.deepEqual(api.requests[1]?.json, { status: 'done' });
    for (const severity of ['emergency', 'warning', 'info'] as const) {
      await channel.send(notification({ alerts: [firingAlert({ severity })] }), sendContext());
    }
    assert.deepEqual(
      api.requests.slice(2).map((r) => (r.json as { priority: number }).priority),
      [1, 3, 4],
    );
  });

  test('a task deleted in ClickUp is replaced on the next firing notification, and forgotten on resolve', async (t) => {
    const api = await receiver(t, clickupApi(new Set(['old'])));
    const channel = clickup({ apiUrl: `${api.url}/api/v2` });
    const replaced = await channel.send(
      notification({ reason: 'new-alerts' }),
      sendContext({ groupState: { taskId: 'old' } }),
    );
    assert.deepEqual(replaced, { detail: 'created task t1', groupState: { taskId: 't1' } });
    const gone = await channel.send(
      resolvedNotification(),
      sendContext({ groupState: { taskId: 'old' } }),
    );
    assert.deepEqual(gone, { detail: 'task old is gone; nothing to close', groupState: {} });
  });

  test('a resolved group without a task sends nothing', async (t) => {
    const api = await receiver(t, clickupApi());
    const result = await clickup({ apiUrl: `${api.url}/api/v2` }).send(
      resolvedNotification(),
      sendContext(),
    );
    assert.deepEqual(result, {
      detail: 'resolved; no ClickUp task for this group',
      groupState: {},
    });
    assert.equal(api.requests.length, 0);
  });

  test('a refused token is not retryable and never quoted; 429 and 5xx are retryable', async (t) => {
    const denied = await receiver(t, (req) => ({
      status: 401,
      body: `{"err":"Token invalid: ${String(req.headers.authorization)}","ECODE":"OAUTH_025"}`,
    }));
    await assert.rejects(
      clickup({ apiUrl: `${denied.url}/api/v2` }).send(notification(), sendContext()),
      {
        name: 'HttpStatusError',
        message:
          'POST ClickUp /list/901/task answered HTTP 401: {"err":"Token invalid: ***","ECODE":"OAUTH_025"}',
        retryable: false,
      },
    );
    const limited = await receiver(t, () => ({ status: 429, body: 'rate limited' }));
    await assert.rejects(
      clickup({ apiUrl: `${limited.url}/api/v2` }).send(
        notification(),
        sendContext({ groupState: { taskId: 't1' } }),
      ),
      {
        message: 'POST ClickUp /task/t1/comment answered HTTP 429: rate limited',
        retryable: true,
      },
    );
    const broken = await receiver(t, (req) =>
      req.method === 'PUT' ? { status: 500 } : { status: 200, body: '{}' },
    );
    await assert.rejects(
      clickup({ apiUrl: `${broken.url}/api/v2` }).send(
        resolvedNotification(),
        sendContext({ groupState: { taskId: 't1' } }),
      ),
      {
        message: 'PUT ClickUp /task/t1 answered HTTP 500',
        retryable: true,
      },
    );
  });

  test('an answer without a task id is not retryable', async (t) => {
    const api = await receiver(t, () => ({ status: 200, body: 'not json' }));
    await assert.rejects(
      clickup({ apiUrl: `${api.url}/api/v2` }).send(notification(), sendContext()),
      {
        name: 'DeliveryError',
        message: 'ClickUp /list/901/task answered without a task id',
        retryable: false,
      },
    );
  });

  test('the default API is ClickUp’s v2', () => {
    assert.equal(CLICKUP_API_URL, 'https://api.clickup.com/api/v2');
  });
});
