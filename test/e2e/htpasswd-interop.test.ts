/**
 * End to end: an htpasswd file written by Apache's own `htpasswd` tool (apache2-utils) imports
 * through the real CLI and daemon. Its bcrypt lines (`$2y$`, as htpasswd writes them) become users
 * who log in with their original passwords; an MD5 (`$apr1$`) line is reported and skipped.
 *
 * htpasswd is required, not optional: CI installs apache2-utils, and a silently skipped test would
 * hide a broken import.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { TestHome } from '../helpers/home.js';
import {
  PASSWORDS,
  WRONG_PASSWORD,
  adminHome,
  fails,
  login,
  ok,
  okJson,
  pw,
  user,
} from '../helpers/security.js';
import { requireOnPath } from '../helpers/system-tools.js';

const run = promisify(execFile);

const ALICE = 'lavender-quartz-bicycle-31';
const YVONNE = 'saffron-glacier-tunnel-58';
const MALLORY = 'md5-user-password-here-1';
const MD5_SKIP = 'Apache MD5 ($apr1$) hash: only bcrypt hashes can be imported';

describe('importing an htpasswd file made by apache2-utils', () => {
  let home: TestHome;
  let file: string;
  before(async () => {
    requireOnPath('htpasswd', "Apache's htpasswd tool", 'apt-get install -y apache2-utils');
    home = await adminHome();
    file = join(home.dir, 'htpasswd');
    // -b takes the password from argv: acceptable for throwaway test passwords only.
    await run('htpasswd', ['-cbB', '-C', '10', file, 'alice', ALICE]);
    await run('htpasswd', ['-bm', file, 'mallory', MALLORY]);
    const { stdout } = await run('htpasswd', ['-nbB', '-C', '10', 'yvonne', YVONNE]);
    await appendFile(file, `${stdout.trim()}\n`);
  });
  after(() => home?.cleanup());

  it('htpasswd wrote $2y$ bcrypt lines and an $apr1$ line', async () => {
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /^alice:\$2y\$10\$[./A-Za-z0-9]{53}$/);
    assert.match(lines[1] ?? '', /^mallory:\$apr1\$/);
    assert.match(lines[2] ?? '', /^yvonne:\$2y\$10\$[./A-Za-z0-9]{53}$/);
  });

  it('--import-htpasswd imports the bcrypt users and reports the MD5 one as skipped', async () => {
    assert.equal(
      await ok(home, ['security', '--import-htpasswd', file]),
      [
        'Imported 2 user(s): alice, yvonne',
        `  skipped line 2 (mallory): ${MD5_SKIP}`,
        'Imported users have the role user and no email; their passwords were not checked against the policy until they change them (clickup-brain security --passwd <user>).',
        '',
      ].join('\n'),
    );
    const alice = await user(home, 'alice');
    assert.deepEqual(
      [alice.roles, alice.email, alice.origin, alice.status],
      [['user'], '', 'htpasswd', 'active'],
    );
    const users = await okJson<{ users: Array<{ username: string }> }>(home, [
      'security',
      '--users',
    ]);
    assert.deepEqual(
      users.users.map((u) => u.username),
      ['ada', 'alice', 'yvonne'],
    );
  });

  it('a second import skips the users that exist (--json)', async () => {
    assert.deepEqual(await okJson(home, ['security', '--import-htpasswd', file]), {
      imported: [],
      skipped: [
        { line: 1, username: 'alice', kind: 'exists', message: "user 'alice' already exists" },
        { line: 2, username: 'mallory', kind: 'apr1-md5', message: MD5_SKIP },
        { line: 3, username: 'yvonne', kind: 'exists', message: "user 'yvonne' already exists" },
      ],
    });
  });

  it('alice logs in with her original password; a wrong one is refused', async () => {
    await fails(
      home,
      ['security', '--login', 'alice', '--password-stdin'],
      4,
      'invalid username or password',
      pw(WRONG_PASSWORD),
    );
    await login(home, 'alice', ALICE);
    assert.equal(await ok(home, ['security', '--whoami']), 'alice (user)\n');
  });

  it('the $2y$ hash of yvonne verifies too; mallory was never created', async () => {
    await login(home, 'yvonne', YVONNE);
    assert.equal(await ok(home, ['security', '--whoami']), 'yvonne (user)\n');
    await fails(
      home,
      ['security', '--login', 'mallory', '--password-stdin'],
      4,
      'invalid username or password',
      pw(MALLORY),
    );
  });

  it('importing needs security.users.manage once users exist', async () => {
    await fails(
      home,
      ['security', '--import-htpasswd', file],
      4,
      'yvonne may not security.users.import: no role or grant of yvonne gives security.users.manage',
    );
    await login(home, 'ada', PASSWORDS.ada);
  });
});
