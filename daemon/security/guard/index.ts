/**
 * @module Automatic enforcement policies: account lockout, per-IP bans and the allowlist. Each
 * returns decisions as plain data; the caller enforces them or, in simulate mode, only logs them.
 */
export {
  DEFAULT_LOCKOUT_POLICY,
  assertLockoutPolicy,
  emptyLockoutState,
  lockStatus,
  lockoutStateSchema,
  recordFailure,
  recordSuccess,
  unlock,
  type LockDecision,
  type LockoutPolicy,
  type LockoutState,
} from './lockout-policy.js';
export { DEFAULT_ALLOWLIST, IpAllowlist } from './ip-allowlist.js';
export {
  DEFAULT_BAN_POLICY,
  FailureTracker,
  assertBanPolicy,
  banDuration,
  type BanDecision,
  type BanPolicy,
  type FailureResult,
  type FailureTrackerOptions,
} from './ban-policy.js';
