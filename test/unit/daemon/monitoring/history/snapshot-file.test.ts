import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { StoreWriteError } from '../../../../../src/protocol/errors.js';
import {
  readSnapshotFile,
  writeFileAtomic,
} from '../../../../../daemon/monitoring/history/snapshot-file.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'history-file-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('snapshot files', () => {
  test('writes atomically with mode 0600 and leaves no temp file', async () => {
    const file = join(dir, 'history.bin');
    await writeFile(file, 'old');
    await writeFileAtomic(file, Buffer.from('new contents'));
    assert.equal(await readFile(file, 'utf8'), 'new contents');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(dir), ['history.bin']);
  });

  test('a failed write is a StoreWriteError and leaves nothing behind', async () => {
    const file = join(dir, 'missing-folder', 'history.bin');
    await assert.rejects(writeFileAtomic(file, Buffer.from('x')), StoreWriteError);
  });

  test('reading: bytes, or undefined when missing', async () => {
    const file = join(dir, 'read.bin');
    assert.equal(await readSnapshotFile(file), undefined);
    await writeFile(file, Buffer.from([1, 2, 3]));
    assert.deepEqual(await readSnapshotFile(file), Buffer.from([1, 2, 3]));
    await assert.rejects(readSnapshotFile(dir), /history snapshot .* cannot be read/);
  });
});
