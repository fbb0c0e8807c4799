import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DiskSpace } from '../../../../daemon/monitoring/checks/disk.js';
import type { MemoryReading } from '../../../../daemon/monitoring/checks/memory.js';
import { Registry } from '../../../../daemon/monitoring/metrics/registry.js';
import { mountPointOf, SystemCollector } from '../../../../daemon/monitoring/system-collector.js';

const MOUNTINFO = [
  '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw',
  '23 22 0:21 / /proc rw,nosuid - proc proc rw',
  '40 22 8:2 / /home rw,relatime - ext4 /dev/sda2 rw',
  '41 40 8:3 / /home/alice/my\\040data rw,relatime - ext4 /dev/sda3 rw',
  '42 22 8:4 / /var rw,relatime - ext4 /dev/sda4 rw',
  '',
].join('\n');

describe('mountPointOf', () => {
  test('the longest mount point that holds the path', () => {
    assert.equal(mountPointOf('/home/alice/notes', MOUNTINFO), '/home');
    assert.equal(mountPointOf('/var/lib/brain', MOUNTINFO), '/var');
    assert.equal(mountPointOf('/etc/brain', MOUNTINFO), '/');
    assert.equal(mountPointOf('/', MOUNTINFO), '/');
  });

  test('the path may be the mount point itself', () => {
    assert.equal(mountPointOf('/var', MOUNTINFO), '/var');
    assert.equal(mountPointOf('/home', MOUNTINFO), '/home');
  });

  test('a mount point is matched on whole path components', () => {
    assert.equal(mountPointOf('/variable/data', MOUNTINFO), '/');
    assert.equal(mountPointOf('/homework', MOUNTINFO), '/');
  });

  test('escaped spaces (\\040) in mount points are read as spaces', () => {
    assert.equal(mountPointOf('/home/alice/my data/brain', MOUNTINFO), '/home/alice/my data');
    assert.equal(mountPointOf('/home/alice/my data', MOUNTINFO), '/home/alice/my data');
    assert.equal(mountPointOf('/home/alice/my', MOUNTINFO), '/home');
  });

  test('with nothing to go on, the root', () => {
    assert.equal(mountPointOf('/srv/data', ''), '/');
    assert.equal(mountPointOf('/srv/data', 'garbage\nmore'), '/');
  });
});

/** Readings handed out in turn (the last one repeats). */
function sequence<T>(...items: T[]): () => T {
  let i = 0;
  return () => items[Math.min(i++, items.length - 1)] as T;
}

function valueOf(registry: Registry, name: string, labels: Record<string, string> = {}): number | undefined {
  return registry.collect().find((s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(labels))?.value;
}

describe('SystemCollector.collect', () => {
  test('sets cpu, memory and disk usage from the injected readings, as percents to two decimals', async (t) => {
    const registry = new Registry({ now: () => Date.UTC(2026, 0, 5) });
    const diskPaths: string[] = [];
    const collector = new SystemCollector({
      registry,
      dataDir: '/',
      readCpu: sequence({ busy: 100, total: 1000 }, { busy: 400, total: 2000 }),
      readMemory: async (): Promise<MemoryReading> => ({ totalBytes: 16e9, availableBytes: 4e9 }),
      readDisk: async (path: string): Promise<DiskSpace> => {
        diskPaths.push(path);
        return { totalBytes: 3000, availableBytes: 1001 };
      },
    });
    t.after(() => collector.dispose());
    await collector.collect();
    assert.equal(valueOf(registry, 'cpu_usage'), 30);
    assert.equal(valueOf(registry, 'memory_usage'), 75);
    assert.equal(valueOf(registry, 'disk_usage', { mount: '/' }), 66.63);
    assert.deepEqual(diskPaths, ['/']);
  });

  test('cpu is the busy share since the previous reading; with no time passed it keeps its value', async (t) => {
    const registry = new Registry();
    const collector = new SystemCollector({
      registry,
      dataDir: '/',
      readCpu: sequence({ busy: 100, total: 1000 }, { busy: 400, total: 2000 }, { busy: 400, total: 2000 }, { busy: 450, total: 2100 }),
      readMemory: async () => ({ totalBytes: 8, availableBytes: 8 }),
      readDisk: async () => ({ totalBytes: 1, availableBytes: 0 }),
    });
    t.after(() => collector.dispose());
    const seen: Array<number | undefined> = [];
    for (let i = 0; i < 3; i++) {
      await collector.collect();
      seen.push(valueOf(registry, 'cpu_usage'));
    }
    assert.deepEqual(seen, [30, 30, 50]);
    assert.equal(valueOf(registry, 'memory_usage'), 0);
    assert.equal(valueOf(registry, 'disk_usage', { mount: '/' }), 100);
  });

  test('a disk that cannot be read, or empty totals, leave those gauges unset', async (t) => {
    const registry = new Registry();
    const collector = new SystemCollector({
      registry,
      dataDir: '/',
      readCpu: sequence({ busy: 5, total: 10 }),
      readMemory: async () => ({ totalBytes: 0, availableBytes: 0 }),
      readDisk: async () => {
        throw new Error('ENOENT: no such file or directory');
      },
    });
    t.after(() => collector.dispose());
    await collector.collect();
    assert.equal(registry.collect().some((s) => s.name === 'disk_usage'), false);
    assert.equal(valueOf(registry, 'memory_usage'), 0, 'never set: the gauge default');
    assert.equal(valueOf(registry, 'cpu_usage'), 0, 'never set: the gauge default');
  });

  test('declares the host and process gauges with their help, and fills the process ones', async (t) => {
    const registry = new Registry();
    const collector = new SystemCollector({
      registry,
      dataDir: '/',
      readCpu: sequence({ busy: 0, total: 0 }),
      readMemory: async () => ({ totalBytes: 100, availableBytes: 25 }),
      readDisk: async () => ({ totalBytes: 100, availableBytes: 50 }),
    });
    t.after(() => collector.dispose());
    await collector.collect();
    assert.deepEqual(
      registry.metrics().map((m) => [m.name, m.type, [...m.labelNames]]),
      [
        ['cpu_usage', 'gauge', []],
        ['memory_usage', 'gauge', []],
        ['disk_usage', 'gauge', ['mount']],
        ['load1', 'gauge', []],
        ['load5', 'gauge', []],
        ['load15', 'gauge', []],
        ['process_resident_memory_bytes', 'gauge', []],
        ['nodejs_heap_used_bytes', 'gauge', []],
        ['nodejs_eventloop_lag_seconds', 'gauge', []],
      ],
    );
    assert.equal(registry.metrics()[0]?.help, 'CPU in use across all cores since the previous sample, percent');
    for (const name of ['load1', 'load5', 'load15', 'nodejs_eventloop_lag_seconds']) {
      const value = valueOf(registry, name);
      assert.ok(value !== undefined && Number.isFinite(value) && value >= 0, `${name} = ${value}`);
    }
    for (const name of ['process_resident_memory_bytes', 'nodejs_heap_used_bytes']) {
      const value = valueOf(registry, name);
      assert.ok(value !== undefined && value > 0, `${name} = ${value}`);
    }
  });
});
