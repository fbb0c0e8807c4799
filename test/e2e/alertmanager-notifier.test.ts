/**
 * End to end: the alertmanager channel against a real Alertmanager (Debian's
 * prometheus-alertmanager), started by this test on loopback. The alert posted by the channel is
 * read back from Alertmanager's own API, firing and then resolved; a bad alert gets Alertmanager's
 * 400, which the channel reports as not retryable.
 *
 * Alertmanager is required, not optional: CI installs it (`apt-get install -y
 * prometheus-alertmanager`), and a silently skipped test would hide a broken channel.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { systemClock } from '../../daemon/clock.js';
import { createNotifier, validateChannel } from '../../daemon/monitoring/notifiers/kinds.js';
import type { Notification, Notifier } from '../../daemon/monitoring/notifiers/notification.js';
import { freePort } from '../helpers/free-port.js';
import { requireOnPath } from '../helpers/system-tools.js';

const BINARY = 'prometheus-alertmanager';

/** Polls `check` every 100 ms until it returns something, for at most 20 s. */
async function poll<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface GettableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  status: { state: string };
}

let dir = '';
let child: ChildProcess | undefined;
let output = '';
let base = '';

before(async () => {
  requireOnPath(BINARY, BINARY, 'apt-get install -y prometheus-alertmanager');
  dir = await mkdtemp(join(tmpdir(), 'cb-am-'));
  await writeFile(
    join(dir, 'am.yml'),
    "route:\n  receiver: 'null'\nreceivers:\n  - name: 'null'\n",
  );
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(
    BINARY,
    [
      `--config.file=${join(dir, 'am.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  await poll(`Alertmanager to be ready; its output so far:\n${output}`, async () =>
    (await fetch(`${base}/-/ready`)).ok ? true : undefined,
  );
});

after(async () => {
  if (child !== undefined && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

async function alertsNamed(alertname: string): Promise<GettableAlert[]> {
  const response = await fetch(
    `${base}/api/v2/alerts?filter=${encodeURIComponent(`alertname="${alertname}"`)}`,
  );
  assert.equal(response.status, 200);
  return (await response.json()) as GettableAlert[];
}

function sample(status: 'firing' | 'resolved', startsAt: string, endsAt: string): Notification {
  const labels = { alertname: 'CbDiskFull', severity: 'warning', host: 'db-1' };
  return {
    receiver: 'central',
    groupKey: '{}:{alertname="CbDiskFull"}',
    status,
    groupLabels: { alertname: 'CbDiskFull' },
    commonLabels: labels,
    commonAnnotations: { summary: 'disk 95% full on db-1' },
    externalURL: 'http://127.0.0.1:7070',
    alerts: [
      {
        status,
        labels,
        annotations: { summary: 'disk 95% full on db-1' },
        startsAt,
        endsAt,
        generatorURL: 'http://127.0.0.1:7070/#/alerts/CbDiskFull',
        fingerprint: 'f00dfeedf00dfeed',
        severity: 'warning',
        value: 95.2,
      },
    ],
    truncatedAlerts: 0,
    reason: status === 'firing' ? 'new-group' : 'resolved',
  };
}

const context = () => ({
  signal: AbortSignal.timeout(10_000),
  clock: systemClock,
  timeoutMs: 10_000,
  groupState: {},
});

describe('alertmanager channel against a real Alertmanager', () => {
  let channel: Notifier;
  before(() => {
    channel = createNotifier(validateChannel({ type: 'alertmanager', options: { url: base } }), {
      clock: systemClock,
    });
  });

  test('a firing alert is read back from Alertmanager’s API, then resolved', async () => {
    const startsAt = new Date(systemClock.now() - 60_000).toISOString();
    assert.deepEqual(
      await channel.send(sample('firing', startsAt, '0001-01-01T00:00:00Z'), context()),
      { detail: 'HTTP 200' },
    );
    const [alert] = await poll('the alert in Alertmanager', async () => {
      const found = await alertsNamed('CbDiskFull');
      return found.length === 1 ? found : undefined;
    });
    assert.deepEqual(alert?.labels, { alertname: 'CbDiskFull', severity: 'warning', host: 'db-1' });
    assert.deepEqual(alert?.annotations, { summary: 'disk 95% full on db-1', value: '95.2' });
    assert.equal(Date.parse(alert?.startsAt ?? ''), Date.parse(startsAt));
    assert.equal(alert?.generatorURL, 'http://127.0.0.1:7070/#/alerts/CbDiskFull');
    assert.equal(alert?.status.state, 'active');

    const endsAt = new Date(systemClock.now() - 1000).toISOString();
    assert.deepEqual(await channel.send(sample('resolved', startsAt, endsAt), context()), {
      detail: 'HTTP 200',
    });
    // Alertmanager's API lists only alerts that have not ended.
    await poll('the alert to be resolved', async () =>
      (await alertsNamed('CbDiskFull')).length === 0 ? true : undefined,
    );
  });

  test('an alert Alertmanager refuses is a non-retryable failure with its reason', async () => {
    const bad = sample('firing', new Date(systemClock.now()).toISOString(), '0001-01-01T00:00:00Z');
    const alert = bad.alerts[0];
    assert.ok(alert !== undefined);
    alert.labels = { 'not a label name': 'x' };
    await assert.rejects(channel.send(bad, context()), (error: Error & { retryable?: boolean }) => {
      assert.match(
        error.message,
        new RegExp(`^POST ${base}/api/v2/alerts answered HTTP 400: .*not a label name`),
      );
      assert.equal(error.retryable, false);
      return true;
    });
  });
});
