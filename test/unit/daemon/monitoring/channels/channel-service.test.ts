import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import { openCore, type Core } from '../../../../../daemon/core.js';
import {
  ChannelService,
  type Sealer,
} from '../../../../../daemon/monitoring/channels/channel-service.js';
import type { NotifierLogger } from '../../../../../daemon/monitoring/notifiers/channel-kind.js';
import { AuditLog } from '../../../../../daemon/security/audit-log.js';
import { AppError } from '../../../../../src/protocol/errors.js';
import type { DeliveryRecordWire } from '../../../../../src/protocol/notification-schemas.js';
import { failingStore } from '../../security/engine/engine-fixtures.js';
import { notification, sendContext } from '../notifiers/fixtures.js';

const SECRET_URL = 'https://hooks.example.com/services/T000/B000/s3cr3t-t0ken';
const PASSWORD = 'smtp-Pa55word-never-shown';

const mailOptions = {
  host: 'smtp.example.com',
  port: 587,
  secure: 'starttls',
  user: 'alerts',
  password: PASSWORD,
  from: 'alerts@example.com',
  to: ['ops@example.com'],
};

/** A core over memory at a frozen clock, closed after the test; log channels log to `lines`. */
async function coreFor(
  t: TestContext,
): Promise<{ core: Core; clock: ManualClock; lines: string[] }> {
  const clock = new ManualClock(Date.UTC(2026, 0, 5));
  const lines: string[] = [];
  const logger: NotifierLogger = { info: (_fields, message) => void lines.push(message) };
  const core = await openCore({ dataDir: null, clock, minBcryptCost: 4, notifierLogger: logger });
  t.after(() => core.close());
  return { core, clock, lines };
}

/** Asserts the promise rejects with an AppError of this code, message and field. */
async function rejects(
  promise: Promise<unknown>,
  code: string,
  message: string,
  field?: string,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.message, message);
    assert.equal(error.details['field'], field);
    return true;
  });
}

const delivery = (
  channel: string,
  outcome: DeliveryRecordWire['outcome'] = 'sent',
): DeliveryRecordWire => ({
  id: 'd1',
  at: '2026-01-05T00:00:00.000Z',
  channel,
  groupKey: 'default:{alertname="X"}',
  reason: 'new-group',
  attempt: 1,
  outcome,
  detail: outcome === 'sent' ? 'HTTP 200' : null,
  error: outcome === 'sent' ? null : 'HTTP 500',
  durationMs: 12,
});

describe('ChannelService.add', () => {
  it('keeps secret options sealed, shows them as ***, and records who added it', async (t) => {
    const { core, clock } = await coreFor(t);
    const { channel, created } = await core.channels.add(
      {
        name: 'mail',
        type: 'email',
        options: mailOptions,
        sendResolved: true,
        minSeverity: 'warning',
        templates: { subject: '{{alertname}}' },
      },
      'local:ops',
    );
    assert.equal(created, true);
    assert.deepEqual(channel, {
      name: 'mail',
      type: 'email',
      options: {
        host: 'smtp.example.com',
        port: 587,
        secure: 'starttls',
        user: 'alerts',
        from: 'alerts@example.com',
        to: ['ops@example.com'],
        password: '***',
      },
      templates: { subject: '{{alertname}}' },
      sendResolved: true,
      minSeverity: 'warning',
      createdAt: new Date(clock.now()).toISOString(),
      updatedAt: new Date(clock.now()).toISOString(),
      lastDelivery: null,
    });
    const [stored] = core.store.data.channels;
    assert.ok(stored !== undefined);
    assert.equal('password' in stored.options, false);
    assert.match(stored.sealedSecrets ?? '', /^cbv\d+:/);
    assert.equal(stored.createdBy, 'local:ops');
    assert.equal(
      JSON.stringify(core.store.data).includes(PASSWORD),
      false,
      'the store never holds the password',
    );
    const events = core.audit.recent().filter((e) => e.type.startsWith('channel.'));
    assert.deepEqual(
      events.map((e) => [e.type, e.actor, e.subject, e.outcome, e.details]),
      [['channel.added', 'local:ops', 'mail', 'success', { type: 'email' }]],
    );
    assert.equal(JSON.stringify(core.audit.recent()).includes(PASSWORD), false);
  });

  it('a webhook URL is a secret: sealed, shown as ***', async (t) => {
    const { core } = await coreFor(t);
    const { channel } = await core.channels.add(
      { name: 'hook', type: 'webhook', options: { url: SECRET_URL } },
      'local:ops',
    );
    assert.deepEqual(channel.options, { url: '***' });
    assert.deepEqual(core.store.data.channels[0]?.options, {});
    assert.equal(JSON.stringify(core.store.data).includes('s3cr3t'), false);
  });

  it('a channel without secrets has none sealed and shows its options', async (t) => {
    const { core } = await coreFor(t);
    const { channel } = await core.channels.add(
      { name: 'logger', type: 'log', options: {} },
      'local:ops',
    );
    assert.equal(core.store.data.channels[0]?.sealedSecrets, null);
    assert.deepEqual(channel.options, {});
    assert.equal(channel.sendResolved, false, 'default');
    assert.equal(channel.minSeverity, 'info', 'default');
  });

  it('replacing keeps createdAt, createdBy and the last delivery; the event says updated', async (t) => {
    const { core, clock } = await coreFor(t);
    const first = await core.channels.add(
      { name: 'hook', type: 'webhook', options: { url: SECRET_URL } },
      'local:ops',
    );
    await core.channels.noteDelivery(delivery('hook'));
    clock.advance(60_000);
    const second = await core.channels.add(
      { name: 'hook', type: 'slack', options: { url: SECRET_URL } },
      'local:other',
    );
    assert.equal(second.created, false);
    assert.equal(second.channel.type, 'slack');
    assert.equal(second.channel.createdAt, first.channel.createdAt);
    assert.equal(second.channel.updatedAt, new Date(clock.now()).toISOString());
    assert.deepEqual(second.channel.lastDelivery, delivery('hook'));
    assert.equal(core.store.data.channels.length, 1);
    assert.equal(core.store.data.channels[0]?.createdBy, 'local:ops');
    assert.deepEqual(
      core.audit
        .recent()
        .filter((e) => e.type.startsWith('channel.'))
        .map((e) => [e.type, e.actor]),
      [
        ['channel.added', 'local:ops'],
        ['channel.updated', 'local:other'],
      ],
    );
  });

  it('refuses a bad definition naming the field, and stores nothing', async (t) => {
    const { core } = await coreFor(t);
    await rejects(
      core.channels.add({ name: 'x', type: 'pager', options: {} }, 'a'),
      'INVALID_INPUT',
      "unknown channel type 'pager'; known: log, webhook, slack, email, alertmanager, command, clickup",
      'type',
    );
    await rejects(
      core.channels.add({ name: 'x', type: 'webhook', options: {} }, 'a'),
      'INVALID_INPUT',
      'webhook channel: options.url: is required',
      'options.url',
    );
    await rejects(
      core.channels.add(
        { name: 'x', type: 'webhook', options: { url: SECRET_URL, colour: 'red' } },
        'a',
      ),
      'INVALID_INPUT',
      "webhook channel: unknown option 'colour'",
      'options.colour',
    );
    await rejects(
      core.channels.add(
        {
          name: 'x',
          type: 'slack',
          options: { url: SECRET_URL },
          templates: { body: '{{#alerts}}' },
        },
        'a',
      ),
      'INVALID_INPUT',
      'slack channel: templates.body: unclosed section "alerts" at 11',
      'templates.body',
    );
    await rejects(
      core.channels.add({ name: '-x', type: 'log', options: {} }, 'a'),
      'INVALID_INPUT',
      "channel name must be 1-64 characters: letters, digits, '.', '_' and '-', starting with a letter or digit",
      'name',
    );
    assert.deepEqual(core.store.data.channels, []);
    assert.deepEqual(
      core.audit.recent().filter((e) => e.type.startsWith('channel.')),
      [],
    );
  });

  it('a store write that fails leaves the channels as they were', async () => {
    const { store, adapter } = await failingStore();
    const { log: audit } = await AuditLog.open({ file: null, clock: new ManualClock() });
    const sealer: Sealer = { seal: async (p) => `sealed:${p}`, open: async (c) => c.slice(7) };
    const channels = new ChannelService(store, audit, new ManualClock(), sealer, {});
    await channels.add({ name: 'a', type: 'log', options: {} }, 'x');
    adapter.failWith = new Error('disk full');
    await assert.rejects(
      channels.add({ name: 'b', type: 'log', options: {} }, 'x'),
      /could not write the store fake: disk full/,
    );
    await assert.rejects(
      channels.add({ name: 'a', type: 'webhook', options: { url: SECRET_URL } }, 'x'),
      /disk full/,
    );
    await assert.rejects(channels.remove('a', 'x'), /disk full/);
    assert.deepEqual(
      channels.list().map((c) => [c.name, c.type]),
      [['a', 'log']],
    );
    assert.deepEqual(
      audit.recent().map((e) => e.type),
      ['channel.added'],
    );
  });
});

describe('ChannelService.list, find, remove', () => {
  it('lists by name; remove takes one out with an event; an unknown name is NOT_FOUND', async (t) => {
    const { core } = await coreFor(t);
    for (const name of ['zulu', 'alpha', 'mike'])
      await core.channels.add({ name, type: 'log', options: {} }, 'local:ops');
    assert.deepEqual(
      core.channels.list().map((c) => c.name),
      ['alpha', 'mike', 'zulu'],
    );
    assert.equal(core.channels.find('mike')?.name, 'mike');
    assert.equal(core.channels.find('nope'), undefined);
    const removed = await core.channels.remove('mike', 'local:ops');
    assert.equal(removed.name, 'mike');
    assert.deepEqual(
      core.channels.list().map((c) => c.name),
      ['alpha', 'zulu'],
    );
    assert.equal(
      core.audit.recent().filter((e) => e.type === 'channel.removed' && e.subject === 'mike')
        .length,
      1,
    );
    await rejects(
      core.channels.remove('mike', 'local:ops'),
      'NOT_FOUND',
      "no channel named 'mike'",
    );
    await rejects(
      core.channels.remove('x'.repeat(100), 'local:ops'),
      'NOT_FOUND',
      `no channel named '${'x'.repeat(64)}'`,
    );
  });
});

describe('ChannelService.notifier', () => {
  it('opens the secrets to build the notifier, once per change of the channel', async (t) => {
    const { core, lines } = await coreFor(t);
    await core.channels.add(
      { name: 'logger', type: 'log', options: {}, templates: { subject: 'one {{alertname}}' } },
      'a',
    );
    const notifier = await core.channels.notifier('logger');
    assert.equal(notifier.type, 'log');
    assert.equal(await core.channels.notifier('logger'), notifier, 'cached');
    await core.channels.noteDelivery(delivery('logger'));
    assert.equal(
      await core.channels.notifier('logger'),
      notifier,
      'a delivery does not change the channel',
    );
    await notifier.send(notification(), sendContext());
    await core.channels.add(
      { name: 'logger', type: 'log', options: {}, templates: { subject: 'two {{alertname}}' } },
      'a',
    );
    const replaced = await core.channels.notifier('logger');
    assert.notEqual(replaced, notifier);
    await replaced.send(notification(), sendContext());
    assert.deepEqual(lines, ['notification: one HighCpu', 'notification: two HighCpu']);
    await rejects(core.channels.notifier('nope'), 'NOT_FOUND', "no channel named 'nope'");
  });

  it('a webhook notifier gets its sealed URL back', async (t) => {
    const { core } = await coreFor(t);
    const sealed: Array<[string, string]> = [];
    const sealer: Sealer = {
      seal: async (plaintext, aad) => {
        sealed.push([plaintext, aad]);
        return core.security.encrypt(plaintext, aad);
      },
      open: async (ciphertext, aad) =>
        (await core.security.decrypt(ciphertext, aad)).toString('utf8'),
    };
    const channels = new ChannelService(core.store, core.audit, new ManualClock(), sealer, {});
    await channels.add({ name: 'hook', type: 'webhook', options: { url: SECRET_URL } }, 'a');
    assert.deepEqual(sealed, [[JSON.stringify({ url: SECRET_URL }), 'clickup-brain channel:hook']]);
    assert.equal((await channels.notifier('hook')).type, 'webhook');
  });

  it('secrets sealed for another channel (or damaged) cannot be opened: INTERNAL, add it again', async (t) => {
    const { core } = await coreFor(t);
    await core.channels.add({ name: 'one', type: 'webhook', options: { url: SECRET_URL } }, 'a');
    await core.channels.add(
      { name: 'two', type: 'webhook', options: { url: 'https://example.com/other' } },
      'a',
    );
    const [one, two] = core.store.data.channels;
    assert.ok(one !== undefined && two !== undefined);
    // Moved from one channel to the other: the name is bound to the ciphertext.
    core.store.data.channels[1] = { ...two, sealedSecrets: one.sealedSecrets };
    await rejects(
      core.channels.notifier('two'),
      'INTERNAL',
      "the secrets of channel 'two' cannot be opened (tampered); add the channel again",
    );
    core.store.data.channels[0] = { ...one, sealedSecrets: 'garbage' };
    await assert.rejects(core.channels.notifier('one'), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'INTERNAL');
      assert.match(
        error.message,
        /^the secrets of channel 'one' cannot be opened \(\w+\); add the channel again$/,
      );
      assert.equal(error.message.includes(SECRET_URL), false);
      return true;
    });
  });
});

describe('ChannelService.noteDelivery', () => {
  it('keeps the last delivery on the channel; one for an unknown channel is ignored', async (t) => {
    const { core } = await coreFor(t);
    await core.channels.add({ name: 'hook', type: 'webhook', options: { url: SECRET_URL } }, 'a');
    await core.channels.noteDelivery(delivery('hook', 'failed'));
    assert.deepEqual(core.channels.list()[0]?.lastDelivery, delivery('hook', 'failed'));
    await core.channels.noteDelivery(delivery('hook'));
    assert.deepEqual(core.channels.list()[0]?.lastDelivery, delivery('hook'));
    await core.channels.noteDelivery(delivery('gone'));
    assert.equal(core.channels.find('gone'), undefined);
  });
});
