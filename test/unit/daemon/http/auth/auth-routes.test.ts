import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { csrfTokenFor } from '../../../../../daemon/http/auth/csrf-token.js';
import { startTestServer, STRONG, type TestServer } from '../server/http-fixtures.js';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

function cookiesOf(headers: Record<string, string | string[] | undefined>): string[] {
  return (headers['set-cookie'] ?? []) as string[];
}

describe('login, logout and the session', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ loginPerMinute: () => 100 });
  });
  after(() => t.close());

  it('serves the login page without inline script or style', async () => {
    const page = await t.send('/login?next=%2Falerts');
    assert.equal(page.status, 200);
    assert.match(page.text, /<form method="post" action="\/login">/);
    assert.match(page.text, /name="next" value="\/alerts"/);
    assert.doesNotMatch(page.text, /<script|style=|onclick=/);
    const css = await t.send('/auth/login.css');
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
  });

  it('a form login sets both cookies and goes to a local next only', async () => {
    const ok = await t.send('/login', {
      method: 'POST',
      headers: form,
      body: `username=ada&password=${encodeURIComponent(STRONG)}&next=%2Falerts`,
    });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers['location'], '/alerts');
    const [session, csrf] = cookiesOf(ok.headers);
    assert.match(
      session ?? '',
      /^cb_session=cbs_[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; SameSite=Strict; HttpOnly$/,
    );
    assert.match(csrf ?? '', /^cb_csrf=[A-Za-z0-9_-]+; Path=\/; Max-Age=43200; SameSite=Strict$/);
    const offsite = await t.send('/login', {
      method: 'POST',
      headers: form,
      body: `username=ada&password=${encodeURIComponent(STRONG)}&next=%2F%2Fevil.example`,
    });
    assert.equal(offsite.headers['location'], '/');
  });

  it('a failed form login shows the page again with the reason (401); JSON gets the JSON error', async () => {
    const page = await t.send('/login', {
      method: 'POST',
      headers: form,
      body: 'username=ada&password=wrong',
    });
    assert.equal(page.status, 401);
    assert.match(page.text, /<p class="message" role="alert">invalid username or password<\/p>/);
    assert.match(page.text, /value="ada"/);
    const api = await t.send('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada' }),
    });
    assert.deepEqual(api.json(), {
      error: { code: 'INVALID_INPUT', message: 'password is required', field: 'password' },
    });
  });

  it('refuses a login posted from another origin', async () => {
    const reply = await t.send('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ username: 'ada', password: STRONG }),
    });
    assert.equal(reply.status, 403);
    assert.deepEqual(reply.json(), {
      error: {
        code: 'CSRF_REJECTED',
        message: 'login refused: origin https://evil.example is not allowed',
      },
    });
  });

  it('takes a form login a browser sent with Origin: null under no-referrer (Sec-Fetch-Site same-origin), not a cross-site one', async () => {
    const body = `username=ada&password=${encodeURIComponent(STRONG)}`;
    const host = `127.0.0.1:${t.port}`;
    const same = await t.send('/login', {
      method: 'POST',
      headers: { ...form, origin: 'null', 'sec-fetch-site': 'same-origin', host },
      body,
    });
    assert.equal(same.status, 303);
    const cross = await t.send('/login', {
      method: 'POST',
      headers: { ...form, origin: 'null', 'sec-fetch-site': 'cross-site', host },
      body,
    });
    assert.equal(cross.status, 403);
    assert.match(cross.text, /login refused: origin \(unparseable\) is not allowed/);
  });

  it('/api/v1/session gives the app its user, permissions and CSRF token', async () => {
    const uma = await t.login('uma');
    const reply = await t.send('/api/v1/session', { headers: { cookie: uma.cookie } });
    const body = reply.json() as Record<string, unknown>;
    assert.equal(body['username'], 'uma');
    assert.deepEqual(body['roles'], ['user']);
    assert.deepEqual(body['permissions'], [
      'api.access',
      'content.create',
      'content.read',
      'monitoring.read',
    ]);
    assert.equal(body['csrfToken'], uma.csrf);
    assert.equal(body['via'], 'cookie');
    const secret = /cb_session=([^;]+)/.exec(uma.cookie)?.[1] ?? '';
    const sessionId = t.core.security.sessions.list({ username: 'uma' }).at(-1)?.id ?? '';
    assert.equal(uma.csrf, csrfTokenFor(secret, sessionId));
  });

  it('logout revokes the session and clears the cookies', async () => {
    const uma = await t.login('uma');
    const out = await t.send('/logout', {
      method: 'POST',
      headers: { cookie: uma.cookie, origin: t.origin, 'x-csrf-token': uma.csrf },
    });
    assert.deepEqual(out.json(), { loggedOut: true });
    assert.deepEqual(cookiesOf(out.headers), [
      'cb_session=; Path=/; Max-Age=0; SameSite=Strict; HttpOnly',
      'cb_csrf=; Path=/; Max-Age=0; SameSite=Strict',
    ]);
    const after = await t.send('/api/v1/session', { headers: { cookie: uma.cookie } });
    assert.equal(after.status, 401);
    assert.deepEqual(after.json(), { error: { code: 'UNAUTHORISED', message: 'not logged in' } });
    const api = await t.send('/api/v1/probe', { headers: { cookie: uma.cookie } });
    assert.deepEqual(api.json(), {
      error: { code: 'TOKEN_REVOKED', message: 'session has been revoked' },
    });
  });

  it('an idle session ends: pages go to the login with expired=1, the API says TOKEN_EXPIRED', async () => {
    const uma = await t.login('uma');
    t.clock.advance(31 * 60_000);
    const page = await t.send('/page', { headers: { cookie: uma.cookie } });
    assert.equal(page.status, 303);
    assert.equal(page.headers['location'], '/login?next=%2Fpage&expired=1');
    assert.equal(
      cookiesOf(page.headers)[0],
      'cb_session=; Path=/; Max-Age=0; SameSite=Strict; HttpOnly',
    );
    const api = await t.send('/api/v1/probe', { headers: { cookie: uma.cookie } });
    assert.deepEqual(api.json(), {
      error: { code: 'TOKEN_EXPIRED', message: 'session has expired' },
    });
    const login = await t.send('/login?expired=1');
    assert.match(login.text, /Your session has ended\. Log in again\./);
  });

  it('a forged cookie counts as a failure of the address', async () => {
    const before = t.core.audit.recent().filter((e) => e.type === 'token.refused').length;
    const reply = await t.send('/api/v1/probe', {
      headers: { cookie: `cb_session=cbs_${'A'.repeat(43)}` },
    });
    assert.equal(reply.status, 401);
    assert.equal((reply.json() as { error: { code: string } }).error.code, 'TOKEN_SIGNATURE');
    const events = t.core.audit.recent().filter((e) => e.type === 'token.refused');
    assert.equal(events.length, before + 1);
    assert.deepEqual(events.at(-1)?.details['kind'], 'cookie');
  });
});

describe('login rate limit', () => {
  it('refuses the third login in a minute at 2/min with 429', async () => {
    const t = await startTestServer({ loginPerMinute: () => 2 });
    try {
      const attempt = () =>
        t.send('/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'ada', password: 'nope' }),
        });
      assert.equal((await attempt()).status, 401);
      assert.equal((await attempt()).status, 401);
      const third = await attempt();
      assert.equal(third.status, 429);
      assert.equal(third.headers['retry-after'], '30');
    } finally {
      await t.close();
    }
  });
});
