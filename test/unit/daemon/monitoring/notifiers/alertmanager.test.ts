import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import {
  alertmanagerKind,
  alertsEndpoint,
  postableAlerts,
} from '../../../../../daemon/monitoring/notifiers/alertmanager.js';
import {
  closedPort,
  firingAlert,
  notification,
  receiver,
  resolvedNotification,
  sendContext,
} from './fixtures.js';

const am = (url: string) => alertmanagerKind.create({ url }, {}, { clock: new ManualClock() });

describe('alertmanager channel', () => {
  test('POSTs one postable alert per alert to /api/v2/alerts', async (t) => {
    const r = await receiver(t);
    const n = notification({
      alerts: [
        firingAlert(),
        firingAlert({
          labels: { alertname: 'HighCpu', host: 'web-2' },
          generatorURL: '',
          annotations: { value: 'set by the rule' },
        }),
      ],
    });
    const result = await am(`${r.url}/`).send(n, sendContext());
    assert.deepEqual(result, { detail: 'HTTP 200' });
    assert.equal(r.requests[0]?.url, '/api/v2/alerts');
    assert.deepEqual(r.requests[0]?.json, [
      {
        labels: { alertname: 'HighCpu', severity: 'critical', host: 'web-1' },
        annotations: { value: '97.5', summary: 'CPU above 90% on web-1' },
        startsAt: '2026-01-01T00:00:00.000Z',
        endsAt: '2026-01-01T05:00:00.000Z',
        generatorURL: 'http://127.0.0.1:7070/#/alerts/HighCpu',
      },
      {
        labels: { alertname: 'HighCpu', host: 'web-2' },
        annotations: { value: 'set by the rule' },
        startsAt: '2026-01-01T00:00:00.000Z',
        endsAt: '2026-01-01T05:00:00.000Z',
      },
    ]);
  });

  test('a resolved alert carries the time it resolved; a firing one ends resolveAfterMs ahead', () => {
    const now = Date.UTC(2026, 0, 1, 0, 30);
    assert.equal(postableAlerts(resolvedNotification(), now)[0]?.endsAt, '2026-01-01T00:10:00.000Z');
    assert.equal(postableAlerts(notification(), now)[0]?.endsAt, '2026-01-01T05:30:00.000Z');
    assert.equal(postableAlerts(notification(), now, 60_000)[0]?.endsAt, '2026-01-01T00:31:00.000Z');
  });

  test('the endpoint with or without a trailing slash or a path prefix', () => {
    assert.equal(alertsEndpoint('http://am:9093'), 'http://am:9093/api/v2/alerts');
    assert.equal(alertsEndpoint('http://am:9093//'), 'http://am:9093/api/v2/alerts');
    assert.equal(
      alertsEndpoint('https://x.example/alertmanager/'),
      'https://x.example/alertmanager/api/v2/alerts',
    );
  });

  test('400 (a bad alert) is not retryable; 503 and a refused connection are', async (t) => {
    const bad = await receiver(t, () => ({
      status: 400,
      body: '{"code":400,"message":"invalid label set"}',
    }));
    await assert.rejects(am(bad.url).send(notification(), sendContext()), {
      message: `POST ${bad.url}/api/v2/alerts answered HTTP 400: {"code":400,"message":"invalid label set"}`,
      retryable: false,
    });
    const busy = await receiver(t, () => ({ status: 503 }));
    await assert.rejects(
      am(`http://user:pw12@${busy.url.slice('http://'.length)}`).send(
        notification(),
        sendContext(),
      ),
      {
        message: `POST ${busy.url}/*** answered HTTP 503`,
        retryable: true,
      },
    );
    assert.equal(
      busy.requests[0]?.headers.authorization,
      `Basic ${Buffer.from('user:pw12').toString('base64')}`,
    );
    const port = await closedPort();
    await assert.rejects(am(`http://127.0.0.1:${port}`).send(notification(), sendContext()), {
      message: `POST http://127.0.0.1:${port}/api/v2/alerts failed: connect ECONNREFUSED 127.0.0.1:${port}`,
      retryable: true,
    });
  });
});
