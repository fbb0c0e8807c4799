/**
 * @module Can the daemon still make changes durable? Writes and fsyncs a probe file beside the store.
 */
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuiltinCheck } from './check.js';

/** @param dataDir - the folder that holds store.json; null for an in-memory store. */
export function storeWritableCheck(dataDir: string | null): BuiltinCheck {
  return {
    name: 'store_writable',
    async run() {
      if (dataDir === null) return { status: 'healthy', detail: 'in-memory store' };
      const probe = join(dataDir, `.probe-${process.pid}`);
      try {
        const handle = await open(probe, 'w', 0o600);
        try {
          await handle.writeFile('probe');
          await handle.sync();
        } finally {
          await handle.close();
        }
        await unlink(probe);
        return { status: 'healthy', detail: `${dataDir} is writable` };
      } catch (error) {
        await unlink(probe).catch(() => undefined);
        return { status: 'unhealthy', detail: `cannot write to ${dataDir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
      }
    },
  };
}
