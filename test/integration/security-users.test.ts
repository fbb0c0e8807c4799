/**
 * Users through the real CLI and daemon: the bootstrap on an empty store, listing, roles,
 * disabling, enabling, deleting, password changes (own and another's), the password policy and
 * bad names, addresses and roles (refused, nothing created), and the operator getting user
 * management back when no account holds it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestHome } from '../helpers/home.js';
import {
  PASSWORDS,
  RELATIVE,
  WRONG_PASSWORD,
  bytes,
  createUser,
  fails,
  failsJson,
  login,
  ok,
  okJson,
  pw,
  securityHome,
  table,
  user,
  users,
  type UserJson,
} from '../helpers/security.js';

const NEEDS_LOGIN =
  "security.users.create needs a logged-in user with security.users.manage: run 'clickup-brain security --login <username>'";
const EMPTY =
  'No users yet. Create the first (an admin) with: clickup-brain security --create-user <username> <email> --role admin\n';

describe('users through the CLI', () => {
  let home: TestHome;
  before(async () => {
    home = await securityHome();
  });
  after(() => home.cleanup());

  it('an empty store lists no users and says how to create the first', async () => {
    assert.equal(await ok(home, ['security', '--users']), EMPTY);
    assert.deepEqual(await users(home), []);
  });

  it('the first user is created without a login, and made an admin', async () => {
    const out = await ok(
      home,
      [
        'security',
        '--create-user',
        'ada',
        'ada@example.com',
        '--role',
        'admin',
        '--password-stdin',
      ],
      pw(PASSWORDS.ada),
    );
    assert.equal(out, 'Created user ada (admin)\n');
    const ada = await user(home, 'ada');
    assert.deepEqual(
      { email: ada.email, roles: ada.roles, status: ada.status, origin: ada.origin },
      { email: 'ada@example.com', roles: ['admin'], status: 'active', origin: 'created' },
    );
  });

  it('a second user without a login is refused with exit 4, telling to --login', async () => {
    await fails(
      home,
      ['security', '--create-user', 'bob', 'bob@example.com', '--password-stdin'],
      4,
      NEEDS_LOGIN,
      pw(PASSWORDS.bob),
    );
    const error = await failsJson(
      home,
      ['security', '--create-user', 'bob', 'bob@example.com', '--password-stdin'],
      4,
      pw(PASSWORDS.bob),
    );
    assert.deepEqual(error, {
      code: 'UNAUTHORISED',
      message: NEEDS_LOGIN,
      permission: 'security.users.manage',
    });
    assert.deepEqual(
      (await users(home)).map((u) => u.username),
      ['ada'],
    );
  });

  it('after --login as the admin, users are created (role user by default)', async () => {
    await login(home, 'ada', PASSWORDS.ada);
    const out = await ok(
      home,
      ['security', '--create-user', 'bob', 'bob@example.com', '--password-stdin'],
      pw(PASSWORDS.bob),
    );
    assert.equal(out, 'Created user bob (user)\n');
    const { user: carol } = await okJson<{ user: UserJson }>(
      home,
      [
        'security',
        '--create-user',
        'Carol',
        'Carol@Example.COM',
        '--role',
        'guest',
        '--password-stdin',
      ],
      pw(PASSWORDS.carol),
    );
    assert.equal(carol.username, 'carol');
    assert.equal(carol.email, 'Carol@example.com');
    assert.deepEqual(carol.roles, ['guest']);
    assert.equal(carol.lastLoginAt, null);
  });

  it('--users prints a table, and --json the records', async () => {
    const rows = table(await ok(home, ['security', '--users']));
    assert.deepEqual(rows[0], ['USER', 'EMAIL', 'ROLES', 'STATUS', 'LAST LOGIN', 'CREATED']);
    assert.deepEqual(
      rows.slice(1).map((r) => r.slice(0, 4)),
      [
        ['ada', 'ada@example.com', 'admin', 'active'],
        ['bob', 'bob@example.com', 'user', 'active'],
        ['carol', 'Carol@example.com', 'guest', 'active'],
      ],
    );
    assert.match(rows[1]?.[4] ?? '', RELATIVE);
    assert.deepEqual(
      rows.slice(2).map((r) => r[4]),
      ['never', 'never'],
    );
    for (const row of rows.slice(1)) assert.match(row[5] ?? '', RELATIVE);
    const list = await users(home);
    assert.deepEqual(
      list.map((u) => [u.username, u.roles, u.status, u.failedLogins, u.grants, u.revokes]),
      [
        ['ada', ['admin'], 'active', 0, [], []],
        ['bob', ['user'], 'active', 0, [], []],
        ['carol', ['guest'], 'active', 0, [], []],
      ],
    );
    for (const u of list) assert.equal(Object.hasOwn(u, 'passwordHash'), false);
  });

  it('--set-roles replaces the roles', async () => {
    const out = await ok(home, [
      'security',
      '--set-roles',
      'bob',
      '--role',
      'user',
      '--role',
      'moderator',
    ]);
    assert.equal(out, 'bob now has the roles user, moderator\n');
    assert.deepEqual((await user(home, 'bob')).roles, ['user', 'moderator']);
    const { user: again } = await okJson<{ user: UserJson }>(home, [
      'security',
      '--set-roles',
      'bob',
      '--role',
      'user',
    ]);
    assert.deepEqual(again.roles, ['user']);
  });

  it('--disable-user: the login is refused with ACCOUNT_DISABLED only for the right password', async () => {
    assert.equal(
      await ok(home, ['security', '--disable-user', 'bob']),
      'Disabled bob; their sessions have ended\n',
    );
    assert.equal((await user(home, 'bob')).status, 'disabled');
    const rows = table(await ok(home, ['security', '--users']));
    assert.equal(rows.find((r) => r[0] === 'bob')?.[3], 'disabled');
    const args = ['security', '--login', 'bob', '--password-stdin'];
    assert.deepEqual(await failsJson(home, args, 4, pw(PASSWORDS.bob)), {
      code: 'ACCOUNT_DISABLED',
      message: "account 'bob' is disabled",
    });
    await fails(home, args, 4, "account 'bob' is disabled", pw(PASSWORDS.bob));
    // A wrong password learns nothing about the account.
    assert.deepEqual(await failsJson(home, args, 4, pw(WRONG_PASSWORD)), {
      code: 'AUTH_FAILED',
      message: 'invalid username or password',
    });
  });

  it('--enable-user lets the user log in again', async () => {
    assert.equal(await ok(home, ['security', '--enable-user', 'bob']), 'Enabled bob\n');
    assert.equal((await user(home, 'bob')).status, 'active');
    await login(home, 'bob', PASSWORDS.bob);
  });

  it("--passwd: one's own password needs no permission; another's needs security.users.manage", async () => {
    // bob (role user) is logged in.
    await fails(
      home,
      ['security', '--passwd', 'ada', '--password-stdin'],
      4,
      'bob may not security.users.setPassword: no role or grant of bob gives security.users.manage',
      pw(PASSWORDS.dave),
    );
    await fails(
      home,
      ['security', '--passwd', 'bob', '--password-stdin'],
      2,
      'password must not contain the username',
      pw('bob-needs-a-new-password-77'),
    );
    assert.equal(
      await ok(home, ['security', '--passwd', 'bob', '--password-stdin'], pw(PASSWORDS.dave)),
      'Changed the password of bob; their sessions have ended\n',
    );
    await fails(
      home,
      ['security', '--login', 'bob', '--password-stdin'],
      4,
      'invalid username or password',
      pw(PASSWORDS.bob),
    );
    await login(home, 'bob', PASSWORDS.dave);
    // The admin may set anyone's.
    await login(home, 'ada', PASSWORDS.ada);
    assert.equal(
      await ok(home, ['security', '--passwd', 'bob', '--password-stdin'], pw(PASSWORDS.bob)),
      'Changed the password of bob; their sessions have ended\n',
    );
    await fails(
      home,
      ['security', '--login', 'bob', '--password-stdin'],
      4,
      'invalid username or password',
      pw(PASSWORDS.dave),
    );
    await login(home, 'bob', PASSWORDS.bob);
    await login(home, 'ada', PASSWORDS.ada);
  });

  it('--delete-user removes the user; their login then fails like an unknown one', async () => {
    assert.equal(await ok(home, ['security', '--delete-user', 'carol']), 'Deleted user carol\n');
    assert.deepEqual(
      (await users(home)).map((u) => u.username),
      ['ada', 'bob'],
    );
    await fails(
      home,
      ['security', '--login', 'carol', '--password-stdin'],
      4,
      'invalid username or password',
      pw(PASSWORDS.carol),
    );
    await fails(home, ['security', '--delete-user', 'carol'], 1, "no user named 'carol'");
  });

  const weak: Array<[string, string, string, string]> = [
    [
      'too short',
      'short-pw-12',
      'too-short',
      'password is too short: at least 15 characters are required',
    ],
    [
      'contains the username',
      'xx-erin-erin-erin-xx-7',
      'contains-username',
      'password must not contain the username',
    ],
    [
      'blocklisted',
      'password123456789',
      'blocklisted',
      'password is blocklisted: it is a common or breached password, or a simple variant of one',
    ],
  ];
  for (const [what, password, rule, message] of weak) {
    it(`a weak password (${what}) is refused with exit 2 naming the rule; nothing is created`, async () => {
      const store = await bytes(home.paths.storeFile);
      const events = await bytes(home.paths.eventsFile);
      const args = ['security', '--create-user', 'erin', 'erin@example.com', '--password-stdin'];
      await fails(home, args, 2, message, pw(password));
      assert.deepEqual(await failsJson(home, args, 2, pw(password)), {
        code: 'WEAK_PASSWORD',
        message,
        rule,
      });
      assert.deepEqual(await bytes(home.paths.storeFile), store);
      assert.deepEqual(await bytes(home.paths.eventsFile), events);
      assert.equal(
        (await users(home)).some((u) => u.username === 'erin'),
        false,
      );
    });
  }

  const badFields: Array<[string, string[], string, string, string]> = [
    [
      'a username with a space',
      ['bad user', 'x@example.com'],
      'INVALID_INPUT',
      'username',
      'username may contain only letters a-z, digits, ".", "_" and "-"',
    ],
    [
      'an empty username',
      ['', 'x@example.com'],
      'INVALID_PARAMS',
      'username',
      "invalid params: 'username': Too small: expected string to have >=1 characters",
    ],
    [
      'a 65-character username',
      ['u'.repeat(65), 'x@example.com'],
      'INVALID_PARAMS',
      'username',
      "invalid params: 'username': Too big: expected string to have <=64 characters",
    ],
    [
      'an address without @',
      ['erin', 'not-an-email'],
      'INVALID_INPUT',
      'email',
      'email is not a valid address',
    ],
    [
      'an address with no domain',
      ['erin', 'erin@'],
      'INVALID_INPUT',
      'email',
      'email is not a valid address',
    ],
  ];
  for (const [what, values, code, field, message] of badFields) {
    it(`--create-user with ${what}: exit 2 naming ${field}, nothing created`, async () => {
      const store = await bytes(home.paths.storeFile);
      const args = ['security', '--create-user', ...values, '--password-stdin'];
      await fails(home, args, 2, message, pw(PASSWORDS.dave));
      assert.deepEqual(await failsJson(home, args, 2, pw(PASSWORDS.dave)), {
        code,
        message,
        field,
      });
      assert.deepEqual(await bytes(home.paths.storeFile), store);
    });
  }

  it('an unknown role is refused with exit 2 naming the roles (create and set-roles)', async () => {
    const store = await bytes(home.paths.storeFile);
    const message = "'wizard' is not a role; valid roles: admin, user, moderator, guest, service";
    const args = [
      'security',
      '--create-user',
      'erin',
      'erin@example.com',
      '--role',
      'wizard',
      '--password-stdin',
    ];
    assert.deepEqual(await failsJson(home, args, 2, pw(PASSWORDS.dave)), {
      code: 'INVALID_INPUT',
      message,
      field: 'role',
    });
    await fails(home, ['security', '--set-roles', 'bob', '--role', 'wizard'], 2, message);
    assert.deepEqual(await bytes(home.paths.storeFile), store);
  });

  it('a taken username is a conflict (exit 1)', async () => {
    assert.deepEqual(
      await failsJson(
        home,
        ['security', '--create-user', 'ADA', 'other@example.com', '--password-stdin'],
        1,
        pw(PASSWORDS.dave),
      ),
      { code: 'CONFLICT', message: "user 'ada' already exists", field: 'username' },
    );
  });

  it('when no account can manage users any more, the operator may make an admin again', async () => {
    // The only admin demotes herself: from now on no account holds security.users.manage.
    assert.equal(
      await ok(home, ['security', '--set-roles', 'ada', '--role', 'user']),
      'ada now has the roles user\n',
    );
    await fails(
      home,
      ['security', '--set-roles', 'ada', '--role', 'admin'],
      4,
      'ada may not security.users.setRoles: no role or grant of ada gives security.users.manage',
    );
    assert.equal(await ok(home, ['security', '--logout']), 'Logged out ada\n');
    // Not logged in, the operator restores the admin; other guarded calls still need a login.
    assert.equal(
      await ok(home, ['security', '--set-roles', 'ada', '--role', 'admin']),
      'ada now has the roles admin\n',
    );
    await fails(
      home,
      ['security', '--rotate-keys'],
      4,
      "security.rotateKeys needs a logged-in user with security.keys.manage: run 'clickup-brain security --login <username>'",
    );
    // With an admin again, user management needs a login once more.
    await fails(
      home,
      ['security', '--create-user', 'erin', 'erin@example.com', '--password-stdin'],
      4,
      NEEDS_LOGIN,
      pw(PASSWORDS.dave),
    );
  });
});

describe('a first user created without --role admin', () => {
  it('leaves the operator able to create the admin that posture asks for', async (t) => {
    const home = await securityHome(t);
    await createUser(home, 'bob', PASSWORDS.bob);
    const posture = await home.cli(['security', '--posture', '--json']);
    assert.equal(posture.code, 1, posture.stderr);
    const findings = (JSON.parse(posture.stdout) as { findings: Array<{ title: string }> })
      .findings;
    assert.ok(
      findings.some((f) => f.title === 'no user has the admin role'),
      JSON.stringify(findings),
    );
    await createUser(home, 'ada', PASSWORDS.ada, ['admin']);
    await fails(
      home,
      ['security', '--create-user', 'carol', 'carol@example.com', '--password-stdin'],
      4,
      NEEDS_LOGIN,
      pw(PASSWORDS.carol),
    );
  });
});
