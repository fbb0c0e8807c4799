import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './load.js';

type Api = {
  setCsrfToken(token: string | null): void;
  get(path: string): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
  del(path: string): Promise<unknown>;
};
const a = await load<{
  ApiError: new (...args: unknown[]) => Error & { status: number; code: string; field?: string };
  readCookie(cookies: string, name: string): string | null;
  loginUrl(loc: { pathname: string; search: string }): string;
  createApi(deps: {
    fetch: (url: string, init: RequestInit) => Promise<Response>;
    cookies?: () => string;
    location: { pathname: string; search: string; assign(url: string): void };
  }): Api;
}>('api.js');

function harness(reply: Response) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const assigned: string[] = [];
  const api = a.createApi({
    fetch: async (url, init) => {
      calls.push({ url, init });
      return reply;
    },
    cookies: () => 'theme=dark; cb_csrf=tok%2Ben; other=1',
    location: { pathname: '/metrics/x', search: '?range=6h', assign: (u) => assigned.push(u) },
  });
  return { api, calls, assigned };
}

test('cookies are read by name and decoded', () => {
  assert.equal(a.readCookie('a=1; cb_csrf=abc; b=2', 'cb_csrf'), 'abc');
  assert.equal(a.readCookie('cb_csrf=a%20b', 'cb_csrf'), 'a b');
  assert.equal(a.readCookie('x_cb_csrf=1', 'cb_csrf'), null);
  assert.equal(a.readCookie('', 'cb_csrf'), null);
  assert.equal(a.readCookie('cb_csrf=%E0%A4%A', 'cb_csrf'), '%E0%A4%A');
});

test('a GET sends no CSRF header and returns the JSON', async () => {
  const h = harness(new Response('{"status":"healthy"}', { status: 200 }));
  assert.deepEqual(await h.api.get('/api/v1/health'), { status: 'healthy' });
  assert.equal(h.calls[0]?.url, '/api/v1/health');
  assert.deepEqual(h.calls[0]?.init.headers, { Accept: 'application/json' });
  assert.equal(h.calls[0]?.init.method, 'GET');
  assert.equal(h.calls[0]?.init.credentials, 'same-origin');
});

test('a POST or DELETE sends the cb_csrf cookie as X-CSRF-Token, and JSON', async () => {
  const h = harness(new Response('{"ack":{}}', { status: 200 }));
  await h.api.post('/api/v1/alerts/a1/ack', { comment: 'on it' });
  assert.deepEqual(h.calls[0]?.init.headers, {
    Accept: 'application/json',
    'X-CSRF-Token': 'tok+en',
    'Content-Type': 'application/json',
  });
  assert.equal(h.calls[0]?.init.body, '{"comment":"on it"}');
  const d = harness(new Response('', { status: 200 }));
  assert.equal(await d.api.del('/api/v1/silences/s1'), null);
  assert.deepEqual(d.calls[0]?.init.headers, {
    Accept: 'application/json',
    'X-CSRF-Token': 'tok+en',
  });
});

test('a 401 sends the browser to the login page with the way back', async () => {
  const h = harness(
    new Response('{"error":{"code":"UNAUTHORISED","message":"x"}}', { status: 401 }),
  );
  await assert.rejects(h.api.get('/api/v1/health'), {
    name: 'ApiError',
    status: 401,
    code: 'UNAUTHORISED',
  });
  assert.deepEqual(h.assigned, ['/login?next=%2Fmetrics%2Fx%3Frange%3D6h']);
});

test('an error reply becomes an ApiError with its code, message and field', async () => {
  const h = harness(
    new Response(
      '{"error":{"code":"INVALID_INPUT","message":"\\"range\\" must be one of 15m","field":"range"}}',
      {
        status: 400,
      },
    ),
  );
  await assert.rejects(h.api.get('/api/v1/metrics/x?range=2h'), {
    name: 'ApiError',
    status: 400,
    code: 'INVALID_INPUT',
    message: '"range" must be one of 15m',
    field: 'range',
  });
  const g = harness(new Response('<html>bad gateway</html>', { status: 502 }));
  await assert.rejects(g.api.get('/api/v1/health'), {
    status: 502,
    code: 'HTTP_502',
    message: 'the server answered 502',
  });
  assert.deepEqual(g.assigned, []);
});

test("without a readable cb_csrf cookie, the session reply's token is sent", async () => {
  const calls: RequestInit[] = [];
  const api = a.createApi({
    fetch: async (_url, init) => (calls.push(init), new Response('{}')),
    cookies: () => 'theme=dark',
    location: { pathname: '/', search: '', assign: () => {} },
  });
  await api.post('/api/v1/silences', {});
  assert.equal((calls[0]?.headers as Record<string, string>)['X-CSRF-Token'], undefined);
  api.setCsrfToken('from-session');
  await api.post('/api/v1/silences', {});
  assert.equal((calls[1]?.headers as Record<string, string>)['X-CSRF-Token'], 'from-session');
});
