import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { ManualClock } from '../../../../../daemon/clock.js';
import {
  createNotifier,
  validateChannel,
} from '../../../../../daemon/monitoring/notifiers/kinds.js';
import type { Notifier } from '../../../../../daemon/monitoring/notifiers/notification.js';
import {
  closedPort,
  notification,
  resolvedNotification,
  sendContext,
  timedOut,
} from './fixtures.js';
import { decodeWords, parseMail, type ParsedMail } from './mime.js';
import { writeLoopbackCertificate } from '../../../../helpers/notifications.js';

const PASSWORD = 'correct horse battery';
let dir = '';
let key = '';
let cert = '';

/** A certificate for 127.0.0.1, made for this run (the server's; the client trusts it as its CA). */
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-smtp-'));
  ({ key, cert } = writeLoopbackCertificate(dir));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Received {
  from: string;
  to: string[];
  secure: boolean;
  user: string | undefined;
  mail: ParsedMail;
}

/** A real SMTP server on 127.0.0.1, port 0, that keeps what it accepts. */
async function smtpServer(
  t: TestContext,
  options: SMTPServerOptions,
): Promise<{ port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          secure: session.secure,
          user: session.user as string | undefined,
          mail: parseMail(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as AddressInfo).port, received };
}

const BASE = {
  host: '127.0.0.1',
  from: 'Alerts <alerts@example.com>',
  to: ['ops@example.com', 'oncall@example.com'],
};
const email = (options: Record<string, unknown>, templates?: Record<string, string>): Notifier =>
  createNotifier(validateChannel({ type: 'email', options: { ...BASE, ...options }, templates }), {
    clock: new ManualClock(),
  });

const plainServer = (t: TestContext, extra: SMTPServerOptions = {}) =>
  smtpServer(t, { disabledCommands: ['STARTTLS', 'AUTH'], ...extra });
const tlsServer = (t: TestContext, extra: SMTPServerOptions = {}) =>
  smtpServer(t, {
    key,
    cert,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === 'alerts' && auth.password === PASSWORD)
        return callback(null, { user: 'alerts' });
      return callback(new Error('Invalid username or password'));
    },
    ...extra,
  });

describe('email channel', () => {
  test('through a relay without auth: envelope, headers, a text and an HTML part', async (t) => {
    const smtp = await plainServer(t);
    const result = await email({ port: smtp.port, secure: 'none' }).send(
      notification(),
      sendContext(),
    );
    assert.deepEqual(result, { detail: '250 OK: message queued' });
    const [got] = smtp.received;
    assert.equal(got?.from, 'alerts@example.com');
    assert.deepEqual(got?.to, ['ops@example.com', 'oncall@example.com']);
    assert.equal(got?.secure, false);
    const headers = got?.mail.headers;
    assert.equal(headers?.get('from'), 'Alerts <alerts@example.com>');
    assert.equal(headers?.get('to'), 'ops@example.com, oncall@example.com');
    assert.equal(headers?.get('subject'), '[firing:1] HighCpu (critical): CPU above 90% on web-1');
    assert.equal(headers?.get('date'), 'Thu, 01 Jan 2026 00:00:00 +0000');
    assert.equal(
      got?.mail.text,
      [
        'CPU above 90% on web-1',
        '',
        '[firing] HighCpu (critical) value 97.5, since 2026-01-01T00:00:00.000Z',
        '  CPU above 90% on web-1',
        '  Labels: alertname=HighCpu host=web-1 severity=critical',
        '  Rule: http://127.0.0.1:7070/#/alerts/HighCpu',
        '',
        'Dashboard: http://127.0.0.1:7070',
        '',
      ].join('\n'),
    );
    assert.match(
      got?.mail.html ?? '',
      /^<!doctype html>\n<html><body>\n<h2>\[firing\] HighCpu \(critical\)<\/h2>\n<p>CPU above 90% on web-1<\/p>\n/,
    );
    assert.match(
      got?.mail.html ?? '',
      /<td>alertname=HighCpu<br>host=web-1<br>severity=critical<br><\/td>/,
    );
  });

  test('STARTTLS with auth and custom templates; values HTML-escaped only in the HTML part', async (t) => {
    const smtp = await tlsServer(t);
    const channel = email(
      { port: smtp.port, secure: 'starttls', user: 'alerts', password: PASSWORD, ca: cert },
      {
        subject: '{{alertname}} on {{commonLabels.host}} — {{status}}',
        body: 'value {{value}}: {{summary}}',
        html: '<p>{{summary}}</p>',
      },
    );
    const n = resolvedNotification();
    n.commonAnnotations = { summary: 'load <high> & rising' };
    await channel.send(n, sendContext());
    const [got] = smtp.received;
    assert.equal(got?.secure, true);
    assert.equal(got?.user, 'alerts');
    assert.equal(
      decodeWords(got?.mail.headers.get('subject') ?? ''),
      'HighCpu on web-1 — resolved',
    );
    assert.equal(got?.mail.text, 'value 97.5: load <high> & rising');
    assert.equal(got?.mail.html, '<p>load &lt;high&gt; &amp; rising</p>');
  });

  test('implicit TLS', async (t) => {
    const smtp = await tlsServer(t, { secure: true });
    await email({
      port: smtp.port,
      secure: 'tls',
      user: 'alerts',
      password: PASSWORD,
      ca: cert,
    }).send(notification(), sendContext());
    assert.equal(smtp.received[0]?.secure, true);
    assert.equal(smtp.received[0]?.user, 'alerts');
  });

  test('a subject stays on one line', async (t) => {
    const smtp = await plainServer(t);
    await email({ port: smtp.port, secure: 'none' }, { subject: '{{summary}}' }).send(
      notification({ commonAnnotations: { summary: 'two\r\nlines\nBcc: x@evil.example' } }),
      sendContext(),
    );
    assert.equal(smtp.received[0]?.mail.headers.get('subject'), 'two lines Bcc: x@evil.example');
    assert.equal(smtp.received[0]?.mail.headers.has('bcc'), false);
  });

  test('a wrong password is a permanent failure that does not quote it', async (t) => {
    const smtp = await tlsServer(t);
    await assert.rejects(
      email({
        port: smtp.port,
        secure: 'starttls',
        user: 'alerts',
        password: 'wrong password!',
        ca: cert,
      }).send(notification(), sendContext()),
      {
        name: 'DeliveryError',
        message: `SMTP 127.0.0.1:${smtp.port}: Invalid login: 535 Invalid username or password`,
        retryable: false,
      },
    );
  });

  test('5xx replies are permanent, 4xx temporary', async (t) => {
    const rejecting = await plainServer(t, {
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
      },
    });
    await assert.rejects(
      email({ port: rejecting.port, secure: 'none' }).send(notification(), sendContext()),
      {
        message: `SMTP 127.0.0.1:${rejecting.port}: Can't send mail - all recipients were rejected: 550 No such user here`,
        retryable: false,
      },
    );
    const busy = await plainServer(t, {
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () =>
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 })),
        );
      },
    });
    await assert.rejects(
      email({ port: busy.port, secure: 'none' }).send(notification(), sendContext()),
      {
        message: `SMTP 127.0.0.1:${busy.port}: Message failed: 451 Try again later`,
        retryable: true,
      },
    );
  });

  test('a server that is down, or untrusted, or without STARTTLS is a failure', async (t) => {
    const port = await closedPort();
    await assert.rejects(email({ port, secure: 'none' }).send(notification(), sendContext()), {
      message: `SMTP 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
      retryable: true,
    });
    const untrusted = await tlsServer(t);
    await assert.rejects(
      email({ port: untrusted.port, secure: 'starttls', user: 'alerts', password: PASSWORD }).send(
        notification(),
        sendContext(),
      ),
      {
        message: `SMTP 127.0.0.1:${untrusted.port}: self-signed certificate`,
        retryable: true,
      },
    );
    const noTls = await plainServer(t);
    await assert.rejects(
      email({ port: noTls.port, secure: 'starttls' }).send(notification(), sendContext()),
      {
        message: `SMTP 127.0.0.1:${noTls.port}: Error upgrading connection with STARTTLS: 500 Error: command not recognized`,
        retryable: false,
      },
    );
    assert.equal(noTls.received.length, 0, 'nothing sent in clear when STARTTLS was required');
  });

  test('a server that never greets: the SMTP timeout, or the delivery’s abort', async (t) => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    t.after(() => {
      for (const s of sockets) s.destroy();
      silent.close();
    });
    const port = (silent.address() as AddressInfo).port;
    await assert.rejects(
      email({ port, secure: 'none' }).send(notification(), sendContext({ timeoutMs: 200 })),
      {
        // nodemailer's greeting timer and its socket timer race when the machine is busy.
        message: new RegExp(`^SMTP 127\\.0\\.0\\.1:${port}: (Greeting never received|Timeout)$`),
        retryable: true,
      },
    );
    const controller = new AbortController();
    const sending = email({ port, secure: 'none' }).send(
      notification(),
      sendContext({ signal: controller.signal, timeoutMs: 1000 }),
    );
    timedOut(controller);
    await assert.rejects(sending, { message: `SMTP 127.0.0.1:${port} timed out`, retryable: true });
    await assert.rejects(
      email({ port, secure: 'none' }).send(
        notification(),
        sendContext({ signal: AbortSignal.abort() }),
      ),
      {
        message: `SMTP 127.0.0.1:${port} was aborted`,
      },
    );
  });
});
