/**
 * @module Free space on the file system that holds the data folder.
 */
import { statfs } from 'node:fs/promises';
import { grade, type BuiltinCheck, type Thresholds } from './check.js';

/** What statfs reports, reduced to what the check needs (injectable for tests). */
export interface DiskSpace {
  totalBytes: number;
  availableBytes: number;
}

export async function readDiskSpace(path: string): Promise<DiskSpace> {
  const s = await statfs(path);
  return { totalBytes: s.blocks * s.bsize, availableBytes: s.bavail * s.bsize };
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

/** @param thresholds - percent used. */
export function diskCheck(path: string, thresholds: () => Thresholds, read = readDiskSpace): BuiltinCheck {
  return {
    name: 'disk',
    async run() {
      const space = await read(path);
      if (space.totalBytes <= 0) return { status: 'unhealthy', detail: `cannot size the file system of ${path}` };
      const used = 100 * (1 - space.availableBytes / space.totalBytes);
      const limits = thresholds();
      return {
        status: grade(used, limits),
        detail: `${used.toFixed(1)}% used, ${gib(space.availableBytes)} free of ${gib(space.totalBytes)} at ${path} (warn ${limits.warn}%, critical ${limits.crit}%)`,
      };
    },
  };
}
