/**
 * The web server of the real daemon over real HTTP: the middleware chain (headers, 401, 403, CSRF,
 * blacklist, threats with their events, the body limit), login and logout, /healthz and /metrics,
 * `monitoring --web` and `daemon status`, a live move to a network address, and a brute-force
 * login sequence from a non-loopback address ending in a ban.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { after, before, describe, it } from 'node:test';
import type { TestHome } from '../helpers/home.js';
import { parseJson } from '../helpers/integration.js';
import {
  adminHome,
  createUser,
  login,
  ok,
  okJson,
  PASSWORDS,
  storedLogin,
  WRONG_PASSWORD,
} from '../helpers/security.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function send(
  url: string,
  path: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    localAddress?: string;
  } = {},
): Promise<Reply> {
  const base = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: base.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        agent: false,
        ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const errorOf = (reply: Reply): { code: string; message: string } =>
  (JSON.parse(reply.text) as { error: { code: string; message: string } }).error;
const JSON_TYPE = { 'content-type': 'application/json' };

async function webUrl(home: TestHome): Promise<string> {
  const web = await okJson<{ url: string; enabled: boolean }>(home, ['monitoring', '--web']);
  assert.equal(web.enabled, true);
  return web.url;
}

async function httpLogin(
  url: string,
  username: string,
  password: string,
): Promise<{ cookie: string; csrf: string }> {
  const origin = new URL(url).origin;
  const reply = await send(url, '/login', {
    method: 'POST',
    headers: { ...JSON_TYPE, origin },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(reply.status, 200, reply.text);
  const cookie = ((reply.headers['set-cookie'] ?? []) as string[])
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: (JSON.parse(reply.text) as { csrfToken: string }).csrfToken };
}

describe('the web server of the real daemon', () => {
  let home: TestHome;
  let url: string;
  let origin: string;
  let serviceToken: string;
  before(async () => {
    home = await adminHome();
    await createUser(home, 'bob', PASSWORDS.bob, ['guest']);
    await createUser(home, 'dave', PASSWORDS.dave, ['service']);
    await login(home, 'dave', PASSWORDS.dave);
    serviceToken = (await storedLogin(home)).accessToken;
    await login(home, 'ada', PASSWORDS.ada);
    url = await webUrl(home);
    origin = new URL(url).origin;
  });
  after(() => home.cleanup());

  it('monitoring --web and daemon status name the URL (a free port: the tests set CLICKUP_BRAIN_HTTP_PORT=0)', async () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.notEqual(new URL(url).port, '8080');
    assert.equal(await ok(home, ['monitoring', '--web']), `${url}\n`);
    const status = await okJson<{ web: { state: string; url: string } }>(home, [
      'daemon',
      'status',
    ]);
    assert.deepEqual(status.web, { state: 'listening', url, reason: null });
    assert.match(
      await ok(home, ['daemon', 'status']),
      new RegExp(`web +${url.replace(/[.]/g, '\\.')}`),
    );
  });

  it('answers /healthz minimally, with the security headers', async () => {
    const reply = await send(url, '/healthz');
    assert.equal(reply.status, 200);
    assert.equal(reply.text, '{"status":"ok"}\n');
    assert.match(
      String(reply.headers['content-security-policy']),
      /script-src 'self'; style-src 'self'/,
    );
    assert.match(String(reply.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(reply.headers['x-content-type-options'], 'nosniff');
    assert.equal(reply.headers['referrer-policy'], 'no-referrer');
  });

  it('refuses the API without credentials (401) and with the wrong role (403)', async () => {
    const anonymous = await send(url, '/api/v1/health');
    assert.equal(anonymous.status, 401);
    assert.equal(errorOf(anonymous).code, 'UNAUTHORISED');
    const bob = await httpLogin(url, 'bob', PASSWORDS.bob);
    const guest = await send(url, '/api/v1/health', { headers: { cookie: bob.cookie } });
    assert.equal(guest.status, 403);
    assert.deepEqual(errorOf(guest), {
      code: 'FORBIDDEN',
      message: 'bob may not do this: it needs monitoring.read',
    });
    const service = await send(url, '/api/v1/health', {
      headers: { authorization: `Bearer ${serviceToken}` },
    });
    assert.equal(service.status, 200, service.text);
  });

  it('refuses a cookie POST without the CSRF token or from another origin (403)', async () => {
    const ada = await httpLogin(url, 'ada', PASSWORDS.ada);
    const missing = await send(url, '/logout', {
      method: 'POST',
      headers: { cookie: ada.cookie, origin },
    });
    assert.equal(missing.status, 403);
    assert.equal(errorOf(missing).code, 'CSRF_REJECTED');
    const foreign = await send(url, '/logout', {
      method: 'POST',
      headers: { cookie: ada.cookie, origin: 'https://evil.example', 'x-csrf-token': ada.csrf },
    });
    assert.equal(foreign.status, 403);
    assert.deepEqual(errorOf(foreign), {
      code: 'CSRF_REJECTED',
      message: 'request refused: origin https://evil.example is not allowed',
    });
    const events = parseJson<{ events: Array<{ type: string }> }>(
      await ok(home, ['security', '--events', '--type', 'csrf.refused', '--json']),
    );
    assert.equal(events.events.length >= 2, true);
  });

  it('logs in and out; a revoked session is refused', async () => {
    const ada = await httpLogin(url, 'ada', PASSWORDS.ada);
    const session = await send(url, '/api/v1/session', { headers: { cookie: ada.cookie } });
    assert.equal(session.status, 200);
    assert.equal((JSON.parse(session.text) as { username: string }).username, 'ada');
    const out = await send(url, '/logout', {
      method: 'POST',
      headers: { cookie: ada.cookie, origin, 'x-csrf-token': ada.csrf },
    });
    assert.equal(out.status, 200);
    const afterLogout = await send(url, '/api/v1/health', { headers: { cookie: ada.cookie } });
    assert.equal(afterLogout.status, 401);
    assert.equal(errorOf(afterLogout).code, 'TOKEN_REVOKED');
  });

  it('refuses SQL injection in the query and XSS in the body with 400 and a threat event', async () => {
    const sqli = await send(
      url,
      `/api/v1/health?filter=${encodeURIComponent("x' OR '1'='1' --")}`,
      {
        headers: { authorization: `Bearer ${serviceToken}` },
      },
    );
    assert.equal(sqli.status, 400);
    assert.equal(errorOf(sqli).code, 'THREAT_DETECTED');
    const xss = await send(url, '/login', {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({ username: '<img src=x onerror=alert(1)>', password: 'x' }),
    });
    assert.equal(xss.status, 400);
    assert.equal(errorOf(xss).code, 'THREAT_DETECTED');
    const events = parseJson<{
      events: Array<{ ip: string; details: { source: string; threat: string } }>;
    }>(await ok(home, ['security', '--events', '--type', 'threat.detected', '--json']));
    const http = events.events.filter((e) => e.details.source === 'http');
    assert.deepEqual(http.map((e) => e.details.threat).sort(), ['sqli', 'xss']);
    assert.ok(http.every((e) => e.ip === '127.0.0.1'));
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const reply = await send(url, '/login', {
      method: 'POST',
      headers: JSON_TYPE,
      body: Buffer.alloc(1_100_000, 0x20),
    });
    assert.equal(reply.status, 413);
    assert.equal(errorOf(reply).code, 'PAYLOAD_TOO_LARGE');
  });

  it('serves /metrics to loopback in the Prometheus text format', async () => {
    const reply = await send(url, '/metrics');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.match(reply.text, /^# HELP /m);
  });

  it('refuses a blacklisted address (a second loopback address as the client)', async () => {
    await ok(home, ['security', '--blacklist', '127.0.0.2', '--reason', 'test']);
    const reply = await send(url, '/healthz', { localAddress: '127.0.0.2' });
    assert.equal(reply.status, 403);
    assert.deepEqual(errorOf(reply), {
      code: 'IP_BANNED',
      message: 'address 127.0.0.2 is blocked (blacklist)',
    });
    assert.equal((await send(url, '/healthz')).status, 200);
    await ok(home, ['security', '--unblacklist', '127.0.0.2']);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)?.address;

  it(
    'moves to a network address live; /metrics there needs a token; five failed logins ban the address',
    { skip: external === undefined ? 'no non-loopback IPv4 address on this machine' : false },
    async () => {
      await ok(home, ['config', 'set', 'http.host', '0.0.0.0']);
      // Refused without TLS until explicitly allowed.
      const refused = await home.cli(['monitoring', '--web', '--json']);
      assert.equal(refused.code, 1);
      assert.match(refused.stdout, /refusing plain HTTP on 0\.0\.0\.0/);
      await ok(home, ['config', 'set', 'http.allowInsecurePublic', 'on']);
      const moved = await webUrl(home);
      const remote = `http://${external as string}:${new URL(moved).port}/`;
      const metrics = await send(remote, '/metrics');
      assert.equal(metrics.status, 401);
      const withToken = await send(remote, '/metrics', {
        headers: { authorization: `Bearer ${serviceToken}` },
      });
      assert.equal(withToken.status, 200);
      const attempt = () =>
        send(remote, '/login', {
          method: 'POST',
          headers: JSON_TYPE,
          body: JSON.stringify({ username: 'ada', password: WRONG_PASSWORD }),
        });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await attempt()).status);
      assert.deepEqual(statuses, [401, 401, 401, 401, 401]);
      const banned = await send(remote, '/healthz');
      assert.equal(banned.status, 403);
      assert.deepEqual(errorOf(banned), {
        code: 'IP_BANNED',
        message: `address ${external as string} is blocked (automatic ban)`,
      });
      const list = parseJson<{ entries: Array<{ target: string; source: string }> }>(
        await ok(home, ['security', '--blacklist', '--json']),
      );
      assert.ok(list.entries.some((e) => e.target === external && e.source === 'auto'));
      // Loopback is never banned automatically and still gets in.
      assert.equal((await send(moved, '/healthz')).status, 200);
    },
  );
});
