/**
 * @module The options of SessionManager: checked once, defaults applied, wrong use is a TypeError.
 */
import type { Clock } from '../../clock.js';
import type { SessionRepository } from './session-repository.js';

/** Options of {@link SessionManager}. */
export interface SessionManagerOptions {
  repo: SessionRepository;
  clock: Clock;
  /** A session unused this long (ms) ends; each use slides it. @default 1_800_000 (30 min) */
  idleTimeoutMs?: number;
  /** A session ends this long (ms) after login, however busy. @default 43_200_000 (12 h) */
  absoluteTimeoutMs?: number;
  /**
   * How many used refresh-token hashes a session keeps for reuse detection. One more than the
   * number of rotations a stolen token can lag behind; older ones are then simply unknown.
   * @default 32
   */
  maxUsedHashes?: number;
  /**
   * How long (ms) an ended session is kept before {@link SessionManager.cleanup} removes it, so a
   * late refresh still gets "revoked" or "expired" rather than "not recognised", and the list of
   * recently ended sessions stays useful. @default 86_400_000 (24 h)
   */
  cleanupGraceMs?: number;
}

/** The options with defaults applied. */
export type ResolvedSessionManagerOptions = Required<SessionManagerOptions>;

const repoMethods = [
  'list',
  'get',
  'findBySecretHash',
  'findByRefreshHash',
  'insert',
  'update',
  'remove',
];
const YEAR_MS = 366 * 86_400_000;

function integer(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`"${name}" option must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** Validates `options` and applies the defaults. @throws TypeError naming the bad option. */
export function resolveSessionManagerOptions(
  options: SessionManagerOptions,
): ResolvedSessionManagerOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('options must be an object');
  }
  const repo = options.repo as unknown as Record<string, unknown> | undefined;
  if (
    typeof repo !== 'object' ||
    repo === null ||
    repoMethods.some((m) => typeof repo[m] !== 'function')
  ) {
    throw new TypeError(`"repo" option must be a SessionRepository (${repoMethods.join(', ')})`);
  }
  const clock = options.clock as Partial<Clock> | undefined;
  if (typeof clock?.now !== 'function') {
    throw new TypeError('"clock" option must have a now() method');
  }
  const idle = integer(options.idleTimeoutMs ?? 30 * 60_000, 'idleTimeoutMs', 1000, YEAR_MS);
  const absolute = integer(
    options.absoluteTimeoutMs ?? 12 * 3_600_000,
    'absoluteTimeoutMs',
    1000,
    YEAR_MS,
  );
  if (idle > absolute) {
    throw new TypeError('"idleTimeoutMs" option must not exceed "absoluteTimeoutMs"');
  }
  return {
    repo: options.repo,
    clock: options.clock,
    idleTimeoutMs: idle,
    absoluteTimeoutMs: absolute,
    maxUsedHashes: integer(options.maxUsedHashes ?? 32, 'maxUsedHashes', 1, 1024),
    cleanupGraceMs: integer(options.cleanupGraceMs ?? 86_400_000, 'cleanupGraceMs', 0, YEAR_MS),
  };
}
