/**
 * Account lockout through the real CLI and daemon: five wrong passwords lock the account, --users
 * and --status show it, the right password is then refused with ACCOUNT_LOCKED (a wrong one still
 * gets the plain AUTH_FAILED), the events record it, and --unlock ends it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestHome } from '../helpers/home.js';
import {
  PASSWORDS,
  WRONG_PASSWORD,
  adminHome,
  createUser,
  fails,
  failsJson,
  login,
  ok,
  okJson,
  pw,
  table,
  user,
} from '../helpers/security.js';

interface EventJson {
  type: string;
  actor: string;
  subject: string | null;
  outcome: string;
  details: Record<string, unknown>;
}

const LOGIN_BOB = ['security', '--login', 'bob', '--password-stdin'];

describe('account lockout', () => {
  let home: TestHome;
  before(async () => {
    home = await adminHome();
    // The default first wait (1m) could end mid-file on a slow machine.
    await ok(home, ['config', 'set', 'security.lockoutWait', '10m']);
    await createUser(home, 'bob', PASSWORDS.bob);
  });
  after(() => home.cleanup());

  it('four wrong passwords are counted but do not lock', async () => {
    for (let i = 0; i < 4; i++)
      await fails(home, LOGIN_BOB, 4, 'invalid username or password', pw(WRONG_PASSWORD));
    const bob = await user(home, 'bob');
    assert.deepEqual([bob.status, bob.failedLogins, bob.lockedUntil], ['active', 4, null]);
  });

  it('the fifth locks the account; --users shows it locked with its end', async () => {
    await fails(home, LOGIN_BOB, 4, 'invalid username or password', pw(WRONG_PASSWORD));
    const bob = await user(home, 'bob');
    assert.equal(bob.status, 'locked');
    assert.ok(
      bob.lockedUntil !== null && bob.lockedUntil > Date.now() + 5 * 60_000,
      JSON.stringify(bob),
    );
    const row = table(await ok(home, ['security', '--users'])).find((r) => r[0] === 'bob');
    assert.equal(row?.[3], `locked until ${new Date(bob.lockedUntil).toISOString()}`);
    const status = await okJson<{
      users: { locked: number };
      lockedUsers: Array<{ username: string }>;
    }>(home, ['security', '--status']);
    assert.equal(status.users.locked, 1);
    assert.deepEqual(
      status.lockedUsers.map((u) => u.username),
      ['bob'],
    );
  });

  it('while locked, the right password gets ACCOUNT_LOCKED (exit 4); a wrong one AUTH_FAILED', async () => {
    const { lockedUntil } = await user(home, 'bob');
    assert.ok(lockedUntil !== null);
    const message = `account 'bob' is locked until ${new Date(lockedUntil).toISOString()}`;
    assert.deepEqual(await failsJson(home, LOGIN_BOB, 4, pw(PASSWORDS.bob)), {
      code: 'ACCOUNT_LOCKED',
      message,
      until: lockedUntil,
    });
    await fails(home, LOGIN_BOB, 4, message, pw(PASSWORDS.bob));
    assert.deepEqual(await failsJson(home, LOGIN_BOB, 4, pw(WRONG_PASSWORD)), {
      code: 'AUTH_FAILED',
      message: 'invalid username or password',
    });
  });

  it('the lock is an event, and so is every refused login', async () => {
    const { events } = await okJson<{ events: EventJson[] }>(home, [
      'security',
      '--events',
      '--user',
      'bob',
      '--type',
      'user.locked',
    ]);
    assert.equal(events.length, 1);
    assert.deepEqual(
      [events[0]?.actor, events[0]?.subject, events[0]?.details['failures']],
      ['system', 'bob', 5],
    );
    const failures = await okJson<{ events: EventJson[] }>(home, [
      'security',
      '--events',
      '--user',
      'bob',
      '--type',
      'login.failure',
    ]);
    assert.equal(failures.events.length, 8);
    assert.ok(failures.events.every((e) => e.subject === 'bob' && e.outcome !== 'success'));
  });

  it('--unlock needs a login with security.users.manage, then ends the lock', async () => {
    await ok(home, ['security', '--logout']);
    await fails(
      home,
      ['security', '--unlock', 'bob'],
      4,
      "security.users.unlock needs a logged-in user with security.users.manage: run 'clickup-brain security --login <username>'",
    );
    await login(home, 'ada', PASSWORDS.ada);
    assert.equal(await ok(home, ['security', '--unlock', 'bob']), 'Unlocked bob\n');
    const bob = await user(home, 'bob');
    assert.deepEqual([bob.status, bob.failedLogins, bob.lockedUntil], ['active', 0, null]);
    await login(home, 'bob', PASSWORDS.bob);
    assert.equal(await ok(home, ['security', '--whoami']), 'bob (user)\n');
  });

  it('--unlock of an unknown user fails (exit 1)', async () => {
    await login(home, 'ada', PASSWORDS.ada);
    await fails(home, ['security', '--unlock', 'nobody'], 1, "no user named 'nobody'");
  });
});
