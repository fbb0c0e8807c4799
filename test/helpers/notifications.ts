/**
 * Test helper for the notification integration tests: real receivers on loopback (an HTTP server
 * that records every request and answers as the test says, on a port that can be chosen ahead so
 * it can come up late; an SMTP server with STARTTLS and a password), a script that writes its
 * stdin to a file, and bounded waits on the delivery log and on what a receiver got.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { parseMail, type ParsedMail } from '../unit/daemon/monitoring/notifiers/mime.js';
import type { TestHome } from './home.js';
import { cliJson, cliOk, poll } from './monitoring.js';

/** One attempt in `monitoring --notifications --json`. */
export interface DeliveryJson {
  id: string;
  at: string;
  channel: string;
  groupKey: string;
  reason: string;
  attempt: number;
  outcome: 'sent' | 'failed' | 'retrying';
  detail: string | null;
  error: string | null;
  durationMs: number;
}

/** One request an HTTP receiver got. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON (undefined when it is not). */
  json: unknown;
}

/** What an HTTP receiver answers: a status (and body), or `hang` (never answers). */
export type Answer = { status: number; body?: string } | 'hang';

export interface HttpReceiver {
  port: number;
  /** `http://127.0.0.1:PORT` */
  url: string;
  requests: Received[];
  /** Stops listening (connections dropped). */
  close(): Promise<void>;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * Starts an HTTP receiver on 127.0.0.1 (`port`, or any free one), stopped after the test.
 * `answer` is asked for each request, with the requests so far (this one last).
 */
export async function httpReceiver(
  t: TestContext,
  options: { port?: number; answer?: (requests: readonly Received[]) => Answer } = {},
): Promise<HttpReceiver> {
  const requests: Received[] = [];
  const answer = options.answer ?? (() => ({ status: 200, body: 'ok' }));
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
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        json,
      });
      const a = answer(requests);
      if (a === 'hang') return;
      res.writeHead(a.status, { 'content-type': 'text/plain' }).end(a.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await closeServer(server);
  };
  t.after(close);
  const { port } = server.address() as AddressInfo;
  return { port, url: `http://127.0.0.1:${port}`, requests, close };
}

/** Waits until the receiver has at least `count` requests; resolves with all of them. */
export function waitForRequests(
  receiver: { requests: readonly unknown[] },
  count: number,
  what = `${count} request(s)`,
): Promise<unknown[]> {
  return poll(what, () =>
    Promise.resolve(receiver.requests.length >= count ? [...receiver.requests] : undefined),
  );
}

/** A mail the SMTP receiver accepted. */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** Whether the session was upgraded to TLS. */
  secure: boolean;
  user: string | undefined;
  raw: string;
  mail: ParsedMail;
}

/** Writes a certificate for 127.0.0.1 made by openssl into `dir` (the server's, and the client's CA). */
export function writeLoopbackCertificate(dir: string): { key: string; cert: string } {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
}

/** A loopback certificate for one test, removed after it. */
export async function loopbackCertificate(t: TestContext): Promise<{ key: string; cert: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'cb-cert-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return writeLoopbackCertificate(dir);
}

/**
 * A real SMTP server on 127.0.0.1 that offers STARTTLS and accepts `user` with `password` only
 * (PLAIN or LOGIN, after TLS); it keeps every mail it accepts.
 */
export async function smtpReceiver(
  t: TestContext,
  auth: { user: string; password: string; key: string; cert: string },
): Promise<{ port: number; mails: ReceivedMail[] }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    key: auth.key,
    cert: auth.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(given, _session, callback) {
      if (given.username === auth.user && given.password === auth.password)
        return callback(null, { user: auth.user });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          secure: session.secure,
          user: session.user as string | undefined,
          raw,
          mail: parseMail(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as AddressInfo).port, mails };
}

/**
 * A shell script that appends its stdin, then a line `---`, to `out` (in a folder removed after
 * the test). Resolves with the script's path, a reader of what it wrote (one entry per run) and
 * a bounded wait for a number of runs.
 */
export async function recordingScript(t: TestContext): Promise<{
  path: string;
  out: string;
  runs(): Promise<string[]>;
  waitForRuns(count: number): Promise<string[]>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'cb-cmd-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'notify.sh');
  const out = join(dir, 'notifications.out');
  await writeFile(path, '#!/bin/sh\ncat >> "$1"\necho --- >> "$1"\n');
  await chmod(path, 0o755);
  const runs = async (): Promise<string[]> => {
    let text = '';
    try {
      text = await readFile(out, 'utf8');
    } catch {
      return [];
    }
    return text.split('---\n').filter((s) => s !== '');
  };
  const waitForRuns = (count: number): Promise<string[]> =>
    poll(`${count} run(s) of ${path}`, async () => {
      const all = await runs();
      return all.length >= count ? all : undefined;
    });
  return { path, out, runs, waitForRuns };
}

/** `monitoring --notifications --json` (oldest first), of one channel or all. */
export async function deliveriesOf(home: TestHome, channel?: string): Promise<DeliveryJson[]> {
  const args = [
    'monitoring',
    '--notifications',
    '--limit',
    '1000',
    ...(channel === undefined ? [] : ['--channel', channel]),
  ];
  return (await cliJson<{ records: DeliveryJson[] }>(home, args)).records;
}

/** Polls the delivery log until `check` holds for it; resolves with the records then. */
export function waitForDeliveries(
  home: TestHome,
  what: string,
  check: (records: DeliveryJson[]) => boolean,
  channel?: string,
): Promise<DeliveryJson[]> {
  return poll(what, async () => {
    const records = await deliveriesOf(home, channel);
    return check(records) ? records : undefined;
  });
}

/**
 * Adds the route `default` to `channels`, with group_wait 0s and group_interval 1s so that
 * tests are quick (repeat as given, else the default 4h).
 */
/** `monitoring --add-channel <name> --type webhook --url <url>` and any further arguments. */
export async function addWebhookChannel(
  home: TestHome,
  name: string,
  url: string,
  extra: string[] = [],
): Promise<void> {
  await cliOk(home, [
    'monitoring',
    '--add-channel',
    name,
    '--type',
    'webhook',
    '--url',
    url,
    ...extra,
  ]);
}

export async function quickDefaultRoute(
  home: TestHome,
  channels: string[],
  extra: string[] = [],
): Promise<void> {
  await cliOk(home, [
    'monitoring',
    '--add-route',
    'default',
    ...channels.flatMap((c) => ['--channel', c]),
    '--group-wait',
    '0s',
    '--group-interval',
    '1s',
    ...extra,
  ]);
}

/** Every file under the home, as text (the store, the audit log, the daemon's logs). */
export async function filesUnder(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(path, await readFile(path, 'latin1'));
  }
  return out;
}
