import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../../../../daemon/http/server/security-headers.js';
import { startTestServer, STRONG, type TestServer } from './http-fixtures.js';

const json = { 'content-type': 'application/json' };

describe('the request pipeline', () => {
  let t: TestServer;
  let ada: { cookie: string; csrf: string };
  let gus: { cookie: string; csrf: string };
  let samToken: string;
  before(async () => {
    t = await startTestServer();
    ada = await t.login('ada');
    gus = await t.login('gus');
    samToken = (await t.core.security.auth.login('sam', STRONG)).accessToken;
  });
  after(() => t.close());

  it('puts the security headers on every answer, errors included (no HSTS over plain HTTP)', async () => {
    for (const path of ['/healthz', '/api/v1/probe', '/nope', '/login']) {
      const reply = await t.send(path);
      assert.equal(reply.headers['content-security-policy'], CONTENT_SECURITY_POLICY, path);
      assert.equal(reply.headers['x-content-type-options'], 'nosniff');
      assert.equal(reply.headers['referrer-policy'], 'no-referrer');
      assert.equal(reply.headers['x-frame-options'], 'DENY');
      assert.equal(reply.headers['strict-transport-security'], undefined);
    }
  });

  it('refuses the API without credentials (401) and sends a page to the login', async () => {
    const api = await t.send('/api/v1/probe');
    assert.equal(api.status, 401);
    assert.deepEqual(api.json(), {
      error: { code: 'UNAUTHORISED', message: 'log in first: this needs monitoring.read' },
    });
    const page = await t.send('/page?x=1');
    assert.equal(page.status, 303);
    assert.equal(page.headers['location'], '/login?next=%2Fpage%3Fx%3D1');
  });

  it('checks the route permission against the role (403 naming it)', async () => {
    const guest = await t.send('/api/v1/probe', { headers: { cookie: gus.cookie } });
    assert.equal(guest.status, 403);
    assert.deepEqual(guest.json(), {
      error: { code: 'FORBIDDEN', message: 'gus may not do this: it needs monitoring.read' },
    });
    const admin = await t.send('/api/v1/probe?q=hello', { headers: { cookie: ada.cookie } });
    assert.equal(admin.status, 200);
    assert.deepEqual(admin.json(), { user: 'ada', query: 'hello' });
  });

  it('takes a bearer token; a malformed Authorization header is 401', async () => {
    const ok = await t.send('/api/v1/probe', { headers: { authorization: `Bearer ${samToken}` } });
    assert.deepEqual(ok.json(), { user: 'sam', query: null });
    const basic = await t.send('/api/v1/probe', { headers: { authorization: 'Basic YTpi' } });
    assert.equal(basic.status, 401);
    assert.deepEqual(basic.json(), {
      error: {
        code: 'UNAUTHORISED',
        message: 'the Authorization header must be "Bearer <access token>"',
      },
    });
    const forged = await t.send('/api/v1/probe', {
      headers: { authorization: 'Bearer abc.def.ghi' },
    });
    assert.equal(forged.status, 401);
    assert.equal((forged.json() as { error: { code: string } }).error.code, 'TOKEN_MALFORMED');
  });

  it('refuses a bearer token on the very next request once its session is revoked or its user disabled', async () => {
    const probe = (token: string) =>
      t.send('/api/v1/probe', { headers: { authorization: `Bearer ${token}` } });
    const first = await t.core.security.auth.login('uma', STRONG);
    assert.equal((await probe(first.accessToken)).status, 200);
    assert.equal((await probe(first.accessToken)).status, 200);
    await t.core.security.auth.logout(first.session.id, 'uma');
    const revoked = await probe(first.accessToken);
    assert.equal(revoked.status, 401);
    assert.deepEqual(revoked.json(), {
      error: { code: 'TOKEN_REVOKED', message: 'token belongs to a session that has ended' },
    });
    const second = await t.core.security.auth.login('uma', STRONG);
    assert.equal((await probe(second.accessToken)).status, 200);
    // On the record only, so that the user check is what refuses (setStatus also ends sessions).
    await t.core.security.users.update('uma', () => ({ status: 'disabled' }));
    const disabled = await probe(second.accessToken);
    assert.equal(disabled.status, 401);
    assert.deepEqual(disabled.json(), {
      error: { code: 'TOKEN_REVOKED', message: "the token's user can no longer log in" },
    });
    await t.core.security.users.update('uma', () => ({ status: 'active' }));
    assert.equal((await probe(second.accessToken)).status, 200);
  });

  it('checks CSRF on cookie POSTs: same origin and the session token; bearer requests are exempt', async () => {
    const body = JSON.stringify({ n: 1 });
    const post = (headers: Record<string, string>) =>
      t.send('/api/v1/probe', { method: 'POST', headers: { ...json, ...headers }, body });
    const noToken = await post({ cookie: ada.cookie, origin: t.origin });
    assert.equal(noToken.status, 403);
    assert.deepEqual(noToken.json(), {
      error: {
        code: 'CSRF_REJECTED',
        message: 'request refused: state-changing request without a CSRF token',
      },
    });
    const foreign = await post({
      cookie: ada.cookie,
      origin: 'https://evil.example',
      'x-csrf-token': ada.csrf,
    });
    assert.equal(foreign.status, 403);
    assert.deepEqual(foreign.json(), {
      error: {
        code: 'CSRF_REJECTED',
        message: 'request refused: origin https://evil.example is not allowed',
      },
    });
    const noOrigin = await post({ cookie: ada.cookie, 'x-csrf-token': ada.csrf });
    assert.equal(noOrigin.status, 403);
    const otherSession = await post({
      cookie: ada.cookie,
      origin: t.origin,
      'x-csrf-token': gus.csrf,
    });
    assert.equal(otherSession.status, 403);
    const ok = await post({ cookie: ada.cookie, origin: t.origin, 'x-csrf-token': ada.csrf });
    assert.equal(ok.status, 201);
    assert.deepEqual(ok.json(), { body: { n: 1 }, health: true });
    assert.deepEqual(t.calls.at(-1), { method: 'daemon.ping', params: {}, principal: 'ada' });
    const bearer = await post({ authorization: `Bearer ${samToken}` });
    assert.equal(bearer.status, 201);
    const refusals = t.core.audit.recent().filter((e) => e.type === 'csrf.refused');
    assert.equal(refusals.length, 4);
  });

  it('refuses SQL injection in the query and XSS in the body with 400 and a security event', async () => {
    const before = t.core.audit.recent().filter((e) => e.type === 'threat.detected').length;
    const sqli = await t.send(`/api/v1/probe?q=${encodeURIComponent("1' OR '1'='1")}`, {
      headers: { cookie: ada.cookie },
    });
    assert.equal(sqli.status, 400);
    assert.deepEqual(sqli.json(), {
      error: {
        code: 'THREAT_DETECTED',
        message: 'request refused: possible sqli in query.q[0]',
        field: 'query.q[0]',
      },
    });
    const xss = await t.send('/api/v1/probe', {
      method: 'POST',
      headers: { ...json, cookie: ada.cookie, origin: t.origin, 'x-csrf-token': ada.csrf },
      body: JSON.stringify({ note: '<script>alert(1)</script>' }),
    });
    assert.equal(xss.status, 400);
    assert.equal((xss.json() as { error: { code: string } }).error.code, 'THREAT_DETECTED');
    const ua = await t.send('/healthz', {
      headers: { 'user-agent': "x' UNION SELECT password FROM users --" },
    });
    assert.equal(ua.status, 400);
    const events = t.core.audit.recent().filter((e) => e.type === 'threat.detected');
    assert.equal(events.length, before + 3);
    assert.equal(events.at(-3)?.ip, '127.0.0.1');
    assert.equal(events.at(-3)?.details['source'], 'http');
  });

  it("gives handlers the request's headers read-only, one string each", async () => {
    const plain = await t.send('/api/v1/headers', { headers: { 'user-agent': 'probe/2' } });
    assert.deepEqual(plain.json(), {
      frozen: true,
      changed: false,
      userAgent: 'probe/2',
      setCookie: null,
    });
    const repeated = await t.send('/api/v1/headers', { headers: { 'set-cookie': ['a=1', 'b=2'] } });
    assert.deepEqual(repeated.json(), {
      frozen: true,
      changed: false,
      userAgent: null,
      setCookie: 'a=1, b=2',
    });
  });

  it('screens repeated Set-Cookie request headers joined, as one value', async () => {
    const reply = await t.send('/healthz', {
      headers: { 'set-cookie': ['a=1', "b=x' UNION SELECT password FROM users --"] },
    });
    assert.equal(reply.status, 400);
    assert.deepEqual(reply.json(), {
      error: {
        code: 'THREAT_DETECTED',
        message: 'request refused: possible sqli in headers.set-cookie',
        field: 'headers.set-cookie',
      },
    });
  });

  it('screens a repeated clean request once, and a repeated attack every time (each one an event)', async () => {
    const screen = t.core.security.screen;
    const original = screen.screenNow.bind(screen);
    let screened = 0;
    screen.screenNow = (request, meta) => {
      screened++;
      return original(request, meta);
    };
    try {
      const clean = { headers: { cookie: ada.cookie, 'user-agent': 'probe/1.0 (repeat)' } };
      for (let i = 0; i < 3; i++)
        assert.equal((await t.send('/api/v1/probe?q=repeat', clean)).status, 200);
      assert.equal(screened, 1, 'the same path, query and headers: screened once');
      assert.equal((await t.send('/api/v1/probe?q=other', clean)).status, 200);
      assert.equal(screened, 2, 'another query is screened');
      const before = t.core.audit.recent().filter((e) => e.type === 'threat.detected').length;
      const attack = { headers: { 'user-agent': "x' UNION SELECT password FROM users --" } };
      for (let i = 0; i < 2; i++) assert.equal((await t.send('/healthz', attack)).status, 400);
      assert.equal(screened, 4, 'an attack is screened every time');
      const after = t.core.audit.recent().filter((e) => e.type === 'threat.detected').length;
      assert.equal(after, before + 2);
    } finally {
      screen.screenNow = original;
    }
  });

  it('routes: literal before parameter, encoded slash stays in the parameter, 405 with Allow, HEAD, 404s', async () => {
    const h = { headers: { cookie: ada.cookie } };
    assert.deepEqual((await t.send('/api/v1/probe/fixed', h)).json(), { fixed: true });
    assert.deepEqual((await t.send('/api/v1/probe/10.0.0.0%2F8', h)).json(), {
      name: '10.0.0.0/8',
    });
    assert.deepEqual((await t.send('//api/v1//probe/x/', h)).json(), { name: 'x' });
    const wrong = await t.send('/api/v1/probe', { method: 'DELETE', ...h });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers['allow'], 'GET, HEAD, POST');
    const head = await t.send('/healthz', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
    assert.equal(head.headers['content-length'], '16');
    const api404 = await t.send('/api/v1/nothing');
    assert.deepEqual(api404.json(), {
      error: { code: 'NOT_FOUND', message: 'no page or API route at /api/v1/nothing' },
    });
    const page404 = await t.send('/nothing', { headers: { accept: 'text/html' } });
    assert.equal(page404.status, 404);
    assert.match(String(page404.headers['content-type']), /^text\/html/);
    assert.match(page404.text, /<h1>Not found<\/h1>/);
    assert.doesNotMatch(page404.text, /<script|style=/);
    const bad = await t.send('/api/v1/probe/%zz', h);
    assert.deepEqual(bad.json(), {
      error: {
        code: 'INVALID_INPUT',
        message: 'request path has a malformed %-escape',
        field: 'path',
      },
    });
  });

  it('limits bodies: 413 over 1 MiB, 415 for other media types, 400 for bad JSON', async () => {
    const h = { cookie: ada.cookie, origin: t.origin, 'x-csrf-token': ada.csrf };
    const big = await t.send('/api/v1/probe', {
      method: 'POST',
      headers: { ...json, ...h },
      body: Buffer.alloc(1_048_577, 0x61),
    });
    assert.equal(big.status, 413);
    assert.deepEqual(big.json(), {
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'request body is larger than 1048576 bytes' },
    });
    const text = await t.send('/api/v1/probe', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...h },
      body: 'hi',
    });
    assert.equal(text.status, 415);
    const broken = await t.send('/api/v1/probe', {
      method: 'POST',
      headers: { ...json, ...h },
      body: '{',
    });
    assert.deepEqual(broken.json(), {
      error: { code: 'INVALID_INPUT', message: 'request body is not valid JSON', field: 'body' },
    });
  });

  it('maps errors: a coded error keeps its code, anything else is 500 INTERNAL without details', async () => {
    const conflict = await t.send('/api/v1/conflict');
    assert.equal(conflict.status, 409);
    assert.deepEqual(conflict.json(), { error: { code: 'CONFLICT', message: 'already there' } });
    const crash = await t.send('/api/v1/crash');
    assert.equal(crash.status, 500);
    assert.deepEqual(crash.json(), {
      error: { code: 'INTERNAL', message: 'internal error (see the daemon log)' },
    });
  });

  it('streams Server-Sent Events', async () => {
    const reply = await new Promise<{ type: string | undefined; first: string }>(
      (resolve, reject) => {
        import('node:http').then(({ get }) => {
          const req = get(
            {
              host: '127.0.0.1',
              port: t.port,
              path: '/api/v1/events',
              headers: { cookie: ada.cookie },
              agent: false,
            },
            (res) => {
              let text = '';
              res.on('data', (chunk: Buffer) => {
                text += chunk.toString('utf8');
                if (!text.includes('event: hello\ndata: {"n":1}\n\n')) return;
                resolve({ type: res.headers['content-type'], first: text });
                req.destroy();
              });
            },
          );
          req.on('error', reject);
        }, reject);
      },
    );
    assert.equal(reply.type, 'text/event-stream; charset=utf-8');
    assert.equal(reply.first, 'retry: 5000\n\nevent: hello\ndata: {"n":1}\n\n');
  });

  it('/healthz is minimal; /metrics serves Prometheus text to loopback', async () => {
    const health = await t.send('/healthz');
    assert.deepEqual(health.json(), { status: 'ok' });
    const metrics = await t.send('/metrics');
    assert.equal(metrics.status, 200);
    assert.equal(metrics.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
  });

  it('refuses a blacklisted address before anything else (403 IP_BANNED)', async () => {
    await t.core.blacklist.add('127.0.0.1', { actor: 'test', reason: 'test' });
    try {
      const reply = await t.send('/healthz');
      assert.equal(reply.status, 403);
      assert.deepEqual(reply.json(), {
        error: { code: 'IP_BANNED', message: 'address 127.0.0.1 is blocked (blacklist)' },
      });
    } finally {
      await t.core.blacklist.remove('127.0.0.1', 'test');
    }
  });
});

describe('rate limits and /metrics access', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ rateLimitPerSecond: () => 1, metricsAllow: () => [] });
  });
  after(() => t.close());

  it('refuses the sixth API request in a burst of 1/s (burst 5) with 429 and Retry-After', async () => {
    const replies = [];
    for (let i = 0; i < 6; i += 1) replies.push(await t.send('/api/v1/conflict'));
    assert.deepEqual(
      replies.map((r) => r.status),
      [409, 409, 409, 409, 409, 429],
    );
    assert.equal(replies[5]?.headers['retry-after'], '1');
    assert.deepEqual(replies[5]?.json(), {
      error: { code: 'RATE_LIMITED', message: 'too many requests from this address; retry in 1 s' },
    });
    t.clock.advance(1000);
    assert.equal((await t.send('/api/v1/conflict')).status, 409);
    // Probes are not limited.
    assert.equal((await t.send('/healthz')).status, 200);
  });

  it('/metrics needs a token with monitoring.read when the address is not allowed', async () => {
    const none = await t.send('/metrics');
    assert.equal(none.status, 401);
    const gus = (await t.core.security.auth.login('gus', STRONG)).accessToken;
    const guest = await t.send('/metrics', { headers: { authorization: `Bearer ${gus}` } });
    assert.equal(guest.status, 403);
    assert.deepEqual(guest.json(), {
      error: { code: 'FORBIDDEN', message: 'gus may not read metrics: it needs monitoring.read' },
    });
    const sam = (await t.core.security.auth.login('sam', STRONG)).accessToken;
    assert.equal(
      (await t.send('/metrics', { headers: { authorization: `Bearer ${sam}` } })).status,
      200,
    );
  });
});
