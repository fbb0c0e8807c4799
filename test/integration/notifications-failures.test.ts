/**
 * Deliveries that fail, through the real CLI and daemon: a receiver that is down is retried with
 * a record per attempt and then given up (failed); a 500 is retried until it succeeds; a 400 is
 * failed at once, never retried; `--test-channel` reports a receiver that is down, or too slow,
 * with exit 1 and the error.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cliJson, cliOk, monitoringHome, pushGauge } from '../helpers/monitoring.js';
import { freePort } from '../helpers/free-port.js';
import type { TestHome } from '../helpers/home.js';
import {
  deliveriesOf,
  filesUnder,
  httpReceiver,
  quickDefaultRoute,
  waitForDeliveries,
  type DeliveryJson,
  addWebhookChannel,
} from '../helpers/notifications.js';

const GROUP = 'default:{alertname="Broken"}';

/** A home with the channel `hook` to `url`, the quick default route, and the alert Broken firing. */
async function firingInto(home: TestHome, url: string): Promise<void> {
  await cliOk(home, ['monitoring', '--add-channel', 'hook', '--type', 'webhook', '--url', url]);
  await quickDefaultRoute(home, ['hook']);
  await pushGauge(home, 'broken', 1);
  await cliOk(home, ['monitoring', '--add-rule', 'Broken', '--expr', 'broken > 0']);
}

/** attempt, outcome, detail and error of each record. */
const summary = (records: DeliveryJson[]) =>
  records.map((r) => [r.attempt, r.outcome, r.detail, r.error]);

describe('notifications: failed deliveries', () => {
  it('a receiver that is down: a retrying record per attempt, then failed; the channel shows it', async (t) => {
    const home = await monitoringHome(t);
    const port = await freePort();
    await firingInto(home, `http://127.0.0.1:${port}/secret-path`);
    const records = await waitForDeliveries(home, 'a failed delivery', (all) =>
      all.some((r) => r.outcome === 'failed'),
    );
    const first = records.slice(0, 5);
    const refused = `POST http://127.0.0.1:${port}/*** failed: connect ECONNREFUSED 127.0.0.1:${port}`;
    assert.deepEqual(summary(first), [
      [1, 'retrying', null, refused],
      [2, 'retrying', null, refused],
      [3, 'retrying', null, refused],
      [4, 'retrying', null, refused],
      [5, 'failed', null, refused],
    ]);
    assert.ok(
      first.every((r) => r.channel === 'hook' && r.groupKey === GROUP && r.reason === 'new-group'),
    );
    const times = first.map((r) => Date.parse(r.at));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      'attempts in order',
    );

    const { channels } = await cliJson<{ channels: Array<{ lastDelivery: DeliveryJson | null }> }>(
      home,
      ['monitoring', '--channels'],
    );
    assert.equal(channels[0]?.lastDelivery?.outcome, 'failed');
    assert.equal(channels[0]?.lastDelivery?.error, refused);
    const human = await cliOk(home, ['monitoring', '--channels']);
    assert.match(
      human,
      /^hook\s+webhook\s+url=\*\*\*\s+info\+\s+failed .*: POST http:\/\/127\.0\.0\.1:\d+\/\*\*\* failed: connect ECONNREFUSED/m,
    );
    assert.doesNotMatch(human, /secret-path/);
    const table = await cliOk(home, ['monitoring', '--notifications', '--channel', 'hook']);
    assert.match(
      table,
      /\shook\s+new-group\s+1\s+retrying\s+\d+ ms\s+POST http:\/\/127\.0\.0\.1:\d+\/\*\*\* failed: connect ECONNREFUSED/,
    );
    assert.match(table, /\shook\s+new-group\s+5\s+failed\s+\d+ ms\s+POST http/);
    // The URL is a credential: no record, log line or stored byte holds its path.
    await cliOk(home, ['daemon', 'stop']);
    for (const [path, text] of await filesUnder(home.dir))
      assert.equal(text.includes('secret-path'), false, path);
  });

  it('a 500 is retried until the receiver answers 200', async (t) => {
    const home = await monitoringHome(t);
    const hook = await httpReceiver(t, {
      answer: (requests) =>
        requests.length <= 2 ? { status: 500, body: 'database is down' } : { status: 200 },
    });
    await firingInto(home, `${hook.url}/hook`);
    const records = await waitForDeliveries(home, 'a sent delivery', (all) =>
      all.some((r) => r.outcome === 'sent'),
    );
    const answered500 = `POST ${hook.url}/*** answered HTTP 500: database is down`;
    assert.deepEqual(summary(records), [
      [1, 'retrying', null, answered500],
      [2, 'retrying', null, answered500],
      [3, 'sent', 'HTTP 200', null],
    ]);
    assert.equal(hook.requests.length, 3);
    assert.deepEqual(
      hook.requests.map((r) => r.body),
      Array(3).fill(hook.requests[0]?.body),
      'the same notification each time',
    );
  });

  it('a 400 fails at once and is not retried', async (t) => {
    const home = await monitoringHome(t);
    const hook = await httpReceiver(t, { answer: () => ({ status: 400, body: 'unknown field' }) });
    await firingInto(home, `${hook.url}/hook`);
    const records = await waitForDeliveries(home, 'a failed delivery', (all) => all.length > 0);
    assert.deepEqual(summary(records.slice(0, 1)), [
      [1, 'failed', null, `POST ${hook.url}/*** answered HTTP 400: unknown field`],
    ]);
    // The next group_interval flush tries again (the channel was never told); each is a first attempt.
    const later = await deliveriesOf(home, 'hook');
    assert.ok(
      later.every((r) => r.attempt === 1 && r.outcome === 'failed'),
      JSON.stringify(summary(later)),
    );
    assert.ok(
      hook.requests.length >= later.length,
      'one request per record (a flush may be under way)',
    );
  });

  it('--test-channel: sent through a receiver that answers, exit 1 with the error through one that is down', async (t) => {
    const home = await monitoringHome(t);
    const up = await httpReceiver(t);
    await cliOk(home, ['monitoring', '--add-channel', 'up', '--type', 'webhook', '--url', up.url]);
    const sent = await home.cli(['monitoring', '--test-channel', 'up']);
    assert.equal(sent.code, 0, sent.stderr);
    assert.match(sent.stdout, /^Test notification sent through up: HTTP 200 \(\d+ ms\)\n$/);
    const body = up.requests[0]?.json as {
      status: string;
      groupKey: string;
      alerts: Array<{ labels: Record<string, string> }>;
    };
    assert.equal(body.status, 'firing');
    assert.equal(body.groupKey, 'test/up');
    assert.deepEqual(body.alerts[0]?.labels, { alertname: 'ClickupBrainTest', severity: 'info' });

    const port = await freePort();
    await addWebhookChannel(home, 'down', `http://127.0.0.1:${port}/`);
    const failed = await home.cli(['monitoring', '--test-channel', 'down']);
    assert.equal(failed.code, 1, failed.stdout + failed.stderr);
    const error = `POST http://127.0.0.1:${port} failed: connect ECONNREFUSED 127.0.0.1:${port}`;
    assert.equal(
      failed.stdout,
      `Test notification through down FAILED after 1 attempt(s): ${error}\n`,
    );
    const json = await home.cli(['monitoring', '--test-channel', 'down', '--json']);
    assert.equal(json.code, 1);
    const { record } = JSON.parse(json.stdout) as { record: DeliveryJson };
    assert.deepEqual(
      [record.channel, record.reason, record.attempt, record.outcome, record.error],
      ['down', 'test', 1, 'failed', error],
    );
    const log = await deliveriesOf(home);
    assert.deepEqual(
      log.map((r) => [r.channel, r.reason, r.outcome]),
      [
        ['up', 'test', 'sent'],
        ['down', 'test', 'failed'],
        ['down', 'test', 'failed'],
      ],
    );
  });

  it('--test-channel: a receiver that never answers times out; so does a command that runs too long', async (t) => {
    const home = await monitoringHome(t);
    const hang = await httpReceiver(t, { answer: () => 'hang' });
    await addWebhookChannel(home, 'slow', hang.url);
    const slow = await home.cli(['monitoring', '--test-channel', 'slow']);
    assert.equal(slow.code, 1, slow.stdout + slow.stderr);
    assert.equal(
      slow.stdout,
      `Test notification through slow FAILED after 1 attempt(s): timed out after 10s\n`,
    );
    assert.equal(hang.requests.length, 1);

    await cliOk(home, [
      'monitoring',
      '--add-channel',
      'sleepy',
      '--type',
      'command',
      '--option',
      'path=/bin/sleep',
      '--option',
      'args=["30"]',
      '--option',
      'timeoutMs=300',
    ]);
    const sleepy = await home.cli(['monitoring', '--test-channel', 'sleepy']);
    assert.equal(sleepy.code, 1, sleepy.stdout + sleepy.stderr);
    assert.equal(
      sleepy.stdout,
      "Test notification through sleepy FAILED after 1 attempt(s): command '/bin/sleep' timed out after 300 ms (killed)\n",
    );
  });
});
