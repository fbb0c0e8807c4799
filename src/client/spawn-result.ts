/**
 * @module The outcome of the last daemon spawn, left by the client that spawned it for the clients
 * that waited meanwhile: `<runtimeDir>/spawn.result` holds a failure; success removes it. Without
 * it, each waiting client would in turn take the spawn lock and spawn another daemon that fails
 * the same way (and truncate the startup log the first one wrote).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Paths } from '../protocol/paths.js';

/** Where the client that spawned a daemon leaves the outcome for the clients that waited. */
export function spawnResultPath(paths: Paths): string {
  return join(paths.runtimeDir, 'spawn.result');
}

interface SpawnResult {
  /** When the spawn failed (ms since the epoch). */
  time: number;
  message: string;
  /** The daemon's extra arguments: a failure with others says nothing about these. */
  args: string[];
}

/** The message of a spawn with `args` that failed after `since`, or null. */
export function readSpawnFailure(paths: Paths, args: string[], since: number): string | null {
  try {
    const result = JSON.parse(readFileSync(spawnResultPath(paths), 'utf8')) as SpawnResult;
    const same = JSON.stringify(result.args) === JSON.stringify(args);
    return same && result.time >= since && typeof result.message === 'string' ? result.message : null;
  } catch {
    return null;
  }
}

/** Written whole (temporary file, then rename), owner-only. */
export function writeSpawnFailure(paths: Paths, args: string[], message: string): void {
  const file = spawnResultPath(paths);
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}`;
  const result: SpawnResult = { time: Date.now(), message, args };
  try {
    writeFileSync(temp, JSON.stringify(result), { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true });
  }
}

/** After a spawn that succeeded: no failure stands. */
export function clearSpawnFailure(paths: Paths): void {
  rmSync(spawnResultPath(paths), { force: true });
}
