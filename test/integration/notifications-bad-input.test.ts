/**
 * Channel and route definitions that are refused, through the real CLI and daemon: each bad
 * definition exits 2 naming the field (with `--json`, the code and the field) and changes
 * nothing — not the channels, not the routes, not the store or the audit log; a route to an
 * unknown channel exits 1, and a channel a route uses cannot be removed.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cliFails, cliJson, cliOk, monitoringHome } from '../helpers/monitoring.js';
import { httpReceiver, addWebhookChannel } from '../helpers/notifications.js';
import type { TestHome } from '../helpers/home.js';

/** What a refusal must leave as it was. */
async function everything(home: TestHome): Promise<unknown> {
  const store = JSON.parse(
    await readFile(join(home.paths.dataDir, 'store.json'), 'utf8'),
  ) as Record<string, unknown>;
  // The events about channels and routes (the daemon's own periodic ones may come meanwhile).
  const events = (await readFile(join(home.paths.dataDir, 'events.jsonl'), 'utf8'))
    .split('\n')
    .filter((l) => /"type":"(channel|route)\./.test(l));
  assert.ok(
    events.length > 0 &&
      Array.isArray(store['channels']) &&
      (store['channels'] as unknown[]).length > 0,
  );
  return {
    channels: await cliJson(home, ['monitoring', '--channels']),
    routes: await cliJson(home, ['monitoring', '--routes']),
    store: { channels: store['channels'], routes: store['routes'] },
    events,
  };
}

describe('notifications: refused definitions', () => {
  it('bad channel definitions exit 2 naming the field, and change nothing', async (t) => {
    const home = await monitoringHome(t);
    const hook = await httpReceiver(t);
    await addWebhookChannel(home, 'hook', hook.url);
    const before = await everything(home);
    const add = (name: string, ...rest: string[]) => ['monitoring', '--add-channel', name, ...rest];
    const cases: Array<[string[], string, string]> = [
      [
        add('pager', '--type', 'pagerduty'),
        'type',
        "unknown channel type 'pagerduty'; known: log, webhook, slack, email, alertmanager, command, clickup",
      ],
      [
        add('hook2', '--type', 'webhook'),
        'options.url',
        'webhook channel: options.url: is required',
      ],
      [
        add('hook2', '--type', 'webhook', '--url', 'ftp://127.0.0.1/x'),
        'options.url',
        'webhook channel: options.url: must be an http:// or https:// URL',
      ],
      [
        add('hook2', '--type', 'webhook', '--url', hook.url, '--option', 'colour=red'),
        'options.colour',
        "webhook channel: unknown option 'colour'",
      ],
      [
        add('chat', '--type', 'slack', '--url', hook.url, '--subject', '{{#alerts}}{{alertname}}'),
        'templates.subject',
        'slack channel: templates.subject: unclosed section "alerts" at 24',
      ],
      [
        add('chat', '--type', 'slack', '--url', hook.url, '--body', '{{nosuchname}}'),
        'templates.body',
        "slack channel: templates.body: unknown name 'nosuchname' at 0; known here: alertname, alerts, commonAnnotations, commonLabelList, commonLabels, dashboardURL, externalURL, firingAlerts, firingCount, groupKey, groupLabels, reason, receiver, resolvedAlerts, resolvedCount, severity, startsAt, status, summary, truncatedAlerts, value",
      ],
      [
        add('hook2', '--type', 'webhook', '--url', hook.url, '--subject', '{{alertname}}'),
        'templates.subject',
        'webhook channel: templates.subject is not used by this kind (it renders no templates)',
      ],
      [
        add('pager', '--type', 'command', '--option', 'path=bin/page'),
        'options.path',
        'command channel: options.path: must be an absolute path',
      ],
      [
        add(
          'mail',
          '--type',
          'email',
          '--option',
          'host=127.0.0.1',
          '--option',
          'port=25',
          '--option',
          'secure=none',
          '--option',
          'from=a@example.com',
          '--option',
          'to=ops@example.com',
          '--option',
          'user=alerts',
          '--option',
          'password=x',
        ),
        'options.secure',
        "email channel: options.secure: 'none' would send the password in clear; use 'tls' or 'starttls'",
      ],
      [
        add('bad name', '--type', 'webhook', '--url', hook.url),
        'name',
        "channel name must be 1-64 characters: letters, digits, '.', '_' and '-', starting with a letter or digit",
      ],
    ];
    for (const [args, field, message] of cases) {
      await cliFails(home, args, 2, new RegExp(`^clickup-brain: ${escape(message)}\\n$`));
      const json = await home.cli([...args, '--json']);
      assert.equal(json.code, 2, args.join(' '));
      assert.deepEqual(
        JSON.parse(json.stderr),
        { error: { code: 'INVALID_INPUT', message, field } },
        args.join(' '),
      );
    }
    // One value per option: --url or --option-stdin may not replace an --option (or each other).
    const twice: Array<[string[], string, string | undefined]> = [
      [
        add(
          'hook2',
          '--type',
          'webhook',
          '--option',
          `url=${hook.url}/a`,
          '--url',
          `${hook.url}/b`,
        ),
        'url',
        undefined,
      ],
      [
        add('hook2', '--type', 'webhook', '--url', hook.url, '--option-stdin', 'url'),
        'url',
        `${hook.url}/c\n`,
      ],
      [
        add('mail', '--type', 'email', '--option', 'password=one', '--option-stdin', 'password'),
        'password',
        'two\n',
      ],
    ];
    for (const [args, key, input] of twice) {
      const result = await home.cli(args, input === undefined ? {} : { input });
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.stderr, `clickup-brain: option '${key}' is given twice\n`);
      assert.equal(result.stdout, '');
      const json = await home.cli([...args, '--json'], input === undefined ? {} : { input });
      assert.deepEqual(JSON.parse(json.stderr), {
        error: {
          code: 'INVALID_INPUT',
          message: `option '${key}' is given twice`,
          field: `options.${key}`,
        },
      });
    }
    // Needs --type: refused by the CLI before the daemon is asked.
    await cliFails(
      home,
      add('hook2', '--url', hook.url),
      2,
      /^clickup-brain: --add-channel needs --type <type>\n$/,
    );
    assert.deepEqual(await everything(home), before);
  });

  it('routes: bad fields exit 2, an unknown channel exits 1; a channel in use cannot be removed', async (t) => {
    const home = await monitoringHome(t);
    const hook = await httpReceiver(t);
    await addWebhookChannel(home, 'hook', hook.url);
    await addWebhookChannel(home, 'spare', hook.url);
    await cliOk(home, [
      'monitoring',
      '--add-route',
      'ops',
      '--channel',
      'hook',
      '--match',
      'team=ops',
    ]);
    const before = await everything(home);
    const route = (...rest: string[]) => ['monitoring', '--add-route', 'db', ...rest];
    await cliFails(
      home,
      route('--channel', 'nope'),
      1,
      /^clickup-brain: route db: no channel named 'nope'; add it first \(clickup-brain monitoring --add-channel\)\n$/,
    );
    await cliFails(
      home,
      route('--channel', 'hook', '--match', 'team=~('),
      2,
      /^clickup-brain: 'team=~\(': invalid regex in matcher: /,
    );
    await cliFails(
      home,
      route('--channel', 'hook', '--match', 'not a matcher'),
      2,
      /^clickup-brain: 'not a matcher' is not a label matcher; write name=value, name!=value, name=~regex or name!~regex\n$/,
    );
    await cliFails(
      home,
      route('--channel', 'hook', '--repeat-interval', '30s'),
      2,
      /^clickup-brain: --repeat-interval must be from 1m to 30d\n$/,
    );
    await cliFails(
      home,
      route('--channel', 'hook', '--group-by', 'not-a-label'),
      2,
      /^clickup-brain: groupBy: "not-a-label" is not a label name\n$/,
    );
    await cliFails(
      home,
      ['monitoring', '--add-route', 'bad id', '--channel', 'hook'],
      2,
      /^clickup-brain: route id must be 1-64 characters: /,
    );
    await cliFails(
      home,
      ['monitoring', '--add-route', 'db'],
      2,
      /^clickup-brain: --add-route needs --channel <name>\n$/,
    );
    await cliFails(
      home,
      ['monitoring', '--remove-route', 'nope'],
      1,
      /^clickup-brain: no route 'nope'\n$/,
    );
    await cliFails(
      home,
      ['monitoring', '--remove-channel', 'nope'],
      1,
      /^clickup-brain: no channel named 'nope'\n$/,
    );
    await cliFails(
      home,
      ['monitoring', '--test-channel', 'nope'],
      1,
      /^clickup-brain: no channel named 'nope'\n$/,
    );
    await cliFails(
      home,
      ['monitoring', '--remove-channel', 'hook'],
      1,
      /^clickup-brain: channel 'hook' is used by route ops; remove or change the route first\n$/,
    );
    const json = await home.cli(['monitoring', '--remove-channel', 'hook', '--json']);
    assert.equal(json.code, 1);
    assert.deepEqual(JSON.parse(json.stderr), {
      error: {
        code: 'CONFLICT',
        message: "channel 'hook' is used by route ops; remove or change the route first",
      },
    });
    assert.deepEqual(await everything(home), before);

    // An explicit default route counts as a user too; without routes, the channel can go.
    await cliOk(home, ['monitoring', '--add-route', 'default', '--channel', 'spare']);
    await cliFails(
      home,
      ['monitoring', '--remove-channel', 'spare'],
      1,
      /^clickup-brain: channel 'spare' is used by route default; remove or change the route first\n$/,
    );
    await cliOk(home, ['monitoring', '--remove-route', 'default']);
    assert.equal(
      await cliOk(home, ['monitoring', '--remove-channel', 'spare']),
      'Removed channel spare\n',
    );
    await cliOk(home, ['monitoring', '--remove-route', 'ops']);
    assert.equal(
      await cliOk(home, ['monitoring', '--remove-channel', 'hook']),
      'Removed channel hook\n',
    );
    assert.equal(
      await cliOk(home, ['monitoring', '--channels']),
      'No channels. Add one with: clickup-brain monitoring --add-channel <name> --type webhook --url <url>\n',
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
