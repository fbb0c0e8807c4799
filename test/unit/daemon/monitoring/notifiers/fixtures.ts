/**
 * Shared by the notifier tests: sample notifications, a send context, and a real HTTP receiver
 * on loopback that records every request and answers as the test says.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import { freePort } from '../../../../helpers/free-port.js';
import type {
  Notification,
  NotifiedAlert,
  SendContext,
} from '../../../../../daemon/monitoring/notifiers/notification.js';

export const STARTS_AT = '2026-01-01T00:00:00.000Z';

export function firingAlert(overrides: Partial<NotifiedAlert> = {}): NotifiedAlert {
  return {
    status: 'firing',
    labels: { alertname: 'HighCpu', severity: 'critical', host: 'web-1' },
    annotations: { summary: 'CPU above 90% on web-1' },
    startsAt: STARTS_AT,
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://127.0.0.1:7070/#/alerts/HighCpu',
    fingerprint: 'a1b2c3d4e5f60718',
    severity: 'critical',
    value: 97.5,
    ...overrides,
  };
}

export function notification(overrides: Partial<Notification> = {}): Notification {
  return {
    receiver: 'ops',
    groupKey: '{}:{alertname="HighCpu"}',
    status: 'firing',
    groupLabels: { alertname: 'HighCpu' },
    commonLabels: { alertname: 'HighCpu', severity: 'critical', host: 'web-1' },
    commonAnnotations: { summary: 'CPU above 90% on web-1' },
    externalURL: 'http://127.0.0.1:7070',
    alerts: [firingAlert()],
    truncatedAlerts: 0,
    reason: 'new-group',
    ...overrides,
  };
}

export const RESOLVED_AT = '2026-01-01T00:10:00.000Z';

export function resolvedNotification(): Notification {
  return notification({
    status: 'resolved',
    reason: 'resolved',
    alerts: [firingAlert({ status: 'resolved', endsAt: RESOLVED_AT })],
  });
}

/** A send context; the clock stands at 2026-01-01T00:00:00Z. */
export function sendContext(overrides: Partial<SendContext> = {}): SendContext {
  return {
    signal: new AbortController().signal,
    clock: new ManualClock(),
    timeoutMs: 10_000,
    groupState: {},
    ...overrides,
  };
}

/** A signal aborted the way the dispatcher's timeout aborts it. */
export function timedOut(controller: AbortController): void {
  controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
}

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

/** What the receiver answers: a status and a body, or `hang` (never answers). */
export type Answer = { status: number; body?: string; headers?: Record<string, string> } | 'hang';

export interface Receiver {
  /** `http://127.0.0.1:PORT` */
  url: string;
  requests: Recorded[];
  /** Resolves when the next request has arrived (its body read). */
  next(): Promise<Recorded>;
}

/** Starts a receiver on 127.0.0.1, port 0, stopped after the test. */
export async function receiver(
  t: TestContext,
  answer: (req: Recorded) => Answer = () => ({ status: 200, body: 'ok' }),
): Promise<Receiver> {
  const requests: Recorded[] = [];
  const waiting: Array<(r: Recorded) => void> = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        json,
      };
      requests.push(recorded);
      waiting.shift()?.(recorded);
      const a = answer(recorded);
      if (a === 'hang') {
        hanging.push(res);
        return;
      }
      res.writeHead(a.status, a.headers ?? { 'content-type': 'text/plain' }).end(a.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    next: () => new Promise((resolve) => waiting.push(resolve)),
  };
}

/** A loopback port nothing listens on (taken, then released). */
export const closedPort: () => Promise<number> = freePort;
