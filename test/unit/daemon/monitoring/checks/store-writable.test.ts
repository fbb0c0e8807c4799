import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { storeWritableCheck } from '../../../../../daemon/monitoring/checks/store-writable.js';

const signal = new AbortController().signal;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('storeWritableCheck', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cbu-'));
  });
  after(async () => {
    await chmod(join(dir, 'ro'), 0o700).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  test('an in-memory store is always healthy', async () => {
    const check = storeWritableCheck(null);
    assert.equal(check.name, 'store_writable');
    assert.deepEqual(await check.run(signal), { status: 'healthy', detail: 'in-memory store' });
  });

  test('a writable folder is healthy and the probe file is removed', async () => {
    const data = join(dir, 'data');
    await mkdir(data);
    assert.deepEqual(await storeWritableCheck(data).run(signal), {
      status: 'healthy',
      detail: `${data} is writable`,
    });
    assert.deepEqual(await readdir(data), []);
  });

  test('a folder that cannot be written is unhealthy with the errno', async () => {
    // root ignores permission bits, so there a folder that does not exist stands in for a read-only one.
    let data: string;
    let code: string;
    if (isRoot) {
      data = join(dir, 'missing');
      code = 'ENOENT';
    } else {
      data = join(dir, 'ro');
      await mkdir(data);
      await chmod(data, 0o500);
      code = 'EACCES';
    }
    assert.deepEqual(await storeWritableCheck(data).run(signal), {
      status: 'unhealthy',
      detail: `cannot write to ${data}: ${code}`,
    });
  });

  test('a folder that does not exist is unhealthy with ENOENT', async () => {
    const data = join(dir, 'nowhere', 'data');
    assert.deepEqual(await storeWritableCheck(data).run(signal), {
      status: 'unhealthy',
      detail: `cannot write to ${data}: ENOENT`,
    });
  });
});
