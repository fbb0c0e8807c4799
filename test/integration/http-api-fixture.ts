/**
 * Fixture of the /api/v1 integration tests: one real daemon serving HTTP on a free port, users of
 * every role (bearer tokens from the socket's security.login, and cookie sessions from POST
 * /login), and a small fetch wrapper that speaks as one of them.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempHome, type TestHome } from '../helpers/home.js';
import { callOk, waitFor } from '../helpers/integration.js';
import { cliJson, cliOk } from '../helpers/monitoring.js';
import { rawHello } from '../helpers/raw-socket.js';
import { createUser, login, PASSWORDS } from '../helpers/security.js';

/** The users, by role: admin, user, service, moderator, guest (and a spare user to unlock). */
export const USERS = {
  ada: ['admin'],
  uma: ['user'],
  sam: ['service'],
  mona: ['moderator'],
  gus: ['guest'],
  lou: ['user'],
} as const;
export type UserName = keyof typeof USERS;

const PASSWORD: Record<UserName, string> = {
  ada: PASSWORDS.ada,
  uma: PASSWORDS.bob,
  sam: PASSWORDS.carol,
  mona: PASSWORDS.dave,
  gus: 'quartz-meadow-lantern-31',
  lou: 'pepper-harbor-violin-48',
};

/** A browser-like login: the cookie header to send and the CSRF token. */
export interface CookieSession {
  cookie: string;
  csrf: string;
}

/** Who sends a request: a bearer token, a cookie session (with or without its CSRF token), or nobody. */
export type As = { token: string } | { session: CookieSession; csrf: boolean } | { nobody: true };

export interface Reply {
  status: number;
  json: unknown;
  headers: Headers;
}

export interface ApiFixture {
  home: TestHome;
  url: string;
  tokens: Record<UserName, string>;
  cookies: Partial<Record<UserName, CookieSession>>;
  /** Sends a request as `who`. */
  api(method: string, path: string, who: As, body?: unknown): Promise<Reply>;
  /** Logs `user` in over the socket again: a new session; resolves with its id and token. */
  socketLogin(user: UserName): Promise<{ sessionId: string; accessToken: string }>;
  cookieLogin(user: UserName): Promise<CookieSession>;
  cleanup(): Promise<void>;
}

/** The dashboard's URL from `daemon status --json`, once it listens. */
async function webUrl(home: TestHome): Promise<string> {
  return waitFor(
    'the web server to listen',
    async () => {
      const status = await cliJson<{ web?: { state: string; url: string | null } }>(home, [
        'daemon',
        'status',
      ]);
      return status.web?.state === 'listening' && status.web.url !== null
        ? status.web.url.replace(/\/$/, '')
        : undefined;
    },
    20_000,
    200,
  );
}

/**
 * Starts a daemon with two checks (`web`, public, against the dashboard's own port; `private-db`,
 * not public, against a closed port), the users, their tokens and cookie logins for some.
 */
export async function apiFixture(): Promise<ApiFixture> {
  const home = await tempHome();
  try {
    for (const [key, value] of [
      ['security.bcryptCost', '10'],
      ['monitoring.scrapeInterval', '1s'],
      ['monitoring.evaluationInterval', '1s'],
      // Hundreds of requests in a few seconds from one address: the tests are not about limits.
      ['http.rateLimit', '0'],
      ['http.loginRateLimit', '1000'],
    ])
      await cliOk(home, ['config', 'set', key as string, value as string]);
    await createUser(home, 'ada', PASSWORD.ada, ['admin']);
    await login(home, 'ada', PASSWORD.ada);
    for (const name of Object.keys(USERS) as UserName[]) {
      if (name !== 'ada') await createUser(home, name, PASSWORD[name], [...USERS[name]]);
    }
    const url = await webUrl(home);
    const port = new URL(url).port;
    const checks = join(home.dir, 'checks.yaml');
    await writeFile(
      checks,
      [
        'checks:',
        `  - { name: web, type: tcp, target: "127.0.0.1:${port}", intervalMs: 1s, public: true }`,
        '  - { name: private-db, type: tcp, target: "127.0.0.1:1", intervalMs: 1s, failureThreshold: 1 }',
        '',
      ].join('\n'),
    );
    await cliOk(home, ['monitoring', '--load-checks', checks]);

    const conn = await rawHello(home.paths.socketPath);
    const socketLogin = async (user: UserName) => {
      const result = await callOk<{ accessToken: string; session: { id: string } }>(
        conn,
        'security.login',
        { username: user, password: PASSWORD[user] },
      );
      return { sessionId: result.session.id, accessToken: result.accessToken };
    };
    const tokens = {} as Record<UserName, string>;
    for (const name of Object.keys(USERS) as UserName[])
      tokens[name] = (await socketLogin(name)).accessToken;

    const cookieLogin = async (user: UserName): Promise<CookieSession> => {
      const res = await fetch(`${url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ username: user, password: PASSWORD[user] }),
      });
      const text = await res.text();
      assert.equal(res.status, 200, `cookie login of ${user}: ${text}`);
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const { csrfToken } = JSON.parse(text) as { csrfToken: string };
      return { cookie, csrf: csrfToken };
    };
    const cookies: ApiFixture['cookies'] = {};
    for (const name of ['ada', 'uma', 'sam', 'mona'] as const)
      cookies[name] = await cookieLogin(name);

    const api = async (method: string, path: string, who: As, body?: unknown): Promise<Reply> => {
      const headers: Record<string, string> = {};
      if ('token' in who) headers['authorization'] = `Bearer ${who.token}`;
      if ('session' in who) {
        headers['cookie'] = who.session.cookie;
        headers['origin'] = url;
        if (who.csrf) headers['x-csrf-token'] = who.session.csrf;
      }
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = text === '' ? null : JSON.parse(text);
      } catch {
        json = text;
      }
      return { status: res.status, json, headers: res.headers };
    };
    return {
      home,
      url,
      tokens,
      cookies,
      api,
      socketLogin,
      cookieLogin,
      cleanup: async () => {
        conn.close();
        await home.cleanup();
      },
    };
  } catch (error) {
    await home.cleanup();
    throw error;
  }
}
