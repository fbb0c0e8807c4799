/**
 * @module Per-IP brute-force detection with fail2ban's semantics: the policy, the ban length for
 * repeat offenders, and the in-memory failure counter that decides bans.
 *
 * - **When:** an address is banned when its failures within the last `findTimeMs` *reach*
 *   `maxRetry` — with the defaults, on the 5th failure in 10 minutes, as fail2ban does
 *   (`maxretry = 5` bans on the fifth match). The window slides: a failure counts while it is
 *   less than `findTimeMs` old. Failures of every kind (`auth`, `threat`, …) count together, like
 *   one jail watching several filters; the kinds are reported for the ban's reason.
 * - **How long:** fail2ban's `bantime.increment` with its default formula,
 *   `bantime × 2^min(n, 20) × factor` for an address banned n times before (the first ban is
 *   plain `bantime`), capped at `maxBanTimeMs` (`bantime.maxtime`). With the defaults: 10 min,
 *   20, 40, 80 min, … 7 days from the eleventh ban on. `bantime.rndtime` is not implemented.
 * - **Never:** addresses on the allowlist (`ignoreip`) are not counted.
 *
 * The tracker only decides: the caller writes the ban to the blacklist (source `auto`, with the
 * TTL, so it persists and expires there) or, in simulate mode, only logs it. After a ban is
 * decided the address's window is cleared, so it starts from zero when the ban ends.
 */
import { parseIp } from '../ip.js';
import type { IpAllowlist } from './ip-allowlist.js';

/** The brute-force ban settings; every duration in milliseconds. */
export interface BanPolicy {
  /** Failures within `findTimeMs` that ban (fail2ban `maxretry`). Default 5. */
  maxRetry: number;
  /** The window failures are counted in (`findtime`). Default 600 000 (10 min). */
  findTimeMs: number;
  /** Length of a first ban (`bantime`). Default 600 000 (10 min). */
  banTimeMs: number;
  /** Ban repeat offenders longer (`bantime.increment`). Default true. */
  increment: boolean;
  /** Multiplier of the growth from the second ban on (`bantime.factor`). Default 1. */
  factor: number;
  /** Longest ban when incrementing (`bantime.maxtime`). Default 604 800 000 (7 days). */
  maxBanTimeMs: number;
}

export const DEFAULT_BAN_POLICY: Readonly<BanPolicy> = Object.freeze({
  maxRetry: 5,
  findTimeMs: 10 * 60 * 1000,
  banTimeMs: 10 * 60 * 1000,
  increment: true,
  factor: 1,
  maxBanTimeMs: 7 * 24 * 60 * 60 * 1000,
});

/** fail2ban's formula stops doubling after 20 previous bans. */
const MAX_DOUBLINGS = 20;

function positiveInteger(value: unknown, name: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`"${name}" must be a positive integer`);
  }
}

/**
 * Checks a policy (a programming or settings error is a TypeError naming the option).
 *
 * @returns the same policy.
 */
export function assertBanPolicy(policy: BanPolicy): BanPolicy {
  if (typeof policy !== 'object' || policy === null)
    throw new TypeError('"policy" must be an object');
  positiveInteger(policy.maxRetry, 'maxRetry');
  positiveInteger(policy.findTimeMs, 'findTimeMs');
  positiveInteger(policy.banTimeMs, 'banTimeMs');
  if (typeof policy.increment !== 'boolean') throw new TypeError('"increment" must be a boolean');
  if (typeof policy.factor !== 'number' || !Number.isFinite(policy.factor) || policy.factor <= 0) {
    throw new TypeError('"factor" must be a positive number');
  }
  positiveInteger(policy.maxBanTimeMs, 'maxBanTimeMs');
  if (policy.maxBanTimeMs < policy.banTimeMs)
    throw new TypeError('"maxBanTimeMs" must not be less than "banTimeMs"');
  return policy;
}

/**
 * The length of an address's `offense`-th ban (1 for a first ban).
 *
 * @example
 * banDuration(DEFAULT_BAN_POLICY, 1); // 600_000 (10 min)
 * banDuration(DEFAULT_BAN_POLICY, 3); // 2_400_000 (40 min)
 */
export function banDuration(policy: BanPolicy, offense: number): number {
  assertBanPolicy(policy);
  positiveInteger(offense, 'offense');
  if (!policy.increment || offense === 1) return policy.banTimeMs;
  const grown = policy.banTimeMs * 2 ** Math.min(offense - 1, MAX_DOUBLINGS) * policy.factor;
  return Math.min(policy.maxBanTimeMs, Math.round(grown));
}

/** A ban decided by {@link FailureTracker.record}. */
export interface BanDecision {
  /** How long to ban, from now. */
  ttlMs: number;
  /** Which ban of this address this is (1 for a first ban). */
  offense: number;
  /** The failures that led to it, counted by kind. */
  kinds: Record<string, number>;
}

/** The answer of {@link FailureTracker.record}. */
export interface FailureResult {
  /** Failures of this address in the window, this one included (0 when allowlisted). */
  count: number;
  ban: BanDecision | null;
  allowlisted: boolean;
}

export interface FailureTrackerOptions {
  /** Read on every failure, so a settings change applies at once. */
  policy: () => BanPolicy;
  /** Read on every failure, likewise. */
  allowlist: () => IpAllowlist;
  /** Most addresses remembered; beyond it the one whose last failure is oldest is forgotten. Default 100 000. */
  maxTracked?: number;
}

interface Failure {
  at: number;
  kind: string;
}

/** Counts failures per address in a sliding window and decides bans. Memory is bounded. */
export class FailureTracker {
  private readonly policy: () => BanPolicy;
  private readonly allowlist: () => IpAllowlist;
  private readonly maxTracked: number;
  /** Canonical address → its failures in the window, oldest first. Map order: least recently failed first. */
  private readonly windows = new Map<string, Failure[]>();

  constructor(options: FailureTrackerOptions) {
    if (typeof options !== 'object' || options === null)
      throw new TypeError('"options" must be an object');
    if (typeof options.policy !== 'function')
      throw new TypeError('"policy" must be a function returning the ban policy');
    if (typeof options.allowlist !== 'function')
      throw new TypeError('"allowlist" must be a function returning the allowlist');
    if (options.maxTracked !== undefined) positiveInteger(options.maxTracked, 'maxTracked');
    this.policy = options.policy;
    this.allowlist = options.allowlist;
    this.maxTracked = options.maxTracked ?? 100_000;
  }

  /**
   * Counts one failure of `ip` at `now`.
   *
   * @param kind What failed (`auth`, `threat`, …), for the ban's reason.
   * @param priorOffenses How many times this address was banned automatically before.
   * @throws InvalidInputError (field `ip`) when `ip` is not an address.
   */
  record(ip: string, now: number, kind: string, priorOffenses: number): FailureResult {
    if (typeof ip !== 'string') throw new TypeError('"ip" must be a string');
    if (typeof now !== 'number' || !Number.isSafeInteger(now) || now < 0) {
      throw new TypeError('"now" must be a time in epoch milliseconds');
    }
    if (typeof kind !== 'string' || kind === '')
      throw new TypeError('"kind" must be a non-empty string');
    if (
      typeof priorOffenses !== 'number' ||
      !Number.isSafeInteger(priorOffenses) ||
      priorOffenses < 0
    ) {
      throw new TypeError('"priorOffenses" must be a non-negative integer');
    }
    const policy = assertBanPolicy(this.policy());
    const address = parseIp(ip).canonical;
    if (this.allowlist().has(address)) {
      this.windows.delete(address);
      return { count: 0, ban: null, allowlisted: true };
    }
    const window = this.live(address, now, policy);
    window.push({ at: now, kind });
    // Re-inserting keeps the map ordered by last failure, so eviction drops the stalest address.
    this.windows.delete(address);
    if (window.length >= policy.maxRetry) {
      const kinds: Record<string, number> = {};
      for (const failure of window) kinds[failure.kind] = (kinds[failure.kind] ?? 0) + 1;
      const offense = priorOffenses + 1;
      return {
        count: window.length,
        ban: { ttlMs: banDuration(policy, offense), offense, kinds },
        allowlisted: false,
      };
    }
    this.windows.set(address, window);
    for (const oldest of this.windows.keys()) {
      if (this.windows.size <= this.maxTracked) break;
      this.windows.delete(oldest);
    }
    return { count: window.length, ban: null, allowlisted: false };
  }

  /** The failures of `address` still inside the window at `now`. */
  private live(address: string, now: number, policy: BanPolicy): Failure[] {
    const window = this.windows.get(address) ?? [];
    return window.filter((failure) => failure.at > now - policy.findTimeMs);
  }

  /** Failures of `ip` in the window at `now`, without counting one. */
  count(ip: string, now: number): number {
    const address = parseIp(ip).canonical;
    return this.windows.has(address)
      ? this.live(address, now, assertBanPolicy(this.policy())).length
      : 0;
  }

  /** Forgets the failures of `ip`. */
  reset(ip: string): void {
    this.windows.delete(parseIp(ip).canonical);
  }

  /** Forgets addresses with no failure in the window at `now` (for a periodic sweep); returns how many. */
  prune(now: number): number {
    const { findTimeMs } = assertBanPolicy(this.policy());
    let removed = 0;
    for (const [address, window] of this.windows) {
      const last = window[window.length - 1];
      if (last === undefined || last.at <= now - findTimeMs) {
        this.windows.delete(address);
        removed += 1;
      }
    }
    return removed;
  }

  /** How many addresses are remembered. */
  size(): number {
    return this.windows.size;
  }
}
