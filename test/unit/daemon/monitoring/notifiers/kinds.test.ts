import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import {
  CHANNEL_TYPES,
  channelKind,
  createNotifier,
  redactOptions,
  secretFields,
  validateChannel,
  type ChannelInput,
} from '../../../../../daemon/monitoring/notifiers/kinds.js';
import { notification, sendContext } from './fixtures.js';

const EMAIL = {
  host: 'smtp.example.com',
  port: 587,
  secure: 'starttls',
  from: 'Alerts <alerts@example.com>',
  to: ['ops@example.com'],
};

function refused(input: ChannelInput, message: string, field: string): void {
  assert.throws(() => validateChannel(input), {
    code: 'INVALID_INPUT',
    message,
    details: { field },
  });
}

describe('validateChannel', () => {
  test('accepts each kind with its options, applying nothing it was not given', () => {
    const valid: ChannelInput[] = [
      { type: 'log' },
      { type: 'webhook', options: { url: 'https://example.com/hook' } },
      {
        type: 'slack',
        options: {
          url: 'https://hooks.slack.com/services/T/B/X',
          channel: '#ops',
          username: 'brain',
        },
      },
      { type: 'email', options: { ...EMAIL, user: 'alerts', password: 'hunter22' } },
      { type: 'alertmanager', options: { url: 'http://127.0.0.1:9093' } },
      {
        type: 'command',
        options: { path: '/usr/local/bin/notify', args: ['--quiet'], timeoutMs: 5000 },
      },
      {
        type: 'clickup',
        options: {
          listId: '901234',
          token: 'pk_1_ABC',
          apiUrl: 'http://127.0.0.1:1/api/v2',
          closedStatus: 'done',
        },
      },
    ];
    for (const input of valid) {
      assert.deepEqual(validateChannel(input), {
        type: input.type,
        options: input.options ?? {},
        templates: {},
      });
    }
    assert.deepEqual(CHANNEL_TYPES, [
      'log',
      'webhook',
      'slack',
      'email',
      'alertmanager',
      'command',
      'clickup',
    ]);
  });

  test('keeps the templates given, checked', () => {
    const def = validateChannel({
      type: 'email',
      options: EMAIL,
      templates: { subject: '{{alertname}} is {{status}}', html: '<b>{{summary}}</b>' },
    });
    assert.deepEqual(def.templates, {
      subject: '{{alertname}} is {{status}}',
      html: '<b>{{summary}}</b>',
    });
  });

  test('refuses an unknown type', () => {
    refused(
      { type: 'pager' },
      "unknown channel type 'pager'; known: log, webhook, slack, email, alertmanager, command, clickup",
      'type',
    );
    refused(
      { type: 5 },
      'unknown channel type number; known: log, webhook, slack, email, alertmanager, command, clickup',
      'type',
    );
    refused(
      { type: '__proto__' },
      "unknown channel type '__proto__'; known: log, webhook, slack, email, alertmanager, command, clickup",
      'type',
    );
  });

  test('refuses bad options, naming the option', () => {
    refused({ type: 'webhook' }, 'webhook channel: options.url: is required', 'options.url');
    refused(
      { type: 'webhook', options: { url: 'ftp://example.com' } },
      'webhook channel: options.url: must be an http:// or https:// URL',
      'options.url',
    );
    refused(
      { type: 'webhook', options: { url: 7 } },
      'webhook channel: options.url: must be a string',
      'options.url',
    );
    refused(
      { type: 'webhook', options: { urll: 'https://x' } },
      "webhook channel: unknown option 'urll'",
      'options.urll',
    );
    refused(
      { type: 'slack', options: { url: 'https://x.example', channel: '' } },
      'slack channel: options.channel: must not be empty',
      'options.channel',
    );
    refused({ type: 'log', options: [] }, 'log channel: options: must be an object', 'options');
    refused(
      { type: 'log', options: { file: '/tmp/x' } },
      "log channel: unknown option 'file'",
      'options.file',
    );
    refused(
      { type: 'email', options: { ...EMAIL, to: [] } },
      'email channel: options.to: must name at least one address',
      'options.to',
    );
    refused(
      { type: 'email', options: { ...EMAIL, to: 'ops@example.com' } },
      'email channel: options.to: must be a list of addresses',
      'options.to',
    );
    refused(
      { type: 'email', options: { ...EMAIL, to: ['ops'] } },
      'email channel: options.to.0: must be an email address',
      'options.to.0',
    );
    refused(
      { type: 'email', options: { ...EMAIL, from: 'Alerts <nobody>' } },
      "email channel: options.from: must be an email address, or 'Name <address>'",
      'options.from',
    );
    refused(
      { type: 'email', options: { ...EMAIL, secure: 'ssl' } },
      "email channel: options.secure: must be 'tls', 'starttls' or 'none'",
      'options.secure',
    );
    refused(
      { type: 'email', options: { ...EMAIL, port: 70000 } },
      'email channel: options.port: must be at most 65535',
      'options.port',
    );
    refused(
      { type: 'email', options: { ...EMAIL, port: '25' } },
      'email channel: options.port: must be a number',
      'options.port',
    );
    refused(
      { type: 'email', options: { ...EMAIL, user: 'alerts' } },
      'email channel: options.password: user and password go together: give both or neither',
      'options.password',
    );
    refused(
      { type: 'email', options: { ...EMAIL, secure: 'none', user: 'a', password: 'hunter22' } },
      "email channel: options.secure: 'none' would send the password in clear; use 'tls' or 'starttls'",
      'options.secure',
    );
    refused(
      { type: 'command', options: { path: 'notify.sh' } },
      'command channel: options.path: must be an absolute path',
      'options.path',
    );
    refused(
      { type: 'command', options: { path: '/bin/true', args: [1] } },
      'command channel: options.args.0: must be a string',
      'options.args.0',
    );
    refused(
      { type: 'command', options: { path: '/bin/true', timeoutMs: 5 } },
      'command channel: options.timeoutMs: must be at least 100',
      'options.timeoutMs',
    );
    refused(
      { type: 'clickup', options: { listId: '1/../2', token: 'pk' } },
      'clickup channel: options.listId: must be a ClickUp list id (letters, digits, - and _)',
      'options.listId',
    );
    refused(
      { type: 'clickup', options: { listId: '12', token: 'pk 1\r\nx: y' } },
      'clickup channel: options.token: must be a ClickUp API token (no spaces)',
      'options.token',
    );
    refused(
      { type: 'alertmanager', options: { url: 'localhost:9093' } },
      'alertmanager channel: options.url: must be an http:// or https:// URL',
      'options.url',
    );
  });

  test('refuses bad templates when the channel is added, not when an alert fires', () => {
    const slack = { type: 'slack', options: { url: 'https://hooks.slack.com/services/T/B/X' } };
    refused(
      { ...slack, templates: { body: '{{#alerts}}{{value}}' } },
      'slack channel: templates.body: unclosed section "alerts" at 20',
      'templates.body',
    );
    refused(
      { ...slack, templates: { subject: '{{sumary}}' } },
      `slack channel: templates.subject: unknown name 'sumary' at 0; known here: alertname, alerts, commonAnnotations, commonLabelList, commonLabels, dashboardURL, externalURL, firingAlerts, firingCount, groupKey, groupLabels, reason, receiver, resolvedAlerts, resolvedCount, severity, startsAt, status, summary, truncatedAlerts, value`,
      'templates.subject',
    );
    refused(
      { ...slack, templates: { html: '<b>' } },
      'slack channel: templates.html is not used by this kind (it renders subject, body)',
      'templates.html',
    );
    refused(
      { ...slack, templates: { body: 3 } },
      'slack channel: templates.body must be a string',
      'templates.body',
    );
    refused(
      { ...slack, templates: 'x' },
      'slack channel: templates must be an object',
      'templates',
    );
    refused(
      { type: 'webhook', options: { url: 'https://x.example' }, templates: { body: 'x' } },
      'webhook channel: templates.body is not used by this kind (it renders no templates)',
      'templates.body',
    );
  });

  test('a non-object input is a programming error', () => {
    assert.throws(() => validateChannel(null as unknown as ChannelInput), {
      name: 'TypeError',
      message: 'validateChannel: input must be an object',
    });
  });
});

describe('redactOptions and secretFields', () => {
  test('secrets are never shown in full', () => {
    assert.deepEqual(redactOptions('webhook', { url: 'https://example.com/hooks/abc123' }), {
      url: 'https://example.com/***',
    });
    assert.deepEqual(
      redactOptions('slack', {
        url: 'https://hooks.slack.com/services/T0/B0/XXXX',
        channel: '#ops',
      }),
      {
        url: 'https://hooks.slack.com/***',
        channel: '#ops',
      },
    );
    assert.deepEqual(redactOptions('email', { ...EMAIL, user: 'alerts', password: 'hunter22' }), {
      ...EMAIL,
      user: 'alerts',
      password: '***',
    });
    assert.deepEqual(redactOptions('clickup', { listId: '9', token: 'pk_1_ABC' }), {
      listId: '9',
      token: '***',
    });
    assert.deepEqual(redactOptions('alertmanager', { url: 'http://am:secret@127.0.0.1:9093' }), {
      url: 'http://127.0.0.1:9093/***',
    });
    assert.deepEqual(redactOptions('command', { path: '/bin/notify', args: ['a'] }), {
      path: '/bin/notify',
      args: ['a'],
    });
    assert.deepEqual(redactOptions('email', EMAIL), EMAIL, 'an absent secret stays absent');
  });

  test('each kind declares its secrets', () => {
    const secrets = Object.fromEntries(CHANNEL_TYPES.map((t) => [t, secretFields(t)]));
    assert.deepEqual(secrets, {
      log: [],
      webhook: ['url'],
      slack: ['url'],
      email: ['password'],
      alertmanager: ['url'],
      command: [],
      clickup: ['token'],
    });
  });

  test('an unknown type is refused', () => {
    assert.throws(() => redactOptions('pager' as 'log', {}), {
      code: 'INVALID_INPUT',
      details: { field: 'type' },
    });
  });
});

describe('createNotifier', () => {
  test('builds each kind', () => {
    const defs: ChannelInput[] = [
      { type: 'log' },
      { type: 'webhook', options: { url: 'https://example.com/hook' } },
      { type: 'slack', options: { url: 'https://hooks.slack.com/services/T/B/X' } },
      { type: 'email', options: EMAIL },
      { type: 'alertmanager', options: { url: 'http://127.0.0.1:9093' } },
      { type: 'command', options: { path: '/bin/true' } },
      { type: 'clickup', options: { listId: '9', token: 'pk_1' } },
    ];
    for (const input of defs)
      assert.equal(
        createNotifier(validateChannel(input), { clock: new ManualClock() }).type,
        input.type,
      );
    assert.equal(channelKind('email').templates.html?.startsWith('<!doctype html>'), true);
  });

  test('uses a given template and the defaults for the others', async () => {
    const lines: string[] = [];
    const logger = { info: (_fields: object, message: string) => void lines.push(message) };
    const custom = createNotifier(
      validateChannel({ type: 'log', templates: { subject: '{{alertname}}={{value}}' } }),
      { clock: new ManualClock(), logger },
    );
    await custom.send(notification(), sendContext());
    const plain = createNotifier(validateChannel({ type: 'log' }), {
      clock: new ManualClock(),
      logger,
    });
    await plain.send(notification(), sendContext());
    assert.deepEqual(lines, [
      'notification: HighCpu=97.5',
      'notification: [firing:1] HighCpu (critical): CPU above 90% on web-1',
    ]);
  });

  test('re-checks a stored definition', () => {
    assert.throws(
      () =>
        createNotifier(
          { type: 'webhook', options: {}, templates: {} },
          { clock: new ManualClock() },
        ),
      {
        code: 'INVALID_INPUT',
        message: 'webhook channel: options.url: is required',
      },
    );
  });
});
