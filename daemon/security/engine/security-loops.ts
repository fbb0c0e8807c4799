/**
 * @module The security engine's schedules in the daemon: session cleanup every minute, and the
 * posture assessment shortly after start and then daily.
 */
import type { Paths } from '../../../src/protocol/paths.js';
import type { Core } from '../../core.js';
import { runPosture } from './posture-run.js';

export const CLEANUP_EVERY_MS = 60_000;
export const POSTURE_EVERY_MS = 86_400_000;
/** The first assessment waits a little, so a starting daemon answers its clients first. */
export const POSTURE_FIRST_MS = 60_000;

export function startSecurityLoops(
  core: Core,
  paths: Paths,
  secretBackend: 'keychain' | 'file',
  now: () => number,
  onError: (what: string, error: unknown) => void,
): { stop: () => void } {
  const cleanup = setInterval(() => {
    core.security.cleanup().catch((error: unknown) => onError('session cleanup', error));
  }, CLEANUP_EVERY_MS);
  const posture = (): void => {
    runPosture(core, paths, secretBackend, now).catch((error: unknown) =>
      onError('posture assessment', error),
    );
  };
  const first = setTimeout(posture, POSTURE_FIRST_MS);
  const daily = setInterval(posture, POSTURE_EVERY_MS);
  for (const timer of [cleanup, first, daily]) timer.unref();
  return {
    stop: () => {
      clearInterval(cleanup);
      clearTimeout(first);
      clearInterval(daily);
    },
  };
}
