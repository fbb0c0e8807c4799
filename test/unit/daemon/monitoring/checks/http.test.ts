import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import { validateDefinition, type HttpCheckDefinition } from '../../../../../daemon/monitoring/checks/definition.js';
import { httpProbe, statusAccepted } from '../../../../../daemon/monitoring/checks/http.js';
import { CheckScheduler } from '../../../../../daemon/monitoring/checks/scheduler.js';
import { daysLeft } from '../../../../../daemon/monitoring/checks/tls-expiry.js';

const define = (target: string, extra: Record<string, unknown> = {}) => validateDefinition({ name: 'web', type: 'http', target, ...extra }) as HttpCheckDefinition;
const run = (def: HttpCheckDefinition, signal = AbortSignal.timeout(10_000)) => httpProbe(def).run(signal);

function routes(req: IncomingMessage, res: ServerResponse): void {
  switch (req.url) {
    case '/ok':
      res.end('all good');
      return;
    case '/fail':
      res.writeHead(500).end('oops');
      return;
    case '/slow':
      setTimeout(() => res.end('late'), 150);
      return;
    case '/echo':
      res.end(`${req.method} ${String(req.headers['x-probe'])}`);
      return;
    case '/big':
      res.end(`${'x'.repeat(2 * 1024 * 1024)}NEEDLE`);
      return;
    case '/hang':
      return; // never answers
    default:
      res.writeHead(404).end();
  }
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function shut(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('http checks against a local server', () => {
  const server = createServer(routes);
  let base = '';
  before(async () => {
    base = `http://${await listen(server)}`;
  });
  after(() => shut(server));

  test('any 200-399 passes by default', async () => {
    const result = await run(define(`${base}/ok`));
    assert.equal(result.ok, true);
    assert.match(result.detail, /^200 in [\d.]+ ms$/);
    assert.equal(result.warning, undefined);
  });

  test('a status outside the expected ones fails', async () => {
    assert.equal((await run(define(`${base}/fail`))).detail, 'status 500, expected 200-399');
    assert.equal((await run(define(`${base}/ok`, { expectStatus: 201 }))).detail, 'status 200, expected 201');
    assert.equal((await run(define(`${base}/nope`, { expectStatus: [200, 204] }))).detail, 'status 404, expected one of 200, 204');
    assert.equal((await run(define(`${base}/nope`, { expectStatus: [404] }))).ok, true);
  });

  test('body keyword and regex', async () => {
    const found = await run(define(`${base}/ok`, { expectBody: 'good' }));
    assert.equal(found.ok, true);
    assert.match(found.detail, /, body contains 'good'$/);
    const missing = await run(define(`${base}/ok`, { expectBody: 'healthy' }));
    assert.deepEqual([missing.ok, missing.detail], [false, "body does not contain 'healthy' (starts: 'all good')"]);
    assert.equal((await run(define(`${base}/ok`, { expectBodyRegex: '^all\\s+g' }))).ok, true);
    assert.equal((await run(define(`${base}/ok`, { expectBodyRegex: 'bad$' }))).detail, "body does not match /bad$/ (starts: 'all good')");
  });

  test('only the first 1 MiB of the body is searched', async () => {
    assert.equal((await run(define(`${base}/big`, { expectBody: 'NEEDLE' }))).ok, false);
  });

  test('method and headers are sent', async () => {
    const result = await run(define(`${base}/echo`, { headers: { 'X-Probe': 'yes' }, expectBody: 'GET yes' }));
    assert.equal(result.ok, true, result.detail);
    assert.equal((await run(define(`${base}/echo`, { method: 'HEAD' }))).ok, true);
  });

  test('slower than maxLatencyMs fails', async () => {
    const result = await run(define(`${base}/slow`, { maxLatencyMs: 50 }));
    assert.equal(result.ok, false);
    assert.match(result.detail, /^took \d+ ms, limit 50 ms$/);
    assert.ok(result.latencyMs >= 50);
  });

  test('a server that never answers is cut by the signal', async () => {
    const result = await run(define(`${base}/hang`), AbortSignal.timeout(200));
    assert.deepEqual([result.ok, result.detail], [false, 'timed out']);
  });

  test('under the scheduler a hang becomes "timed out after 200ms"', async () => {
    const scheduler = new CheckScheduler({ clock: new ManualClock() });
    scheduler.add(define(`${base}/hang`, { intervalMs: 1000, timeoutMs: 200 }));
    const result = await scheduler.runNow('web');
    assert.deepEqual([result.ok, result.detail], [false, 'timed out after 200ms']);
  });

  test('a refused connection fails with the socket error', async () => {
    const spare = createServer();
    const address = await listen(spare);
    await shut(spare);
    const result = await run(define(`http://${address}/`));
    assert.equal(result.ok, false);
    assert.match(result.detail, /^request failed: .*ECONNREFUSED/);
  });

  test('fetch is injectable', async () => {
    const calls: string[] = [];
    const probe = httpProbe(define('http://example.invalid/x', { headers: { A: 'b' } }), {
      fetch: async (url, init) => (calls.push(`${init.method} ${url} ${init.headers.A}`), { status: 204, statusText: '', body: null }),
      timer: () => 0,
    });
    assert.deepEqual(await probe.run(AbortSignal.timeout(1000)), { ok: true, detail: '204 in 0.0 ms', latencyMs: 0 });
    assert.deepEqual(calls, ['GET http://example.invalid/x b']);
  });
});

describe('http status and certificate helpers', () => {
  test('statusAccepted and daysLeft', () => {
    assert.equal(statusAccepted(399, undefined), true);
    assert.equal(statusAccepted(400, undefined), false);
    assert.equal(statusAccepted(418, [418]), true);
    assert.equal(daysLeft(new Date(Date.UTC(2026, 0, 31)), Date.UTC(2026, 0, 1)), 30);
    assert.equal(daysLeft(new Date(Date.UTC(2026, 0, 31)), Date.UTC(2026, 0, 1, 0, 0, 1)), 29);
    assert.equal(daysLeft(new Date(Date.UTC(2026, 0, 1)), Date.UTC(2026, 0, 2)), -1);
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('https checks and certificate expiry', { skip: !hasOpenssl() && 'openssl is not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'https-check-'));
  let server: Server;
  let base = '';
  before(async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '30', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, routes);
    base = `https://${await listen(server)}`;
  });
  after(async () => {
    await shut(server);
    rmSync(dir, { recursive: true, force: true });
  });

  test('a self-signed certificate is refused unless the check is insecure (rejectUnauthorized stays on by default)', async () => {
    const result = await run(define(`${base}/ok`));
    assert.equal(result.ok, false);
    assert.match(result.detail, /^request failed: self[- ]signed certificate.*; set insecure: true to accept a self-signed certificate$/);
  });

  test('insecure: passes and reports the days left', async () => {
    const result = await run(define(`${base}/ok`, { insecure: true, expectBody: 'good' }));
    assert.equal(result.ok, true, result.detail);
    assert.match(result.detail, /^200 in .* ms, body contains 'good', certificate valid for (29|30) more days$/);
    assert.equal(result.warning, undefined);
  });

  test('warns when fewer days are left than tlsMinDaysLeft', async () => {
    const result = await run(define(`${base}/ok`, { insecure: true, tlsMinDaysLeft: 60 }));
    assert.equal(result.ok, true);
    assert.match(result.warning ?? '', /^certificate expires in (29|30) days \(warn below 60\)$/);
  });

  test('an expired certificate fails, even when insecure', async () => {
    const clock = new ManualClock(Date.now() + 40 * 86_400_000);
    const result = await httpProbe(define(`${base}/ok`, { insecure: true }), { clock }).run(AbortSignal.timeout(10_000));
    assert.equal(result.ok, false);
    assert.match(result.detail, /^certificate expired (9|10) days ago$/);
  });
});
