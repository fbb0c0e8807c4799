#!/usr/bin/env node
/**
 * @module The daemon process: resolve paths, run, stop on SIGTERM/SIGINT, exit with a clear code.
 *
 * Exit codes: 0 stopped normally; 1 failed to start or crashed; 2 bad paths; 75 another daemon
 * already runs for this home (the client treats that as "someone else started it").
 */
import { resolvePaths, socketPathProblem } from '../src/protocol/paths.js';
import { VERSION } from '../src/protocol/version.js';
import { runDaemon, type RunningDaemon } from './daemon.js';
import { StoreLockedError } from './store/errors.js';
import { keepTickObjectMaps } from './tick-maps.js';

const EXIT_ALREADY_RUNNING = 75;

async function main(): Promise<number> {
  // Before any work: node's tick objects keep their fast path after a full GC (tick-maps.ts).
  keepTickObjectMaps();
  // Everything the daemon creates (store, log, socket, secrets) is owner-only from birth.
  process.umask(0o077);
  const paths = resolvePaths(process.env);
  const problem = socketPathProblem(paths.socketPath);
  if (problem !== null) {
    process.stderr.write(`clickup-brain daemon: ${problem}\n`);
    return 2;
  }
  let daemon: RunningDaemon;
  try {
    daemon = await runDaemon({ paths, moveCorruptStore: process.argv.includes('--move-corrupt-store') });
  } catch (error) {
    if (error instanceof StoreLockedError) {
      process.stderr.write(`clickup-brain daemon: another daemon is already running for ${paths.dataDir} (pid ${error.ownerPid})\n`);
      return EXIT_ALREADY_RUNNING;
    }
    process.stderr.write(`clickup-brain daemon: cannot start: ${(error as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`clickup-brain daemon ${VERSION} ready on ${paths.socketPath} (pid ${process.pid})\n`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => void daemon.stop(signal));
  }
  // SIGHUP (a closed terminal) must not kill a daemon started from it.
  process.on('SIGHUP', () => daemon.logger.info('SIGHUP ignored'));
  process.on('uncaughtException', (error) => {
    daemon.logger.fatal({ err: error }, 'uncaught exception');
    void daemon.stop('uncaught exception').finally(() => process.exit(1));
  });
  await daemon.stopped;
  return 0;
}

process.exitCode = await main();
// Timers of libraries (conf's file watcher) must not keep a stopped daemon alive.
process.exit();
