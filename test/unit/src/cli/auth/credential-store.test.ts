import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CredentialStore,
  credentialAccount,
  credentialFilePath,
  type CliCredentials,
  type CredentialStoreOptions,
  type KeytarLike,
} from '../../../../../src/cli/auth/credential-store.js';
import { resolvePaths } from '../../../../../src/protocol/paths.js';

const LOGIN: CliCredentials = {
  username: 'ada',
  accessToken: 'eyJhbGciOiJFZERTQSJ9.access.sig',
  refreshToken: 'refresh-secret-0123456789',
  expiresAt: Date.UTC(2026, 0, 1, 0, 15),
  sessionId: 'sess-1',
};
const LATER: CliCredentials = {
  ...LOGIN,
  accessToken: 'newer.access.sig',
  refreshToken: 'refresh-newer',
  expiresAt: LOGIN.expiresAt + 60_000,
};
const ACCOUNT = 'socket-test';
const D_BUS = 'Cannot autolaunch D-Bus without X11 $DISPLAY';

/** An in-memory keychain; `fail` makes the named calls reject as keytar does without a session bus. */
class FakeKeytar implements KeytarLike {
  readonly entries = new Map<string, string>();
  readonly calls: string[] = [];
  fail = new Set<'get' | 'set' | 'delete'>();

  async getPassword(service: string, account: string): Promise<string | null> {
    this.calls.push(`get ${service} ${account}`);
    if (this.fail.has('get')) throw new Error(D_BUS);
    return this.entries.get(`${service}/${account}`) ?? null;
  }
  async setPassword(service: string, account: string, password: string): Promise<void> {
    this.calls.push(`set ${service} ${account}`);
    if (this.fail.has('set'))
      throw new Error('org.freedesktop.secrets was not provided by any .service files');
    this.entries.set(`${service}/${account}`, password);
  }
  async deletePassword(service: string, account: string): Promise<boolean> {
    this.calls.push(`delete ${service} ${account}`);
    if (this.fail.has('delete')) throw new Error(D_BUS);
    return this.entries.delete(`${service}/${account}`);
  }
}

let root: string;
let n = 0;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'cb-credstore-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

function setup(
  keytar: KeytarLike | null | 'throws',
  extra: Partial<CredentialStoreOptions> = {},
): { store: CredentialStore; file: string; dir: string; loads: () => number } {
  const dir = join(root, `case-${++n}`, 'state');
  const file = join(dir, 'cli-credentials.json');
  let loads = 0;
  const store = new CredentialStore({
    file,
    account: ACCOUNT,
    loadKeytar: async () => {
      loads++;
      if (keytar === 'throws') throw new Error('Cannot find module keytar');
      return keytar;
    },
    ...extra,
  });
  return { store, file, dir, loads: () => loads };
}

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );
const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

describe('CredentialStore with a working keychain', () => {
  test('saves to the keychain under service clickup-brain and the account; no file is written', async () => {
    const keytar = new FakeKeytar();
    const { store, file } = setup(keytar);
    assert.equal(await store.save(LOGIN), 'keychain');
    assert.deepEqual(keytar.calls, [`set clickup-brain ${ACCOUNT}`]);
    assert.equal(await exists(file), false);
    assert.deepEqual(JSON.parse(keytar.entries.get(`clickup-brain/${ACCOUNT}`) ?? ''), {
      version: 1,
      account: ACCOUNT,
      ...LOGIN,
    });
    assert.deepEqual(await store.load(), LOGIN);
    assert.deepEqual(await store.read(), { credentials: LOGIN, source: 'keychain', corrupt: null });
  });

  test('a custom service name is used', async () => {
    const keytar = new FakeKeytar();
    const { store } = setup(keytar, { service: 'cb-test' });
    await store.save(LOGIN);
    assert.ok(keytar.entries.has(`cb-test/${ACCOUNT}`));
  });

  test('saving to the keychain removes an earlier fallback file', async () => {
    const keytar = new FakeKeytar();
    keytar.fail.add('set');
    const { store, file } = setup(keytar);
    assert.equal(await store.save(LOGIN), 'file');
    keytar.fail.clear();
    assert.equal(await store.save(LATER), 'keychain');
    assert.equal(await exists(file), false);
    assert.deepEqual(await store.load(), LATER);
  });

  test('clear removes the entry: true, then false; load is then null', async () => {
    const keytar = new FakeKeytar();
    const { store } = setup(keytar);
    await store.save(LOGIN);
    assert.equal(await store.clear(), true);
    assert.equal(keytar.entries.size, 0);
    assert.equal(await store.load(), null);
    assert.equal(await store.clear(), false);
  });

  test('keytar is loaded lazily, once', async () => {
    const { store, loads } = setup(new FakeKeytar());
    assert.equal(loads(), 0);
    await store.save(LOGIN);
    await store.load();
    await store.clear();
    assert.equal(loads(), 1);
  });

  test('nothing saved: load is null, nothing corrupt', async () => {
    const { store } = setup(new FakeKeytar());
    assert.deepEqual(await store.read(), { credentials: null, source: null, corrupt: null });
  });
});

describe('CredentialStore falling back to the file', () => {
  for (const [name, keytar] of [
    ['keytar absent', () => null],
    ['keytar failing to load', () => 'throws' as const],
    [
      'every keytar call rejecting (no D-Bus)',
      () => Object.assign(new FakeKeytar(), { fail: new Set(['get', 'set', 'delete'] as const) }),
    ],
  ] as const) {
    test(`${name}: the file, 0600 in a 0700 folder, holds the login; clear removes it`, async () => {
      const { store, file, dir } = setup(keytar());
      assert.equal(await store.save(LOGIN), 'file');
      assert.equal(await mode(file), 0o600);
      assert.equal(await mode(dir), 0o700);
      assert.deepEqual(await readdir(dir), ['cli-credentials.json']);
      assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), {
        version: 1,
        account: ACCOUNT,
        ...LOGIN,
      });
      assert.deepEqual(await store.read(), { credentials: LOGIN, source: 'file', corrupt: null });
      assert.equal(await store.save(LATER), 'file');
      assert.deepEqual(await store.load(), LATER);
      assert.equal(await store.clear(), true);
      assert.equal(await exists(file), false);
      assert.equal(await store.load(), null);
      assert.equal(await store.clear(), false);
    });
  }

  test('a keychain that takes reads but refuses writes: the stale entry is deleted so the file wins', async () => {
    const keytar = new FakeKeytar();
    const { store } = setup(keytar);
    await store.save(LATER);
    keytar.fail.add('set');
    assert.equal(await store.save(LOGIN), 'file');
    assert.equal(keytar.entries.size, 0);
    assert.deepEqual(await store.read(), { credentials: LOGIN, source: 'file', corrupt: null });
  });

  test('a locked keyring (getPassword resolves null) reads the file', async () => {
    const keytar = new FakeKeytar();
    keytar.fail.add('set');
    const { store } = setup(keytar);
    await store.save(LOGIN);
    keytar.fail.clear();
    assert.deepEqual(await store.read(), { credentials: LOGIN, source: 'file', corrupt: null });
  });

  test('a login in both places: the later expiry wins, the keychain on a tie', async () => {
    const keytar = new FakeKeytar();
    const { store, file, dir } = setup(keytar);
    await store.save(LOGIN);
    await mkdir(dir, { recursive: true });
    await writeFile(file, JSON.stringify({ version: 1, account: ACCOUNT, ...LATER }));
    assert.deepEqual(await store.read(), { credentials: LATER, source: 'file', corrupt: null });
    await writeFile(
      file,
      JSON.stringify({ version: 1, account: ACCOUNT, ...LOGIN, sessionId: 'other' }),
    );
    assert.deepEqual(await store.read(), { credentials: LOGIN, source: 'keychain', corrupt: null });
  });

  test('the file cannot be written: StoreWriteError, without any token in the message', async () => {
    const { store, dir } = setup(null);
    await mkdir(join(dir, 'cli-credentials.json'), { recursive: true });
    await assert.rejects(store.save(LOGIN), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'STORE_WRITE_FAILED');
      assert.equal(
        error.message,
        `could not save the login to ${join(dir, 'cli-credentials.json')} (EISDIR)`,
      );
      assert.ok(
        !error.message.includes(LOGIN.accessToken) && !error.message.includes(LOGIN.refreshToken),
      );
      return true;
    });
  });
});

describe('CredentialStore with a corrupt or foreign record', () => {
  test('a corrupt file reads as null and is reported; save replaces it; clear removes it', async () => {
    const { store, file, dir } = setup(null);
    await mkdir(dir, { recursive: true });
    for (const text of [
      '{not json',
      '[]',
      JSON.stringify({ version: 1, account: ACCOUNT, ...LOGIN, accessToken: '' }),
      JSON.stringify({ version: 9, account: ACCOUNT, ...LOGIN }),
    ]) {
      await writeFile(file, text);
      assert.equal(await store.load(), null);
      assert.deepEqual(await store.read(), { credentials: null, source: null, corrupt: 'file' });
    }
    await store.save(LOGIN);
    assert.deepEqual(await store.read(), { credentials: LOGIN, source: 'file', corrupt: null });
    await writeFile(file, 'garbage');
    assert.equal(await store.clear(), true);
    assert.equal(await exists(file), false);
  });

  test('an unreadable file (a folder in its place) is reported as corrupt', async () => {
    const { store, file } = setup(null);
    await mkdir(file, { recursive: true });
    assert.deepEqual(await store.read(), { credentials: null, source: null, corrupt: 'file' });
  });

  test('a corrupt keychain entry is reported; a good file is still used', async () => {
    const keytar = new FakeKeytar();
    keytar.entries.set(`clickup-brain/${ACCOUNT}`, 'garbage');
    const { store, file } = setup(keytar);
    assert.deepEqual(await store.read(), { credentials: null, source: null, corrupt: 'keychain' });
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, JSON.stringify({ version: 1, account: ACCOUNT, ...LOGIN }));
    assert.deepEqual(await store.read(), {
      credentials: LOGIN,
      source: 'file',
      corrupt: 'keychain',
    });
    assert.equal(await store.save(LATER), 'keychain');
    assert.deepEqual(await store.read(), { credentials: LATER, source: 'keychain', corrupt: null });
  });

  test('a login for another daemon (account) is not used and not corrupt', async () => {
    const { store, file } = setup(null);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, JSON.stringify({ version: 1, account: 'socket-other', ...LOGIN }));
    assert.deepEqual(await store.read(), { credentials: null, source: null, corrupt: null });
  });
});

describe('CredentialStore wrong use', () => {
  test('constructor options are checked', () => {
    const cases: [unknown, string][] = [
      [null, 'CredentialStore: options must be an object'],
      [
        { file: 'relative.json', account: 'a' },
        'CredentialStore: options.file must be an absolute path',
      ],
      [{ account: 'a' }, 'CredentialStore: options.file must be an absolute path'],
      [
        { file: '/x.json', account: '' },
        'CredentialStore: options.account must be a non-empty string',
      ],
      [
        { file: '/x.json', account: 'a', service: '' },
        'CredentialStore: options.service must be a non-empty string',
      ],
      [
        { file: '/x.json', account: 'a', loadKeytar: 'keytar' },
        'CredentialStore: options.loadKeytar must be a function',
      ],
    ];
    for (const [options, message] of cases) {
      assert.throws(() => new CredentialStore(options as CredentialStoreOptions), {
        name: 'TypeError',
        message,
      });
    }
  });

  test('save checks the credentials and names the field, never a value; nothing is stored', async () => {
    const keytar = new FakeKeytar();
    const { store, file } = setup(keytar);
    await assert.rejects(store.save({ ...LOGIN, accessToken: '' }), {
      name: 'TypeError',
      message: 'CredentialStore.save: credentials.accessToken must be a non-empty string',
    });
    await assert.rejects(store.save({ ...LOGIN, expiresAt: -1 }), {
      name: 'TypeError',
      message:
        'CredentialStore.save: credentials.expiresAt must be a non-negative integer (ms since the epoch)',
    });
    assert.equal(keytar.entries.size, 0);
    assert.equal(await exists(file), false);
  });
});

describe('credentialAccount', () => {
  test('a stable hash of the resolved socket path: distinct daemons get distinct accounts', () => {
    const a = credentialAccount('/run/user/1000/clickup-brain/daemon.sock');
    assert.match(a, /^socket-[0-9a-f]{32}$/);
    assert.equal(credentialAccount('/run/user/1000/clickup-brain/daemon.sock'), a);
    assert.equal(credentialAccount('/run/user/1000/clickup-brain/../clickup-brain/daemon.sock'), a);
    assert.notEqual(credentialAccount('/tmp/other/daemon.sock'), a);
    assert.ok(!a.includes('run'));
  });

  test('wrong use is a TypeError', () => {
    for (const bad of ['', undefined, 3]) {
      assert.throws(() => credentialAccount(bad as string), {
        name: 'TypeError',
        message: 'credentialAccount: socketPath must be a non-empty string',
      });
    }
  });
});

describe('credentialFilePath', () => {
  test('the state folder: <home>/state with CLICKUP_BRAIN_HOME, $XDG_STATE_HOME/clickup-brain otherwise', () => {
    assert.equal(
      credentialFilePath(resolvePaths({ CLICKUP_BRAIN_HOME: '/tmp/cb-home' })),
      '/tmp/cb-home/state/cli-credentials.json',
    );
    assert.equal(
      credentialFilePath(resolvePaths({ HOME: '/home/ada', XDG_STATE_HOME: '/xdg/state' })),
      '/xdg/state/clickup-brain/cli-credentials.json',
    );
    assert.equal(
      credentialFilePath(resolvePaths({ HOME: '/home/ada' })),
      '/home/ada/.local/state/clickup-brain/cli-credentials.json',
    );
  });

  test('wrong use is a TypeError', () => {
    for (const bad of [{}, { logDir: 'logs' }, null]) {
      assert.throws(() => credentialFilePath(bad as { logDir: string }), {
        name: 'TypeError',
        message: 'credentialFilePath: paths.logDir must be an absolute path',
      });
    }
  });
});
