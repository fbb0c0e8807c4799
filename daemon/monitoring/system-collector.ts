/**
 * @module The daemon's own view of the host and of itself, as gauges in the registry, so a rule
 * like `cpu_usage > 80` works out of the box.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readDiskSpace, type DiskSpace } from './checks/disk.js';
import { readMemory, type MemoryReading } from './checks/memory.js';
import type { Registry } from './metrics/registry.js';

/** CPU time counters summed over all cores (ms). */
interface CpuTimes {
  busy: number;
  total: number;
}

function readCpuTimes(): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const cpu of cpus()) {
    const t = cpu.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

/** The mount point that holds `path` (longest matching mount in /proc/self/mountinfo). */
export function mountPointOf(path: string, mountinfo?: string): string {
  let text = mountinfo;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/mountinfo', 'utf8');
    } catch {
      return '/';
    }
  }
  let best = '/';
  for (const line of text.split('\n')) {
    const mount = line.split(' ')[4]?.replace(/\\040/g, ' ');
    if (mount === undefined) continue;
    const inside = path === mount || path.startsWith(mount.endsWith('/') ? mount : `${mount}/`);
    if (inside && mount.length > best.length) best = mount;
  }
  return best;
}

export interface SystemCollectorOptions {
  registry: Registry;
  /** The data folder: disk_usage is reported for the mount that holds it. */
  dataDir: string;
  readCpu?: () => CpuTimes;
  readMemory?: () => Promise<MemoryReading>;
  readDisk?: (path: string) => Promise<DiskSpace>;
}

/** Sets the system and process gauges; call {@link collect} once per scrape. */
export class SystemCollector {
  private last: CpuTimes;
  private readonly lag = monitorEventLoopDelay({ resolution: 10 });
  private readonly mount: string;
  private readonly g;

  constructor(private readonly options: SystemCollectorOptions) {
    this.last = (options.readCpu ?? readCpuTimes)();
    this.lag.enable();
    this.mount = mountPointOf(options.dataDir);
    const r = options.registry;
    this.g = {
      cpu: r.gauge('cpu_usage', { help: 'CPU in use across all cores since the previous sample, percent' }),
      memory: r.gauge('memory_usage', { help: 'Host memory in use (by MemAvailable), percent' }),
      disk: r.gauge('disk_usage', { help: 'Use of the file system that holds the data folder, percent', labelNames: ['mount'] }),
      load1: r.gauge('load1', { help: '1-minute load average' }),
      load5: r.gauge('load5', { help: '5-minute load average' }),
      load15: r.gauge('load15', { help: '15-minute load average' }),
      rss: r.gauge('process_resident_memory_bytes', { help: 'Resident memory of the daemon' }),
      heap: r.gauge('nodejs_heap_used_bytes', { help: 'V8 heap in use by the daemon' }),
      lag: r.gauge('nodejs_eventloop_lag_seconds', { help: 'Event-loop delay of the daemon since the previous sample, p99' }),
    };
  }

  /** Reads everything once and sets the gauges. */
  async collect(): Promise<void> {
    const g = this.g;
    const now = (this.options.readCpu ?? readCpuTimes)();
    const total = now.total - this.last.total;
    if (total > 0) g.cpu.set(round(100 * ((now.busy - this.last.busy) / total)));
    this.last = now;
    const memory = await (this.options.readMemory ?? readMemory)();
    if (memory.totalBytes > 0) g.memory.set(round(100 * (1 - memory.availableBytes / memory.totalBytes)));
    try {
      const disk = await (this.options.readDisk ?? readDiskSpace)(this.options.dataDir);
      if (disk.totalBytes > 0) g.disk.set({ mount: this.mount }, round(100 * (1 - disk.availableBytes / disk.totalBytes)));
    } catch {
      // the data folder may be gone (a test removed it); the disk health check reports that
    }
    const [l1, l5, l15] = loadavg() as [number, number, number];
    g.load1.set(l1);
    g.load5.set(l5);
    g.load15.set(l15);
    const usage = process.memoryUsage();
    g.rss.set(usage.rss);
    g.heap.set(usage.heapUsed);
    g.lag.set(this.lag.count === 0 ? 0 : this.lag.percentile(99) / 1e9);
    this.lag.reset();
  }

  dispose(): void {
    this.lag.disable();
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
