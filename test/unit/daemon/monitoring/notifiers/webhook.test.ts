import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import { webhookKind, webhookPayload } from '../../../../../daemon/monitoring/notifiers/webhook.js';
import {
  closedPort,
  notification,
  receiver,
  resolvedNotification,
  sendContext,
  timedOut,
} from './fixtures.js';

const webhook = (url: string) => webhookKind.create({ url }, {}, { clock: new ManualClock() });

/** Alertmanager's webhook body (version 4) for the sample notification, written out by hand. */
const EXPECTED_V4 = {
  receiver: 'ops',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'HighCpu', severity: 'critical', host: 'web-1' },
      annotations: { summary: 'CPU above 90% on web-1' },
      startsAt: '2026-01-01T00:00:00.000Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://127.0.0.1:7070/#/alerts/HighCpu',
      fingerprint: 'a1b2c3d4e5f60718',
    },
  ],
  groupLabels: { alertname: 'HighCpu' },
  commonLabels: { alertname: 'HighCpu', severity: 'critical', host: 'web-1' },
  commonAnnotations: { summary: 'CPU above 90% on web-1' },
  externalURL: 'http://127.0.0.1:7070',
  version: '4',
  groupKey: '{}:{alertname="HighCpu"}',
  truncatedAlerts: 0,
  reason: 'new-group',
};

describe('webhook channel', () => {
  test('POSTs Alertmanager’s v4 payload as JSON, with the reason added at the end', async (t) => {
    const r = await receiver(t);
    const result = await webhook(`${r.url}/alerts?key=abc`).send(notification(), sendContext());
    assert.deepEqual(result, { detail: 'HTTP 200' });
    const [req] = r.requests;
    assert.equal(req?.method, 'POST');
    assert.equal(req?.url, '/alerts?key=abc');
    assert.equal(req?.headers['content-type'], 'application/json');
    assert.deepEqual(req?.json, EXPECTED_V4);
    assert.deepEqual(
      Object.keys(req?.json as object),
      Object.keys(EXPECTED_V4),
      'in Alertmanager’s field order',
    );
  });

  test('a resolved notification carries the end time', async (t) => {
    const r = await receiver(t);
    await webhook(r.url).send(resolvedNotification(), sendContext());
    const body = r.requests[0]?.json as typeof EXPECTED_V4;
    assert.equal(body.status, 'resolved');
    assert.equal(body.alerts[0]?.status, 'resolved');
    assert.equal(body.alerts[0]?.endsAt, '2026-01-01T00:10:00.000Z');
  });

  test('leaves our extras (severity, value) out', () => {
    const alert = webhookPayload(notification()).alerts[0] as Record<string, unknown>;
    assert.equal('severity' in alert, false);
    assert.equal('value' in alert, false);
  });

  test('4xx is not retryable, 5xx is; the URL is shown redacted', async (t) => {
    const r = await receiver(t, (req) =>
      req.url === '/gone' ? { status: 410, body: 'gone' } : { status: 502, body: 'bad gateway' },
    );
    await assert.rejects(webhook(`${r.url}/gone`).send(notification(), sendContext()), {
      name: 'HttpStatusError',
      message: `POST ${r.url}/*** answered HTTP 410: gone`,
      retryable: false,
    });
    await assert.rejects(webhook(`${r.url}/down`).send(notification(), sendContext()), {
      message: `POST ${r.url}/*** answered HTTP 502: bad gateway`,
      retryable: true,
    });
  });

  test('a receiver that is down, or too slow, is a retryable failure', async (t) => {
    const port = await closedPort();
    await assert.rejects(
      webhook(`http://127.0.0.1:${port}/hook`).send(notification(), sendContext()),
      {
        message: `POST http://127.0.0.1:${port}/*** failed: connect ECONNREFUSED 127.0.0.1:${port}`,
        retryable: true,
      },
    );
    const slow = await receiver(t, () => 'hang');
    const controller = new AbortController();
    const sending = webhook(`${slow.url}/hook`).send(
      notification(),
      sendContext({ signal: controller.signal }),
    );
    await slow.next();
    timedOut(controller);
    await assert.rejects(sending, { message: `POST ${slow.url}/*** timed out`, retryable: true });
  });
});
