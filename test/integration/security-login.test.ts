/**
 * Logins through the real CLI and daemon: --login, --whoami and --logout; the stored login (a
 * 0600 file without the password); one answer for unknown users and wrong passwords; --sessions
 * and --revoke-session; and a password change that ends the sessions.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { TestHome } from '../helpers/home.js';
import { exists, modeOf } from '../helpers/integration.js';
import {
  PASSWORDS,
  RELATIVE,
  WRONG_PASSWORD,
  adminHome,
  createUser,
  credentialsFile,
  fails,
  failsJson,
  login,
  ok,
  okJson,
  pw,
  storedLogin,
  table,
  user,
} from '../helpers/security.js';

interface SessionJson {
  id: string;
  username: string;
  state: string;
  ip: string | null;
  userAgent: string;
  revokedAt: number | null;
  revokedReason: string | null;
}

const NOT_LOGGED_IN =
  'Not logged in: commands run as the local operator (whoever can open the socket).\n';
const ended = (username: string): string =>
  `the login of ${username} has ended: run 'clickup-brain security --login <username>' again`;

describe('login, whoami and logout', () => {
  let home: TestHome;
  before(async () => {
    home = await adminHome();
    await createUser(home, 'bob', PASSWORDS.bob);
    assert.equal(await ok(home, ['security', '--logout']), 'Logged out ada\n');
  });
  after(() => home.cleanup());

  it('--whoami without a login: the local operator', async () => {
    assert.equal(await ok(home, ['security', '--whoami']), NOT_LOGGED_IN);
    assert.deepEqual(await okJson(home, ['security', '--whoami']), {
      username: null,
      operator: true,
    });
  });

  it('--login keeps the login in a 0600 file that does not hold the password', async () => {
    const file = credentialsFile(home);
    const out = await ok(
      home,
      ['security', '--login', 'bob', '--password-stdin'],
      pw(PASSWORDS.bob),
    );
    const match =
      /^Logged in as bob \(session (s_[\w-]+)\); the login is kept in the file (.+)\n$/.exec(out);
    assert.ok(match !== null, out);
    assert.equal(match[2], file);
    assert.equal(await modeOf(file), 0o600);
    const text = await readFile(file, 'utf8');
    assert.equal(text.includes(PASSWORDS.bob), false);
    const stored = await storedLogin(home);
    assert.equal(stored.username, 'bob');
    assert.equal(stored.sessionId, match[1]);
    assert.match(stored.accessToken, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.match(stored.refreshToken, /^cbr_[\w-]+$/);
    assert.equal((await user(home, 'bob')).lastLoginAt !== null, true);
  });

  it('--whoami names the user and their roles', async () => {
    assert.equal(await ok(home, ['security', '--whoami']), 'bob (user)\n');
    assert.deepEqual(await okJson(home, ['security', '--whoami']), {
      username: 'bob',
      operator: false,
      roles: ['user'],
    });
  });

  it('--login --json reports the user, the session and where the login is kept', async () => {
    const result = await okJson<{
      user: { username: string; roles: string[] };
      session: SessionJson;
      expiresAt: number;
      storedIn: string;
    }>(home, ['security', '--login', 'bob', '--password-stdin'], pw(PASSWORDS.bob));
    assert.equal(result.user.username, 'bob');
    assert.equal(result.session.username, 'bob');
    assert.equal(result.session.state, 'active');
    assert.equal(result.session.userAgent, 'clickup-brain cli');
    assert.equal(result.storedIn, 'file');
    assert.ok(result.expiresAt > Date.now());
    assert.equal(Object.hasOwn(result, 'accessToken'), false);
    assert.equal(Object.hasOwn(result, 'refreshToken'), false);
    assert.equal((await storedLogin(home)).sessionId, result.session.id);
  });

  it('an unknown user and a wrong password get the same answer (exit 4)', async () => {
    const unknown = await failsJson(
      home,
      ['security', '--login', 'nobody', '--password-stdin'],
      4,
      pw(PASSWORDS.bob),
    );
    const wrong = await failsJson(
      home,
      ['security', '--login', 'bob', '--password-stdin'],
      4,
      pw(WRONG_PASSWORD),
    );
    assert.deepEqual(unknown, { code: 'AUTH_FAILED', message: 'invalid username or password' });
    assert.deepEqual(wrong, unknown);
    await fails(
      home,
      ['security', '--login', 'nobody', '--password-stdin'],
      4,
      'invalid username or password',
      pw(WRONG_PASSWORD),
    );
    // A failed login leaves the stored one alone.
    assert.equal(await ok(home, ['security', '--whoami']), 'bob (user)\n');
  });

  it('--logout ends the session and forgets the login', async () => {
    const { sessionId } = await storedLogin(home);
    assert.equal(await ok(home, ['security', '--logout']), 'Logged out bob\n');
    assert.equal(await exists(credentialsFile(home)), false);
    assert.equal(await ok(home, ['security', '--whoami']), NOT_LOGGED_IN);
    assert.equal(await ok(home, ['security', '--logout']), 'Not logged in.\n');
    assert.deepEqual(await okJson(home, ['security', '--logout']), { loggedOut: false });
    await login(home, 'ada', PASSWORDS.ada);
    const { sessions } = await okJson<{ sessions: SessionJson[] }>(home, [
      'security',
      '--sessions',
      '--all',
      '--user',
      'bob',
    ]);
    const session = sessions.find((s) => s.id === sessionId);
    assert.equal(session?.state, 'revoked', JSON.stringify(sessions));
  });
});

describe('sessions', () => {
  let home: TestHome;
  before(async () => {
    home = await adminHome();
    await createUser(home, 'bob', PASSWORDS.bob);
  });
  after(() => home.cleanup());

  it('--sessions lists the active sessions as a table and as JSON', async () => {
    const { sessionId } = await storedLogin(home);
    const rows = table(await ok(home, ['security', '--sessions']));
    assert.deepEqual(rows[0], [
      'SESSION',
      'USER',
      'STATE',
      'STARTED',
      'LAST SEEN',
      'ENDS / REASON',
      'FROM',
    ]);
    const row = rows.find((r) => r[0] === sessionId);
    assert.ok(row !== undefined, JSON.stringify(rows));
    assert.deepEqual([row[1], row[2], row[6]], ['ada', 'active', 'local']);
    for (const i of [3, 4, 5]) assert.match(row[i] ?? '', RELATIVE);
    const { sessions } = await okJson<{ sessions: SessionJson[] }>(home, [
      'security',
      '--sessions',
    ]);
    assert.deepEqual(
      sessions.map((s) => [s.id, s.username, s.state, s.ip, s.revokedAt]),
      [[sessionId, 'ada', 'active', null, null]],
    );
  });

  it('a user may list their own sessions without security.sessions.manage, not all', async () => {
    await login(home, 'bob', PASSWORDS.bob);
    const { sessionId } = await storedLogin(home);
    const own = await okJson<{ sessions: SessionJson[] }>(home, [
      'security',
      '--sessions',
      '--user',
      'bob',
    ]);
    assert.deepEqual(
      own.sessions.map((s) => s.id),
      [sessionId],
    );
    await fails(
      home,
      ['security', '--sessions'],
      4,
      'bob may not security.sessions.list: no role or grant of bob gives security.sessions.manage',
    );
  });

  it("--revoke-session ends a session; that login's next guarded command says it has ended", async () => {
    const bob = await storedLogin(home);
    await login(home, 'ada', PASSWORDS.ada);
    const ada = await storedLogin(home);
    // ada ends her own session from the admin's seat: the stored login is now dead.
    assert.equal(
      await ok(home, ['security', '--revoke-session', bob.sessionId]),
      `Ended session ${bob.sessionId} of bob\n`,
    );
    assert.equal(
      await ok(home, ['security', '--revoke-session', ada.sessionId]),
      `Ended session ${ada.sessionId} of ada\n`,
    );
    await fails(home, ['security', '--sessions'], 4, ended('ada'));
    // The dead login was forgotten: the next call runs as the operator.
    await fails(
      home,
      ['security', '--sessions'],
      4,
      "security.sessions.list needs a logged-in user with security.sessions.manage: run 'clickup-brain security --login <username>'",
    );
    await login(home, 'ada', PASSWORDS.ada);
    const { sessions } = await okJson<{ sessions: SessionJson[] }>(home, [
      'security',
      '--sessions',
      '--all',
    ]);
    const revoked = sessions.filter((s) => s.id === bob.sessionId || s.id === ada.sessionId);
    assert.deepEqual(
      revoked.map((s) => [s.state, s.revokedReason]),
      [
        ['revoked', 'revoked by ada'],
        ['revoked', 'revoked by ada'],
      ],
    );
  });

  it('--revoke-session of an unknown id fails (exit 1)', async () => {
    await fails(
      home,
      ['security', '--revoke-session', 's_doesNotExist00'],
      1,
      'no session s_doesNotExist00',
    );
  });

  it("a password change ends all of that user's sessions", async () => {
    await login(home, 'bob', PASSWORDS.bob);
    const first = await storedLogin(home);
    await login(home, 'bob', PASSWORDS.bob);
    const second = await storedLogin(home);
    assert.notEqual(first.sessionId, second.sessionId);
    await login(home, 'ada', PASSWORDS.ada);
    const active = async (): Promise<string[]> =>
      (
        await okJson<{ sessions: SessionJson[] }>(home, ['security', '--sessions', '--user', 'bob'])
      ).sessions
        .map((s) => s.id)
        .sort();
    assert.deepEqual(await active(), [first.sessionId, second.sessionId].sort());
    await ok(home, ['security', '--passwd', 'bob', '--password-stdin'], pw(PASSWORDS.carol));
    assert.deepEqual(await active(), []);
    // bob changing his own password ends his own login too.
    await login(home, 'bob', PASSWORDS.carol);
    assert.equal(
      await ok(home, ['security', '--passwd', 'bob', '--password-stdin'], pw(PASSWORDS.dave)),
      'Changed the password of bob; their sessions have ended\n',
    );
    await fails(home, ['security', '--whoami'], 4, ended('bob'));
    assert.equal(await ok(home, ['security', '--whoami']), NOT_LOGGED_IN);
  });
});
