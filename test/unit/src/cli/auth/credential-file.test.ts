import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  readCredentialFile,
  removeCredentialFile,
  writeCredentialFile,
} from '../../../../../src/cli/auth/credential-file.js';
import { StoreWriteError } from '../../../../../src/protocol/errors.js';

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'cb-credfile-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

describe('writeCredentialFile', () => {
  test('creates the file 0600 and missing folders 0700, whatever the umask', async () => {
    const file = join(root, 'a', 'b', 'cli-credentials.json');
    const umask = process.umask(0);
    try {
      await writeCredentialFile(file, '{"x":1}\n');
    } finally {
      process.umask(umask);
    }
    assert.equal(await readCredentialFile(file), '{"x":1}\n');
    assert.equal(await mode(file), 0o600);
    assert.equal(await mode(join(root, 'a')), 0o700);
    assert.equal(await mode(join(root, 'a', 'b')), 0o700);
  });

  test('replaces a file (even one made readable by others) with a fresh 0600 one, leaving no temporary file', async () => {
    const dir = join(root, 'replace');
    await mkdir(dir, { mode: 0o755 });
    const file = join(dir, 'creds.json');
    await writeFile(file, 'old');
    await chmod(file, 0o644);
    await writeCredentialFile(file, 'new');
    assert.equal(await readCredentialFile(file), 'new');
    assert.equal(await mode(file), 0o600);
    assert.equal(await mode(dir), 0o755, 'an existing folder keeps its mode');
    assert.deepEqual(await readdir(dir), ['creds.json']);
  });

  test('a failure is a StoreWriteError with the path and the errno code, and leaves nothing behind', async () => {
    const blocker = join(root, 'blocker');
    await writeFile(blocker, '');
    const file = join(blocker, 'creds.json');
    await assert.rejects(writeCredentialFile(file, 'secret-token'), (error: unknown) => {
      assert.ok(error instanceof StoreWriteError);
      assert.equal(error.code, 'STORE_WRITE_FAILED');
      // Node reports a file in the way of mkdir -p as EEXIST on some versions, ENOTDIR on others.
      assert.match(
        error.message,
        new RegExp(`^could not save the login to ${file} \\((EEXIST|ENOTDIR)\\)$`),
      );
      assert.ok(!error.message.includes('secret-token'));
      return true;
    });
    const dir = join(root, 'target-is-dir');
    await mkdir(join(dir, 'creds.json'), { recursive: true });
    await assert.rejects(writeCredentialFile(join(dir, 'creds.json'), 'secret-token'), {
      code: 'STORE_WRITE_FAILED',
      message: `could not save the login to ${join(dir, 'creds.json')} (EISDIR)`,
    });
    assert.deepEqual(await readdir(dir), ['creds.json'], 'the temporary file was removed');
  });
});

describe('readCredentialFile', () => {
  test('null when absent (also when a parent is missing)', async () => {
    assert.equal(await readCredentialFile(join(root, 'none.json')), null);
    assert.equal(await readCredentialFile(join(root, 'no', 'such', 'dir.json')), null);
  });

  test('unusable for a folder, an unreadable path, or a file over 64 KiB', async () => {
    const dir = join(root, 'a-folder');
    await mkdir(dir);
    assert.equal(await readCredentialFile(dir), 'unusable');
    const blocker = join(root, 'blocker2');
    await writeFile(blocker, '');
    assert.equal(await readCredentialFile(join(blocker, 'x.json')), 'unusable');
    const big = join(root, 'big.json');
    await writeFile(big, 'x'.repeat(64 * 1024 + 1));
    assert.equal(await readCredentialFile(big), 'unusable');
    await writeFile(big, 'x'.repeat(64 * 1024));
    assert.equal((await readCredentialFile(big))?.length, 64 * 1024);
  });
});

describe('removeCredentialFile', () => {
  test('true when removed, false when absent', async () => {
    const file = join(root, 'gone.json');
    await writeFile(file, 'x');
    assert.equal(await removeCredentialFile(file), true);
    assert.equal(await removeCredentialFile(file), false);
  });

  test('another failure is a StoreWriteError', async () => {
    const dir = join(root, 'dir-not-file');
    await mkdir(dir);
    await assert.rejects(removeCredentialFile(dir), (error: unknown) => {
      assert.ok(error instanceof StoreWriteError);
      assert.match(
        error.message,
        new RegExp(`^could not remove the saved login ${dir} \\((EISDIR|EPERM)\\)$`),
      );
      return true;
    });
  });
});
