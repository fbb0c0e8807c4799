import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateDefinition, type DiskCheckDefinition, type MemoryCheckDefinition } from '../../../../../daemon/monitoring/checks/definition.js';
import { diskProbe, memoryProbe } from '../../../../../daemon/monitoring/checks/resource.js';

const signal = new AbortController().signal;
const GiB = 1024 ** 3;
const disk = validateDefinition({ name: 'data', type: 'disk', target: '/var/lib', thresholdPercent: 80 }) as DiskCheckDefinition;
const memory = validateDefinition({ name: 'mem', type: 'memory' }) as MemoryCheckDefinition;

describe('disk and memory threshold checks', () => {
  test('disk passes below the threshold and fails at it', async () => {
    const below = await diskProbe(disk, async () => ({ totalBytes: 100 * GiB, availableBytes: 30 * GiB }), () => 0).run(signal);
    assert.deepEqual(below, { ok: true, detail: '70.0% used, below the 80% limit; 30.0 GiB free of 100.0 GiB at /var/lib', latencyMs: 0 });
    const at = await diskProbe(disk, async () => ({ totalBytes: 100 * GiB, availableBytes: 20 * GiB })).run(signal);
    assert.equal(at.ok, false);
    assert.match(at.detail, /^80\.0% used, at or above the 80% limit/);
  });

  test('disk read errors and empty file systems fail with the reason', async () => {
    const missing = await diskProbe(disk, async () => Promise.reject(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }))).run(signal);
    assert.equal(missing.ok, false);
    assert.match(missing.detail, /^cannot read the file system of \/var\/lib: ENOENT/);
    const empty = await diskProbe(disk, async () => ({ totalBytes: 0, availableBytes: 0 })).run(signal);
    assert.equal(empty.detail, 'cannot size the file system of /var/lib');
  });

  test('the real reader works on /', async () => {
    const real = await diskProbe({ ...disk, target: '/', thresholdPercent: 100 }).run(signal);
    assert.match(real.detail, /% used/);
  });

  test('memory uses the 90% default', async () => {
    const high = await memoryProbe(memory, async () => ({ totalBytes: 1000 * 1024 ** 2, availableBytes: 50 * 1024 ** 2 }), () => 0).run(signal);
    assert.deepEqual(high, { ok: false, detail: '95.0% used, at or above the 90% limit; 50 MiB available of 1000 MiB', latencyMs: 0 });
    const real = await memoryProbe({ ...memory, thresholdPercent: 100 }).run(signal);
    assert.match(real.detail, /available of/);
  });
});
