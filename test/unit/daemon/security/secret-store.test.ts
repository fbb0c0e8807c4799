import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  checkSecretName,
  type Keychain,
  openSecretStore,
  serviceName,
} from '../../../../daemon/security/secret-store.js';

const badName = (name: string): string =>
  `secret name '${name}' must be 1-128 characters of letters, digits, '.', '_' or '-', starting with a letter or digit`;

/** An in-memory keychain; `mode` makes it hang, lock or fail. */
class FakeKeychain implements Keychain {
  readonly items = new Map<string, string>();
  readonly calls: string[] = [];
  constructor(private readonly mode: 'ok' | 'hang' | 'locked' | 'fail' = 'ok') {}
  async getPassword(service: string, account: string): Promise<string | null> {
    this.calls.push(`get ${service} ${account}`);
    if (this.mode === 'locked') return null;
    return this.items.get(`${service}/${account}`) ?? null;
  }
  setPassword(service: string, account: string, password: string): Promise<void> {
    this.calls.push(`set ${service} ${account}`);
    if (this.mode === 'hang') return new Promise(() => undefined);
    if (this.mode === 'fail')
      return Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY\nmore detail'));
    this.items.set(`${service}/${account}`, password);
    return Promise.resolve();
  }
  async deletePassword(service: string, account: string): Promise<boolean> {
    this.calls.push(`delete ${service} ${account}`);
    return this.items.delete(`${service}/${account}`);
  }
}

describe('checkSecretName', () => {
  test('accepts letters, digits, dot, underscore and dash, up to 128, starting with a letter or digit', () => {
    for (const name of ['a', 'Z9', 'clickup.token', 'api_key-2', '0', 'a'.repeat(128)])
      checkSecretName(name);
  });

  test('refuses names that could escape the folder or are unusable', () => {
    for (const name of [
      '',
      '../x',
      '..',
      '.hidden',
      'a/b',
      'a\\b',
      '-x',
      '_x',
      'a b',
      'a\nb',
      'é',
      'a'.repeat(129),
    ]) {
      assert.throws(
        () => checkSecretName(name),
        { code: 'INVALID_INPUT', message: badName(name), details: { field: 'name' } },
        JSON.stringify(name),
      );
    }
  });
});

describe('serviceName', () => {
  test('is stable per folder and differs between folders', () => {
    assert.match(serviceName('/a/secrets'), /^clickup-brain:[0-9a-f]{16}$/);
    assert.equal(serviceName('/a/secrets'), serviceName('/a/secrets'));
    assert.notEqual(serviceName('/a/secrets'), serviceName('/b/secrets'));
  });
});

describe('openSecretStore', () => {
  let dir: string;
  let n = 0;
  const secretsDir = (): string => join(dir, `case-${++n}`, 'secrets');

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cbu-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("preference 'file': 0600 files in a 0700 folder, set/get/delete", async () => {
    const folder = secretsDir();
    const store = await openSecretStore({
      secretsDir: folder,
      preference: 'file',
      loadKeychain: async () => assert.fail('the keychain must not be loaded'),
    });
    assert.equal(store.backend, 'file');
    assert.equal(store.detail, `0600 files in ${folder} (secrets.backend=file)`);
    assert.equal(await store.get('token'), null);
    await store.set('token', 's3cret');
    assert.equal(await store.get('token'), 's3cret');
    assert.equal(await readFile(join(folder, 'token'), 'utf8'), 's3cret');
    assert.equal((await stat(join(folder, 'token'))).mode & 0o777, 0o600);
    assert.equal((await stat(folder)).mode & 0o777, 0o700);
    await store.set('token', 'rotated');
    assert.equal(await store.get('token'), 'rotated');
    assert.deepEqual(await readdir(folder), ['token'], 'no temp files are left');
    assert.equal(await store.delete('token'), true);
    assert.equal(await store.delete('token'), false);
    assert.equal(await store.get('token'), null);
  });

  test('the file backend validates names before touching the disk', async () => {
    const folder = secretsDir();
    const store = await openSecretStore({ secretsDir: folder, preference: 'file' });
    for (const name of ['../x', '../../etc/passwd', '.x', 'a/b']) {
      await assert.rejects(store.set(name, 'v'), { code: 'INVALID_INPUT', message: badName(name) });
      await assert.rejects(store.get(name), { code: 'INVALID_INPUT', message: badName(name) });
      await assert.rejects(store.delete(name), { code: 'INVALID_INPUT', message: badName(name) });
    }
    await assert.rejects(stat(folder), { code: 'ENOENT' });
    await assert.rejects(stat(join(folder, '..', 'x')), { code: 'ENOENT' });
  });

  test('a working keychain is chosen; the probe is written, read back and deleted', async () => {
    const folder = secretsDir();
    const keychain = new FakeKeychain();
    const service = serviceName(folder);
    const store = await openSecretStore({
      secretsDir: folder,
      preference: 'auto',
      loadKeychain: async () => keychain,
    });
    assert.equal(store.backend, 'keychain');
    assert.equal(store.detail, `OS keychain via Secret Service (service ${service})`);
    const probe = `probe-${process.pid}`;
    assert.deepEqual(keychain.calls, [
      `set ${service} ${probe}`,
      `get ${service} ${probe}`,
      `delete ${service} ${probe}`,
    ]);
    assert.equal(keychain.items.size, 0);

    await store.set('token', 'v1');
    assert.equal(keychain.items.get(`${service}/token`), 'v1');
    assert.equal(await store.get('token'), 'v1');
    assert.equal(await store.delete('token'), true);
    assert.equal(await store.get('token'), null);
    await assert.rejects(async () => store.get('../x'), {
      code: 'INVALID_INPUT',
      message: badName('../x'),
    });
    await assert.rejects(stat(folder), { code: 'ENOENT' }, 'nothing is written to files');
  });

  test(
    'the keychain backend refuses a bad name with a rejected promise, like the file backend',
    async () => {
      const store = await openSecretStore({
        secretsDir: secretsDir(),
        preference: 'auto',
        loadKeychain: async () => new FakeKeychain(),
      });
      let pending: Promise<unknown> | undefined;
      assert.doesNotThrow(() => {
        pending = store.get('../x');
      });
      await assert.rejects(pending as Promise<unknown>, {
        code: 'INVALID_INPUT',
        message: badName('../x'),
      });
    },
  );

  test("preference 'keychain' with a working keychain uses it", async () => {
    const store = await openSecretStore({
      secretsDir: secretsDir(),
      preference: 'keychain',
      loadKeychain: async () => new FakeKeychain(),
    });
    assert.equal(store.backend, 'keychain');
  });

  test('a keychain that never answers falls back to files after the probe timeout, saying why', async () => {
    const folder = secretsDir();
    const store = await openSecretStore({
      secretsDir: folder,
      preference: 'auto',
      loadKeychain: async () => new FakeKeychain('hang'),
      probeTimeoutMs: 50,
    });
    assert.equal(store.backend, 'file');
    assert.equal(
      store.detail,
      `0600 files in ${folder} (no usable keychain: the Secret Service did not answer within 50 ms)`,
    );
    await store.set('k', 'v');
    assert.equal(await readFile(join(folder, 'k'), 'utf8'), 'v');
  });

  test('a locked keyring (reads answer null) falls back to files', async () => {
    const folder = secretsDir();
    const keychain = new FakeKeychain('locked');
    const store = await openSecretStore({
      secretsDir: folder,
      preference: 'auto',
      loadKeychain: async () => keychain,
    });
    assert.equal(store.backend, 'file');
    assert.equal(
      store.detail,
      `0600 files in ${folder} (no usable keychain: the keyring is locked (a stored probe could not be read back))`,
    );
    assert.equal(
      keychain.calls.filter((c) => c.startsWith('delete')).length,
      1,
      'the probe is still deleted',
    );
  });

  test('a keychain error falls back to files with the first line of the message', async () => {
    const folder = secretsDir();
    const store = await openSecretStore({
      secretsDir: folder,
      preference: 'auto',
      loadKeychain: async () => new FakeKeychain('fail'),
    });
    assert.equal(store.backend, 'file');
    assert.equal(
      store.detail,
      `0600 files in ${folder} (no usable keychain: Cannot autolaunch D-Bus without X11 $DISPLAY)`,
    );
  });

  test('keytar failing to load falls back to files', async () => {
    const folder = secretsDir();
    const store = await openSecretStore({
      secretsDir: folder,
      preference: 'auto',
      loadKeychain: async () => {
        throw new Error("Cannot find module 'keytar'\nRequire stack: ...");
      },
    });
    assert.equal(
      store.detail,
      `0600 files in ${folder} (no usable keychain: Cannot find module 'keytar')`,
    );
  });

  test("preference 'keychain' with a failing keychain throws instead of using files", async () => {
    const folder = secretsDir();
    await assert.rejects(
      openSecretStore({
        secretsDir: folder,
        preference: 'keychain',
        loadKeychain: async () => new FakeKeychain('fail'),
      }),
      {
        message:
          'secrets.backend is keychain, but the keychain is not usable: Cannot autolaunch D-Bus without X11 $DISPLAY',
      },
    );
    await assert.rejects(
      openSecretStore({
        secretsDir: folder,
        preference: 'keychain',
        loadKeychain: async () => new FakeKeychain('hang'),
        probeTimeoutMs: 50,
      }),
      {
        message:
          'secrets.backend is keychain, but the keychain is not usable: the Secret Service did not answer within 50 ms',
      },
    );
    await assert.rejects(stat(folder), { code: 'ENOENT' });
  });

  test('two folders use two keychain services', async () => {
    const keychain = new FakeKeychain();
    const a = secretsDir();
    const b = secretsDir();
    const storeA = await openSecretStore({
      secretsDir: a,
      preference: 'auto',
      loadKeychain: async () => keychain,
    });
    const storeB = await openSecretStore({
      secretsDir: b,
      preference: 'auto',
      loadKeychain: async () => keychain,
    });
    await storeA.set('token', 'for-a');
    await storeB.set('token', 'for-b');
    assert.equal(await storeA.get('token'), 'for-a');
    assert.equal(await storeB.get('token'), 'for-b');
    assert.notEqual(storeA.detail, storeB.detail);
  });

  test('secrets kept in files move into the keychain once it answers, and the files go', async () => {
    const folder = secretsDir();
    const before = await openSecretStore({ secretsDir: folder, preference: 'file' });
    await before.set('db-password', 'p1');
    await before.set('api-token', 't1');
    const keychain = new FakeKeychain();
    const store = await openSecretStore({ secretsDir: folder, preference: 'auto', loadKeychain: async () => keychain });
    assert.equal(store.backend, 'keychain');
    assert.equal(store.detail, `OS keychain via Secret Service (service ${serviceName(folder)}); moved 2 secret(s) from files into it`);
    assert.equal(await store.get('db-password'), 'p1');
    assert.equal(await store.get('api-token'), 't1');
    assert.deepEqual(await readdir(folder), []);
  });

  test('after the keychain was used, falling back to files warns that those secrets are unavailable', async () => {
    const folder = secretsDir();
    await openSecretStore({ secretsDir: folder, preference: 'auto', loadKeychain: async () => new FakeKeychain() });
    const store = await openSecretStore({
      secretsDir: folder,
      preference: 'auto',
      loadKeychain: async () => {
        throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
      },
    });
    assert.equal(store.backend, 'file');
    assert.equal(
      store.detail,
      `0600 files in ${folder} (no usable keychain: Cannot autolaunch D-Bus without X11 $DISPLAY); WARNING: secrets saved earlier are in the OS keychain and unavailable until a Secret Service answers again`,
    );
  });
});
