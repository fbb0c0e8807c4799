/**
 * @module Per-account lockout after repeated login failures, with Keycloak's brute-force detector
 * semantics (strategy "multiple"). Pure functions of (state, policy, now); the caller stores the
 * state on the user record and enforces, or only logs, the decisions.
 *
 * How a failure is counted (`recordFailure`):
 * - A failure while a lock is in force is not counted and decides nothing (Keycloak: "count does
 *   not increment when a temporarily disabled account commits a login failure"). Callers refuse a
 *   locked account before checking its password, so such a failure should not reach here anyway.
 * - If the previous failure is more than `failureResetMs` ago, the counters start again (failures
 *   and temporary lockouts) before this one is counted — Keycloak's `maxDeltaTimeSeconds`.
 * - Failure number n locks the account for `waitIncrementMs × floor(n / maxFailures)`, capped at
 *   `maxWaitMs`. With the defaults: failures 1–4 nothing; 5–9 one minute each; 10–14 two
 *   minutes; … 75 and on fifteen minutes. Each failure that locks counts as one temporary lockout.
 * - With `permanentLockout`, the lockout that takes the count of temporary lockouts above
 *   `maxTemporaryLockouts` is permanent instead; `maxTemporaryLockouts: 0` means the first lockout
 *   is permanent (Keycloak's "lockout permanently"), and then the counter never resets by time.
 *   Without `permanentLockout`, `maxTemporaryLockouts` is ignored and temporary lockouts are unlimited.
 *
 * A successful login clears the counters (`recordSuccess`); only `unlock` lifts a permanent lock.
 */
import { z } from 'zod';

/** The lockout settings; every duration in milliseconds. */
export interface LockoutPolicy {
  /** Failures before the first lockout (Keycloak's failureFactor). Default 5. */
  maxFailures: number;
  /** Wait added per `maxFailures` failures (waitIncrementSeconds). Default 60 000 (1 min). */
  waitIncrementMs: number;
  /** Longest wait (maxFailureWaitSeconds). Default 900 000 (15 min). */
  maxWaitMs: number;
  /** A failure this long after the previous one starts the count again (maxDeltaTimeSeconds). Default 12 h. */
  failureResetMs: number;
  /** Lock for good once temporary lockouts exceed `maxTemporaryLockouts`. Default false. */
  permanentLockout: boolean;
  /** Temporary lockouts allowed before the permanent one, with `permanentLockout`. Default 0. */
  maxTemporaryLockouts: number;
}

export const DEFAULT_LOCKOUT_POLICY: Readonly<LockoutPolicy> = Object.freeze({
  maxFailures: 5,
  waitIncrementMs: 60_000,
  maxWaitMs: 900_000,
  failureResetMs: 12 * 60 * 60 * 1000,
  permanentLockout: false,
  maxTemporaryLockouts: 0,
});

/** The brute-force counters of one account, as persisted on its user record (times in epoch ms). */
export interface LockoutState {
  /** Failures counted since the last reset. */
  failures: number;
  lastFailureAt: number | null;
  /** End of the temporary lock in force (or last in force); null when there was none. */
  lockedUntil: number | null;
  /** Temporary lockouts since the last reset. */
  temporaryLockouts: number;
  /** Locked until an administrator unlocks. */
  permanent: boolean;
}

const time = z.number().int().nonnegative();

/** The schema of {@link LockoutState}, for the store. */
export const lockoutStateSchema = z.object({
  failures: z.number().int().nonnegative(),
  lastFailureAt: time.nullable(),
  lockedUntil: time.nullable(),
  temporaryLockouts: z.number().int().nonnegative(),
  permanent: z.boolean(),
});

/** A lock decided by one failure. */
export interface LockDecision {
  /** When it ends; null for a permanent lock. */
  until: number | null;
  /** Its length; null for a permanent lock. */
  waitMs: number | null;
}

/** The counters of an account that never failed. */
export function emptyLockoutState(): LockoutState {
  return {
    failures: 0,
    lastFailureAt: null,
    lockedUntil: null,
    temporaryLockouts: 0,
    permanent: false,
  };
}

function nonNegativeInteger(policy: LockoutPolicy, key: keyof LockoutPolicy, min: number): void {
  const value = policy[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new TypeError(`"${key}" must be an integer of at least ${min}`);
  }
}

/**
 * Checks a policy (a programming or settings error is a TypeError naming the option).
 *
 * @returns the same policy.
 */
export function assertLockoutPolicy(policy: LockoutPolicy): LockoutPolicy {
  if (typeof policy !== 'object' || policy === null)
    throw new TypeError('"policy" must be an object');
  nonNegativeInteger(policy, 'maxFailures', 1);
  nonNegativeInteger(policy, 'waitIncrementMs', 0);
  nonNegativeInteger(policy, 'maxWaitMs', 0);
  nonNegativeInteger(policy, 'failureResetMs', 1);
  nonNegativeInteger(policy, 'maxTemporaryLockouts', 0);
  if (typeof policy.permanentLockout !== 'boolean')
    throw new TypeError('"permanentLockout" must be a boolean');
  return policy;
}

function assertNow(now: number): void {
  if (typeof now !== 'number' || !Number.isSafeInteger(now) || now < 0) {
    throw new TypeError('"now" must be a time in epoch milliseconds');
  }
}

/** Whether the account is locked at `now`, and until when (null while permanent or unlocked). */
export function lockStatus(
  state: LockoutState,
  now: number,
): { locked: boolean; until: number | null; permanent: boolean } {
  assertNow(now);
  if (state.permanent) return { locked: true, until: null, permanent: true };
  if (state.lockedUntil !== null && state.lockedUntil > now)
    return { locked: true, until: state.lockedUntil, permanent: false };
  return { locked: false, until: null, permanent: false };
}

/**
 * Counts one failed login at `now`.
 *
 * @returns the new state (the input is not changed) and the lock this failure decided, if any.
 * @example
 * let state = emptyLockoutState();
 * for (let i = 0; i < 5; i++) ({ state, lock } = recordFailure(state, DEFAULT_LOCKOUT_POLICY, now));
 * // lock: { until: now + 60_000, waitMs: 60_000 }
 */
export function recordFailure(
  state: LockoutState,
  policy: LockoutPolicy,
  now: number,
): { state: LockoutState; lock: LockDecision | null } {
  assertLockoutPolicy(policy);
  assertNow(now);
  if (lockStatus(state, now).locked) return { state, lock: null };
  const permanentOnly = policy.permanentLockout && policy.maxTemporaryLockouts === 0;
  let next: LockoutState = { ...state };
  const since = state.lastFailureAt === null ? 0 : now - state.lastFailureAt;
  // A clock that went back (since < 0) resets nothing, as in Keycloak.
  if (!permanentOnly && since > policy.failureResetMs) next = emptyLockoutState();
  next.failures += 1;
  next.lastFailureAt = now;

  if (permanentOnly) {
    if (next.failures < policy.maxFailures) return { state: next, lock: null };
    return {
      state: { ...next, permanent: true, lockedUntil: null },
      lock: { until: null, waitMs: null },
    };
  }
  const waitMs = Math.min(
    policy.maxWaitMs,
    policy.waitIncrementMs * Math.floor(next.failures / policy.maxFailures),
  );
  if (waitMs <= 0) return { state: next, lock: null };
  next.temporaryLockouts += 1;
  if (policy.permanentLockout && next.temporaryLockouts > policy.maxTemporaryLockouts) {
    return {
      state: { ...next, permanent: true, lockedUntil: null },
      lock: { until: null, waitMs: null },
    };
  }
  next.lockedUntil = now + waitMs;
  return { state: next, lock: { until: next.lockedUntil, waitMs } };
}

/**
 * Clears the counters after a successful login. A permanent lock stays (callers refuse a locked
 * account before checking its password, so this is a guard, not a path).
 */
export function recordSuccess(state: LockoutState): LockoutState {
  return { ...emptyLockoutState(), permanent: state.permanent };
}

/** Lifts any lock and clears the counters (an administrator's `security --unlock`). */
export function unlock(_state: LockoutState): LockoutState {
  return emptyLockoutState();
}
