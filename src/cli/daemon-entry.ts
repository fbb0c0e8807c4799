/**
 * @module Where the daemon's entry is, relative to the running CLI bundle.
 */
import { join } from 'node:path';

/** dist/daemon/main.js, next to the bundle's folder (dist/cli/). */
export function daemonEntryPath(): string {
  // The bundle is CommonJS, where __dirname is the bundle's folder.
  return join(__dirname, '..', 'daemon', 'main.js');
}
