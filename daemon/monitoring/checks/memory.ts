/**
 * @module Memory in use on the host, by MemAvailable where Linux provides it.
 */
import { readFile } from 'node:fs/promises';
import { freemem, totalmem } from 'node:os';
import { grade, type BuiltinCheck, type Thresholds } from './check.js';

export interface MemoryReading {
  totalBytes: number;
  availableBytes: number;
}

/** os.freemem() counts page cache as used; MemAvailable is what the kernel can actually hand out. */
export async function readMemory(): Promise<MemoryReading> {
  try {
    const text = await readFile('/proc/meminfo', 'utf8');
    const field = (name: string): number | null => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
      return match === null ? null : Number(match[1]) * 1024;
    };
    const total = field('MemTotal');
    const available = field('MemAvailable');
    if (total !== null && available !== null) return { totalBytes: total, availableBytes: available };
  } catch {
    // not Linux
  }
  return { totalBytes: totalmem(), availableBytes: freemem() };
}

/** @param thresholds - percent used. */
export function memoryCheck(thresholds: () => Thresholds, read = readMemory): BuiltinCheck {
  return {
    name: 'memory',
    async run() {
      const m = await read();
      if (!(m.totalBytes > 0)) return { status: 'unhealthy', detail: 'cannot read the memory size' };
      const used = 100 * (1 - m.availableBytes / m.totalBytes);
      const limits = thresholds();
      return {
        status: grade(used, limits),
        detail: `${used.toFixed(1)}% used, ${(m.availableBytes / 1024 ** 2).toFixed(0)} MiB available (warn ${limits.warn}%, critical ${limits.crit}%)`,
      };
    },
  };
}
