/**
 * Bad input to the security modes that take values: each is refused with exit 2 and a message
 * naming the problem, and neither the store nor the audit log changes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cliBin, type TestHome } from '../helpers/home.js';
import { PASSWORDS, adminHome, bytes, createUser, ok, pw, show } from '../helpers/security.js';

interface Case {
  args: string[];
  /** The whole of stderr. */
  stderr: string;
  input?: string;
}

const mine = (message: string): string => `clickup-brain: ${message}\n`;
const commander = (message: string): string => `error: ${message}\n`;
const tooShort = (field: string): string =>
  mine(`invalid params: '${field}': Too small: expected string to have >=1 characters`);
const SECRET_NAME =
  'secret name must be 1-128 characters: letters, digits and . _ / -, starting with a letter or digit';

const CASES: Case[] = [
  {
    args: ['--create-user', 'erin'],
    stderr: mine('--create-user <username> <email> takes exactly two values (got 1)'),
    input: `${PASSWORDS.dave}\n`,
  },
  {
    args: ['--create-user', 'erin', 'erin@example.com', 'extra'],
    stderr: mine('--create-user <username> <email> takes exactly two values (got 3)'),
    input: `${PASSWORDS.dave}\n`,
  },
  {
    args: ['--grant', 'bob'],
    stderr: mine('--grant <username> <permission> takes exactly two values (got 1)'),
  },
  {
    args: ['--grant'],
    stderr: commander("option '--grant <username> <permission>' argument missing"),
  },
  {
    args: ['--revoke', 'bob', 'content.read', 'more'],
    stderr: mine('--revoke <username> <permission> takes exactly two values (got 3)'),
  },
  {
    args: ['--grant', 'bob', 'Monitoring Write'],
    stderr: mine(
      "'monitoring write' is not a valid permission: expected domain.action like monitoring.read (segments of a-z, 0-9, _ and - starting with a letter, joined by dots) or a pattern like monitoring.* or *",
    ),
  },
  {
    args: ['--verify', 'file-only'],
    stderr: mine('--verify <file> <signature-file> takes exactly two values (got 1)'),
  },
  {
    args: ['--sign', 'x', '--algorithm', 'foo'],
    stderr: commander(
      "option '--algorithm <rsa-pss|ed25519>' argument 'foo' is invalid. must be rsa-pss or ed25519 (got 'foo')",
    ),
  },
  {
    args: ['--events', '--since', '5x'],
    stderr: commander(
      "option '--since <duration>' argument '5x' is invalid. '5x' is not a duration (unexpected '5x'); write it like 500ms, 15s, 5m, 1h or 7d",
    ),
  },
  {
    args: ['--events', '--since', '0s'],
    stderr: commander(
      "option '--since <duration>' argument '0s' is invalid. '0s' must be longer than zero",
    ),
  },
  {
    args: ['--events', '--limit', '0'],
    stderr: commander(
      "option '--limit <n>' argument '0' is invalid. '0' is not a positive whole number",
    ),
  },
  {
    args: ['--events', '--limit', '10001'],
    stderr: mine("invalid params: 'limit': Too big: expected number to be <=10000"),
  },
  {
    args: ['--events', '--follow', '--limit', '5'],
    stderr: mine(
      '--limit and --follow cannot be used together (--follow prints events as they happen)',
    ),
  },
  {
    args: ['--events', '--ip', '10.0.0.0/33'],
    stderr: mine("'10.0.0.0/33' has prefix length 33, but IPv4 allows at most 32"),
  },
  {
    args: ['--events', '--type', 't'.repeat(65)],
    stderr: commander(
      `option '--type <type>' argument '${'t'.repeat(65)}' is invalid. is 65 characters long; at most 64 are allowed`,
    ),
  },
  { args: ['--events', '--user', ''], stderr: tooShort('user') },
  {
    args: ['--delete-user'],
    stderr: commander("option '--delete-user <username>' argument missing"),
  },
  { args: ['--delete-user', ''], stderr: tooShort('username') },
  { args: ['--disable-user', ''], stderr: tooShort('username') },
  { args: ['--unlock', ''], stderr: tooShort('username') },
  { args: ['--permissions', ''], stderr: tooShort('username') },
  { args: ['--revoke-session', ''], stderr: tooShort('id') },
  { args: ['--set-roles', 'bob'], stderr: mine('--set-roles needs --role <role>') },
  {
    args: ['--set-roles', 'bob', '--role', 'root'],
    stderr: mine("'root' is not a role; valid roles: admin, user, moderator, guest, service"),
  },
  {
    args: ['--set-roles', 'bob', '--role'],
    stderr: commander("option '--role <role>' argument missing"),
  },
  {
    args: ['--login', 'bob'],
    stderr: mine('no terminal to ask for the password; pipe it with --password-stdin'),
  },
  {
    args: ['--login', 'bob', '--password-stdin'],
    stderr: mine('the password on stdin is empty'),
    input: '',
  },
  {
    args: ['--passwd', 'bob', '--password-stdin'],
    stderr: mine('password is too short: at least 15 characters are required'),
    input: 'short\n',
  },
  {
    args: ['--users', '--password-stdin'],
    stderr: mine(
      '--password-stdin does not apply to --users; it goes with --create-user, --passwd or --login',
    ),
  },
  {
    args: ['--sessions', '--type', 'x'],
    stderr: mine('--type does not apply to --sessions; it goes with --events'),
  },
  {
    args: ['--encrypt', '--decrypt'],
    stderr: mine('--encrypt and --decrypt cannot be used together'),
  },
  { args: ['--decrypt'], stderr: mine('no ciphertext on stdin'), input: '' },
  {
    args: ['--decrypt'],
    stderr: mine('ciphertext is not in the form cbv<version>:<base64url>'),
    input: 'not a ciphertext\n',
  },
  { args: ['--sign', ''], stderr: mine('the file name is empty') },
  { args: ['--verify', cliBin, ''], stderr: mine('the signature file name is empty') },
  { args: ['--import-htpasswd', ''], stderr: mine('the htpasswd file name is empty') },
  { args: ['--import-htpasswd', '/'], stderr: mine('cannot read /: EISDIR') },
  { args: ['--sign', '/no/such/file'], stderr: mine('cannot read file /no/such/file: ENOENT') },
  { args: ['--put-secret', 'db/password'], stderr: mine('no secret on stdin'), input: '' },
  { args: ['--put-secret', '../etc/passwd'], stderr: mine(SECRET_NAME), input: 'value' },
  { args: ['--get-secret', 'has space'], stderr: mine(SECRET_NAME) },
  {
    args: ['--delete-secret', 's'.repeat(129)],
    stderr: mine("invalid params: 'name': Too big: expected string to have <=128 characters"),
  },
  {
    args: ['--scan', '[1,'],
    stderr: mine('the request is not valid JSON: Unexpected end of JSON input'),
  },
  {
    args: ['--users', 'extra'],
    stderr: commander("too many arguments for 'security'. Expected 0 arguments but got 1."),
  },
  {
    args: [],
    stderr: mine(
      'no action given: use a mode such as --status, --users, --login, --events, --blacklist or --posture (see clickup-brain security --help)',
    ),
  },
];

describe('bad input to the security modes', () => {
  let home: TestHome;
  before(async () => {
    home = await adminHome();
    await createUser(home, 'bob', PASSWORDS.bob);
    await ok(home, ['security', '--put-secret', 'db/password'], { input: 'kept' });
  });
  after(() => home.cleanup());

  for (const c of CASES) {
    it(`security ${c.args.join(' ').slice(0, 80)}: exit 2, nothing changed`, async () => {
      const store = await bytes(home.paths.storeFile);
      const events = await bytes(home.paths.eventsFile);
      assert.ok(store !== null && events !== null);
      const args = ['security', ...c.args];
      const result = await home.cli(args, c.input === undefined ? {} : { input: c.input });
      assert.equal(result.code, 2, show(args, result));
      assert.equal(result.stdout, '', show(args, result));
      assert.equal(result.stderr, c.stderr);
      assert.deepEqual(await bytes(home.paths.storeFile), store);
      assert.deepEqual(await bytes(home.paths.eventsFile), events);
    });
  }

  it('the refusals left everything working', async () => {
    assert.equal(await ok(home, ['security', '--get-secret', 'db/password']), 'kept');
    await ok(home, ['security', '--login', 'bob', '--password-stdin'], pw(PASSWORDS.bob));
    assert.equal(await ok(home, ['security', '--whoami']), 'bob (user)\n');
  });
});
