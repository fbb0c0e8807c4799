import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { describe, test } from 'node:test';
import {
  diskCheck,
  type DiskSpace,
  readDiskSpace,
} from '../../../../../daemon/monitoring/checks/disk.js';

const GiB = 1024 ** 3;
const signal = new AbortController().signal;
const limits = () => ({ warn: 90, crit: 95 });
const reader = (space: DiskSpace) => async (): Promise<DiskSpace> => space;

describe('diskCheck', () => {
  test('is named disk and reads the given path', async () => {
    const seen: string[] = [];
    const check = diskCheck('/data', limits, async (path) => {
      seen.push(path);
      return { totalBytes: 100 * GiB, availableBytes: 50 * GiB };
    });
    assert.equal(check.name, 'disk');
    await check.run(signal);
    assert.deepEqual(seen, ['/data']);
  });

  test('healthy below warn, with the exact detail', async () => {
    assert.deepEqual(
      await diskCheck(
        '/data',
        limits,
        reader({ totalBytes: 100 * GiB, availableBytes: 20 * GiB }),
      ).run(signal),
      {
        status: 'healthy',
        detail: '80.0% used, 20.0 GiB free of 100.0 GiB at /data (warn 90%, critical 95%)',
      },
    );
  });

  test('degraded at warn', async () => {
    assert.deepEqual(
      await diskCheck(
        '/data',
        limits,
        reader({ totalBytes: 100 * GiB, availableBytes: 10 * GiB }),
      ).run(signal),
      {
        status: 'degraded',
        detail: '90.0% used, 10.0 GiB free of 100.0 GiB at /data (warn 90%, critical 95%)',
      },
    );
  });

  test('unhealthy at crit', async () => {
    assert.deepEqual(
      await diskCheck(
        '/data',
        limits,
        reader({ totalBytes: 200 * GiB, availableBytes: 2 * GiB }),
      ).run(signal),
      {
        status: 'unhealthy',
        detail: '99.0% used, 2.0 GiB free of 200.0 GiB at /data (warn 90%, critical 95%)',
      },
    );
  });

  test('a file system of size zero is unhealthy', async () => {
    assert.deepEqual(
      await diskCheck('/data', limits, reader({ totalBytes: 0, availableBytes: 0 })).run(signal),
      {
        status: 'unhealthy',
        detail: 'cannot size the file system of /data',
      },
    );
  });

  test('thresholds are read at every run', async () => {
    let warn = 90;
    const check = diskCheck(
      '/d',
      () => ({ warn, crit: 99 }),
      reader({ totalBytes: 100 * GiB, availableBytes: 40 * GiB }),
    );
    assert.equal((await check.run(signal)).status, 'healthy');
    warn = 50;
    const outcome = await check.run(signal);
    assert.equal(outcome.status, 'degraded');
    assert.equal(
      outcome.detail,
      '60.0% used, 40.0 GiB free of 100.0 GiB at /d (warn 50%, critical 99%)',
    );
  });

  test('a reader failure propagates (the engine turns it into unhealthy)', async () => {
    const check = diskCheck('/d', limits, async () => {
      throw new Error('ENOENT');
    });
    await assert.rejects(check.run(signal), { message: 'ENOENT' });
  });
});

describe('readDiskSpace', () => {
  test('reports a positive size for the temp folder', async () => {
    const space = await readDiskSpace(tmpdir());
    assert.ok(space.totalBytes > 0);
    assert.ok(space.availableBytes >= 0 && space.availableBytes <= space.totalBytes);
  });
});
