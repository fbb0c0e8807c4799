/**
 * Secrets through the real CLI and daemon (--put-secret from stdin, --get-secret printing exactly
 * the value, --secrets without values, --delete-secret, a read being an audit event), and the
 * hygiene check: after a run that used passwords, tokens and a secret value, none of them is in
 * the audit log, the store, the daemon's logs or the config.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestHome } from '../helpers/home.js';
import {
  PASSWORDS,
  WRONG_PASSWORD,
  adminHome,
  cliBytes,
  createUser,
  credentialsFile,
  fails,
  login,
  ok,
  okJson,
  pw,
  storedLogin,
  table,
  type StoredLogin,
} from '../helpers/security.js';

const SECRET = 'sk_live_Zq8vT3-hunter2-and-more';
const BINARY_SECRET = Buffer.from([0, 1, 2, 0xfe, 0xff, 0x0a, 0x0d, 0x41]);

interface SecretJson {
  name: string;
  bytes: number;
  keyVersion: number;
  createdBy: string;
  updatedBy: string;
}

/** Every regular file under `dir`. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

describe('secrets', () => {
  let home: TestHome;
  before(async () => {
    home = await adminHome();
  });
  after(() => home.cleanup());

  it('--put-secret stores stdin (less one final newline); --get-secret prints exactly the value', async () => {
    assert.equal(
      await ok(home, ['security', '--put-secret', 'db/password'], { input: `${SECRET}\n` }),
      `Stored secret db/password (${SECRET.length} bytes, key version 1)\n`,
    );
    assert.equal(await ok(home, ['security', '--get-secret', 'db/password']), SECRET);
    const json = await okJson<{ value: string }>(home, ['security', '--get-secret', 'db/password']);
    assert.equal(Buffer.from(json.value, 'base64').toString('utf8'), SECRET);
  });

  it('binary values survive, and a second put replaces', async () => {
    const put = await cliBytes(home, ['security', '--put-secret', 'blob'], BINARY_SECRET);
    assert.equal(put.code, 0, put.stderr);
    const get = await cliBytes(home, ['security', '--get-secret', 'blob'], Buffer.alloc(0));
    assert.equal(get.code, 0, get.stderr);
    assert.deepEqual(get.stdout, BINARY_SECRET);
    assert.equal(
      await ok(home, ['security', '--put-secret', 'blob'], { input: 'second' }),
      'Replaced secret blob (6 bytes, key version 1)\n',
    );
    assert.equal(await ok(home, ['security', '--get-secret', 'blob']), 'second');
  });

  it('--secrets lists names and metadata, never values', async () => {
    const out = await ok(home, ['security', '--secrets']);
    assert.equal(out.includes(SECRET), false);
    const rows = table(out);
    assert.deepEqual(rows[0], ['NAME', 'BYTES', 'KEY', 'UPDATED', 'BY']);
    assert.deepEqual(
      rows.slice(1).map((r) => [r[0], r[1], r[2], r[4]]),
      [
        ['blob', '6', 'v1', 'ada'],
        ['db/password', String(SECRET.length), 'v1', 'ada'],
      ],
    );
    const json = await ok(home, ['security', '--secrets', '--json']);
    assert.equal(json.includes(SECRET), false);
    assert.equal(json.includes(Buffer.from(SECRET).toString('base64')), false);
    const { secrets } = JSON.parse(json) as { secrets: SecretJson[] };
    assert.deepEqual(
      secrets.map((s) => [s.name, s.bytes, s.keyVersion, s.createdBy, s.updatedBy]),
      [
        ['blob', 6, 1, 'ada', 'ada'],
        ['db/password', SECRET.length, 1, 'ada', 'ada'],
      ],
    );
  });

  it('each read is a secret.read event, without the value', async () => {
    const { events } = await okJson<{
      events: Array<{ type: string; actor: string; subject: string; details: object }>;
    }>(home, ['security', '--events', '--type', 'secret.read']);
    assert.deepEqual(
      events.map((e) => [e.actor, e.subject]),
      [
        ['ada', 'db/password'],
        ['ada', 'db/password'],
        ['ada', 'blob'],
        ['ada', 'blob'],
      ],
    );
    assert.equal(JSON.stringify(events).includes(SECRET), false);
  });

  it('--delete-secret removes it; reading it then fails (exit 1)', async () => {
    assert.equal(await ok(home, ['security', '--delete-secret', 'blob']), 'Deleted secret blob\n');
    await fails(home, ['security', '--get-secret', 'blob'], 1, "no secret named 'blob'");
    await fails(home, ['security', '--delete-secret', 'blob'], 1, "no secret named 'blob'");
    const { secrets } = await okJson<{ secrets: SecretJson[] }>(home, ['security', '--secrets']);
    assert.deepEqual(
      secrets.map((s) => s.name),
      ['db/password'],
    );
  });

  it('secrets need a login with the permission once users exist', async () => {
    await createUser(home, 'bob', PASSWORDS.bob);
    await login(home, 'bob', PASSWORDS.bob);
    await fails(
      home,
      ['security', '--get-secret', 'db/password'],
      4,
      'bob may not security.secrets.get: no role or grant of bob gives security.secrets.read',
    );
    await ok(home, ['security', '--logout']);
    await fails(
      home,
      ['security', '--put-secret', 'x'],
      4,
      "security.secrets.put needs a logged-in user with security.secrets.write: run 'clickup-brain security --login <username>'",
      { input: 'v' },
    );
    await fails(
      home,
      ['security', '--secrets'],
      4,
      "security.secrets.list needs a logged-in user with security.secrets.read: run 'clickup-brain security --login <username>'",
    );
  });
});

describe('no password, token or secret value is written anywhere but the login file', () => {
  it('after a run that used them all', async (t) => {
    const home = await adminHome(t);
    const logins: StoredLogin[] = [await storedLogin(home)];
    const passwords: string[] = [
      PASSWORDS.ada,
      PASSWORDS.bob,
      PASSWORDS.carol,
      PASSWORDS.dave,
      WRONG_PASSWORD,
    ];
    await createUser(home, 'bob', PASSWORDS.bob, ['moderator']);
    // Refused passwords, wrong logins and a lockout leave no trace of the passwords either.
    const weak = 'bob-bob-bob-bob-bob-1';
    passwords.push(weak);
    await fails(
      home,
      ['security', '--passwd', 'bob', '--password-stdin'],
      2,
      'password must not contain the username',
      pw(weak),
    );
    for (let i = 0; i < 5; i++)
      await fails(
        home,
        ['security', '--login', 'bob', '--password-stdin'],
        4,
        'invalid username or password',
        pw(WRONG_PASSWORD),
      );
    await fails(
      home,
      ['security', '--login', 'nobody', '--password-stdin'],
      4,
      'invalid username or password',
      pw(PASSWORDS.carol),
    );
    await ok(home, ['security', '--unlock', 'bob']);
    await ok(home, ['security', '--passwd', 'bob', '--password-stdin'], pw(PASSWORDS.dave));
    await login(home, 'bob', PASSWORDS.dave);
    logins.push(await storedLogin(home));
    await ok(home, ['security', '--logout']);
    await login(home, 'ada', PASSWORDS.ada);
    logins.push(await storedLogin(home));
    await ok(home, ['security', '--put-secret', 'api/key'], { input: SECRET });
    assert.equal(await ok(home, ['security', '--get-secret', 'api/key']), SECRET);
    await ok(home, ['security', '--rotate-keys']);
    assert.equal(await ok(home, ['security', '--get-secret', 'api/key']), SECRET);
    const sealed = await ok(home, ['security', '--encrypt'], { input: SECRET });
    assert.equal(await ok(home, ['security', '--decrypt'], { input: sealed }), SECRET);
    const scan = await home.cli([
      'security',
      '--scan',
      JSON.stringify({ body: { password: PASSWORDS.carol, q: "'; DROP TABLE users; --" } }),
    ]);
    assert.equal(scan.code, 1, scan.stderr);
    await ok(home, ['daemon', 'stop']);

    const needles = new Map<string, string>();
    for (const p of passwords) needles.set(p, 'a password');
    needles.set(SECRET, 'the secret value');
    needles.set(Buffer.from(SECRET).toString('base64'), 'the secret value (base64)');
    for (const l of logins) {
      needles.set(l.accessToken, 'an access token');
      needles.set(l.accessToken.split('.')[2] ?? l.accessToken, "an access token's signature");
      needles.set(l.refreshToken, 'a refresh token');
      needles.set(l.refreshToken.replace(/^cbr_/, ''), "a refresh token's random part");
    }

    const required = [home.paths.eventsFile, home.paths.storeFile, home.paths.configFile];
    const logs = await filesUnder(home.paths.logDir);
    assert.ok(logs.length > 0, 'the daemon wrote logs');
    const everything = (await filesUnder(home.dir)).filter((f) => f !== credentialsFile(home));
    for (const f of [...required, ...logs]) assert.ok(everything.includes(f), `${f} was searched`);
    for (const path of everything) {
      const text = await readFile(path, 'latin1');
      for (const [needle, what] of needles)
        assert.equal(text.includes(needle), false, `${what} is in ${path}`);
    }
    // The login file holds the tokens (that is its job), but never a password.
    const credentials = await readFile(credentialsFile(home), 'utf8');
    for (const p of passwords) assert.equal(credentials.includes(p), false);
  });
});
