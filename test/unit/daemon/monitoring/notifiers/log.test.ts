import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import { logKind } from '../../../../../daemon/monitoring/notifiers/log.js';
import { compileTemplate } from '../../../../../daemon/monitoring/notifiers/message-template.js';
import { notification, resolvedNotification, sendContext } from './fixtures.js';

const subject = compileTemplate(logKind.templates.subject ?? '', 'templates.subject');

describe('log channel', () => {
  test('appends one JSON line per notification (0600) and logs a line', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'cb-log-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'notifications.jsonl');
    const logged: Array<{ fields: object; message: string }> = [];
    const clock = new ManualClock();
    const log = logKind.create(
      {},
      { subject },
      {
        clock,
        notificationsFile: file,
        logger: { info: (fields, message) => void logged.push({ fields, message }) },
      },
    );
    assert.deepEqual(await log.send(notification(), sendContext()), {
      detail: 'logged and appended',
    });
    clock.advance(60_000);
    await log.send(resolvedNotification(), sendContext());
    const lines = (await readFile(file, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 2);
    assert.deepEqual(lines[0], {
      at: '2026-01-01T00:00:00.000Z',
      message: '[firing:1] HighCpu (critical): CPU above 90% on web-1',
      notification: notification(),
    });
    assert.equal(lines[1]?.['at'], '2026-01-01T00:01:00.000Z');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.deepEqual(logged[0], {
      fields: {
        receiver: 'ops',
        groupKey: '{}:{alertname="HighCpu"}',
        status: 'firing',
        reason: 'new-group',
        alerts: 1,
      },
      message: 'notification: [firing:1] HighCpu (critical): CPU above 90% on web-1',
    });
    assert.equal(
      logged[1]?.message,
      'notification: [resolved] HighCpu (critical): CPU above 90% on web-1',
    );
  });

  test('without a file it only logs', async () => {
    const log = logKind.create({}, { subject }, { clock: new ManualClock() });
    assert.deepEqual(await log.send(notification(), sendContext()), { detail: 'logged' });
  });

  test('a file that cannot be written is a retryable failure', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'cb-log-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const log = logKind.create(
      {},
      { subject },
      { clock: new ManualClock(), notificationsFile: join(dir, 'missing', 'n.jsonl') },
    );
    await assert.rejects(log.send(notification(), sendContext()), {
      name: 'DeliveryError',
      message: 'cannot append to the notifications file: ENOENT',
      retryable: true,
    });
  });
});
