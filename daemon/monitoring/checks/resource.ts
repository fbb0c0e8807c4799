/**
 * @module Disk and memory checks with one user-chosen threshold, over the built-in readers.
 */
import type { DiskCheckDefinition, MemoryCheckDefinition } from './definition.js';
import { readDiskSpace, type DiskSpace } from './disk.js';
import { readMemory, type MemoryReading } from './memory.js';
import { errorText, monotonic, since, type Probe, type ProbeResult, type Timer } from './probe.js';

function size(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

function judge(used: number, threshold: number, what: string): Pick<ProbeResult, 'ok' | 'detail'> {
  const ok = used < threshold;
  return { ok, detail: `${used.toFixed(1)}% used${ok ? ', below' : ', at or above'} the ${threshold}% limit; ${what}` };
}

/** Builds the disk check: fails when the file system holding `def.target` is `thresholdPercent` full or more. */
export function diskProbe(def: DiskCheckDefinition, read: (path: string) => Promise<DiskSpace> = readDiskSpace, timer: Timer = monotonic): Probe {
  return {
    async run(): Promise<ProbeResult> {
      const started = timer();
      try {
        const space = await read(def.target);
        if (space.totalBytes <= 0) return { ok: false, detail: `cannot size the file system of ${def.target}`, latencyMs: since(timer, started) };
        const used = 100 * (1 - space.availableBytes / space.totalBytes);
        const what = `${size(space.availableBytes)} free of ${size(space.totalBytes)} at ${def.target}`;
        return { ...judge(used, def.thresholdPercent, what), latencyMs: since(timer, started) };
      } catch (error) {
        return { ok: false, detail: `cannot read the file system of ${def.target}: ${errorText(error)}`, latencyMs: since(timer, started) };
      }
    },
  };
}

/** Builds the memory check: fails when `thresholdPercent` of the host's memory or more is in use. */
export function memoryProbe(def: MemoryCheckDefinition, read: () => Promise<MemoryReading> = readMemory, timer: Timer = monotonic): Probe {
  return {
    async run(): Promise<ProbeResult> {
      const started = timer();
      const memory = await read();
      const used = 100 * (1 - memory.availableBytes / memory.totalBytes);
      const what = `${size(memory.availableBytes)} available of ${size(memory.totalBytes)}`;
      return { ...judge(used, def.thresholdPercent, what), latencyMs: since(timer, started) };
    },
  };
}
