import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  memoryCheck,
  type MemoryReading,
  readMemory,
} from '../../../../../daemon/monitoring/checks/memory.js';

const GiB = 1024 ** 3;
const signal = new AbortController().signal;
const limits = () => ({ warn: 90, crit: 97 });
const reader = (m: MemoryReading) => async (): Promise<MemoryReading> => m;

describe('memoryCheck', () => {
  test('healthy below warn, with the exact detail', async () => {
    const check = memoryCheck(limits, reader({ totalBytes: 8 * GiB, availableBytes: 2 * GiB }));
    assert.equal(check.name, 'memory');
    assert.deepEqual(await check.run(signal), {
      status: 'healthy',
      detail: '75.0% used, 2048 MiB available (warn 90%, critical 97%)',
    });
  });

  test('degraded at warn', async () => {
    assert.deepEqual(
      await memoryCheck(limits, reader({ totalBytes: 10 * GiB, availableBytes: 1 * GiB })).run(
        signal,
      ),
      {
        status: 'degraded',
        detail: '90.0% used, 1024 MiB available (warn 90%, critical 97%)',
      },
    );
  });

  test('unhealthy at crit', async () => {
    assert.deepEqual(
      await memoryCheck(limits, reader({ totalBytes: 100 * GiB, availableBytes: 1 * GiB })).run(
        signal,
      ),
      {
        status: 'unhealthy',
        detail: '99.0% used, 1024 MiB available (warn 90%, critical 97%)',
      },
    );
  });

  test('MiB are rounded', async () => {
    const outcome = await memoryCheck(
      limits,
      reader({ totalBytes: 4 * GiB, availableBytes: 1.5 * 1024 ** 2 * 1000 + 700_000 }),
    ).run(signal);
    assert.equal(outcome.detail, '63.4% used, 1501 MiB available (warn 90%, critical 97%)');
  });

  test(
    'a reading with no total is not healthy',
    async () => {
      const outcome = await memoryCheck(limits, reader({ totalBytes: 0, availableBytes: 0 })).run(
        signal,
      );
      assert.equal(outcome.status, 'unhealthy');
      assert.doesNotMatch(outcome.detail, /NaN/);
    },
  );
});

describe('readMemory', () => {
  test('reports a positive total and an available amount within it', async () => {
    const m = await readMemory();
    assert.ok(m.totalBytes > 0);
    assert.ok(m.availableBytes >= 0 && m.availableBytes <= m.totalBytes);
  });
});
