/**
 * `security --token` through the real CLI and daemon: the logged-in user's access token alone on
 * stdout (a bearer token the HTTP API accepts), refreshed first when about to expire, never the
 * refresh token; exit 4 with a clear message when nobody is logged in.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { TestHome } from '../helpers/home.js';
import { waitFor } from '../helpers/integration.js';
import {
  PASSWORDS,
  adminHome,
  createUser,
  credentialsFile,
  fails,
  failsJson,
  login,
  ok,
  okJson,
  storedLogin,
} from '../helpers/security.js';

const NO_LOGIN =
  "not logged in: run 'clickup-brain security --login <username>' first, then --token prints that login's access token";
const JWT_LINE = /^[\w-]+\.[\w-]+\.[\w-]+\n$/;

/** The dashboard's base URL from `daemon status --json`, once it listens. */
async function webUrl(home: TestHome): Promise<string> {
  return waitFor('the web server to listen', async () => {
    const status = await okJson<{ web?: { state: string; url: string | null } }>(home, [
      'daemon',
      'status',
    ]);
    return status.web?.state === 'listening' && status.web.url !== null
      ? status.web.url.replace(/\/$/, '')
      : undefined;
  });
}

/** GET /api/v1/health with `token` as the bearer: the status code. */
async function healthWith(url: string, token: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/health`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await res.arrayBuffer();
  return res.status;
}

describe('security --token', () => {
  let home: TestHome;
  let url: string;
  before(async () => {
    home = await adminHome();
    await createUser(home, 'svc', PASSWORDS.carol, ['service']);
    url = await webUrl(home);
    await ok(home, ['security', '--logout']);
  });
  after(() => home.cleanup());

  it('not logged in: exit 4 with a clear message, nothing on stdout', async () => {
    await fails(home, ['security', '--token'], 4, NO_LOGIN);
    assert.deepEqual(await failsJson(home, ['security', '--token'], 4), {
      code: 'UNAUTHORISED',
      message: NO_LOGIN,
    });
  });

  it("prints the login's access token and a newline, nothing else; the HTTP API takes it", async () => {
    await login(home, 'svc', PASSWORDS.carol);
    const stored = await storedLogin(home);
    const out = await ok(home, ['security', '--token']);
    assert.match(out, JWT_LINE);
    assert.equal(out, `${stored.accessToken}\n`);
    assert.ok(!out.includes(stored.refreshToken));
    assert.equal(await healthWith(url, out.trim()), 200);
    assert.equal(await healthWith(url, 'not-a-token'), 401);
    // The token is the point of the call: --quiet still prints it.
    assert.equal(await ok(home, ['security', '--token', '--quiet']), out);
  });

  it('--json gives the username, the token and its expiry, never the refresh token', async () => {
    const stored = await storedLogin(home);
    const json = await okJson(home, ['security', '--token']);
    assert.deepEqual(json, {
      username: 'svc',
      accessToken: stored.accessToken,
      expiresAt: stored.expiresAt,
    });
    assert.ok(!JSON.stringify(json).includes(stored.refreshToken));
  });

  it('a token about to expire is refreshed first, as other commands do', async () => {
    const file = credentialsFile(home);
    const before = await storedLogin(home);
    // Thirty seconds left: inside the CLI's one-minute refresh margin.
    const record = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...record, expiresAt: Date.now() + 30_000 }), {
      mode: 0o600,
    });
    const out = await ok(home, ['security', '--token']);
    const after = await storedLogin(home);
    assert.notEqual(after.accessToken, before.accessToken);
    assert.notEqual(after.refreshToken, before.refreshToken);
    assert.equal(out, `${after.accessToken}\n`);
    assert.ok(!out.includes(after.refreshToken));
    assert.equal(await healthWith(url, out.trim()), 200);
  });

  it('one mode per call; after --logout, exit 4 again', async () => {
    await fails(
      home,
      ['security', '--token', '--whoami'],
      2,
      '--whoami and --token cannot be used together',
    );
    await ok(home, ['security', '--logout']);
    await fails(home, ['security', '--token'], 4, NO_LOGIN);
  });
});
