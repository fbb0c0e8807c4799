/**
 * @module The one place where request content and actor history meet.
 *
 * Failed logins, detected threats, CSRF refusals and refused tokens from an address (and failed
 * logins against an account) all feed the same counters: the account's lockout state (Keycloak's
 * model) and the address's failure window (fail2ban's). A decision is explainable: every audit
 * event it causes — the failure, the lockout, the ban — carries one shared `incident` id. In a
 * simulate mode the decision is logged exactly the same way, marked `simulated`, and nothing is
 * enforced.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Store } from '../../store/store.js';
import type { IpOffense } from '../../store/schema.js';
import type { AuditLog } from '../audit-log.js';
import type { Blacklist } from '../blacklist.js';
import type { FailureTracker } from '../guard/ban-policy.js';
import { recordFailure, type LockoutPolicy } from '../guard/lockout-policy.js';
import { parseIp } from '../ip.js';
import type { UserDirectory } from '../users/user-directory.js';
import { formatDuration } from '../../../src/protocol/duration.js';

/** What went wrong, and who and where from. */
export interface FailureInput {
  kind: 'login' | 'threat' | 'csrf' | 'token';
  ip: string | null;
  /** The account a failed login was against, when it exists. */
  username?: string | null;
  /** Reuse an incident id already written on the failure's own event. */
  incident?: string;
}

export interface Enforcement {
  incident: string;
  /** Failures counted for the address in the current window (0 without an address). */
  ipFailures: number;
  lockout: null | { username: string; until: number | null; simulated: boolean };
  ban: null | { ip: string; ttlMs: number; offense: number; simulated: boolean };
}

export interface DecisionPointOptions {
  store: Store;
  users: UserDirectory;
  blacklist: Blacklist;
  audit: AuditLog;
  clock: Clock;
  tracker: FailureTracker;
  lockoutPolicy: () => LockoutPolicy;
  simulate: () => { lockout: boolean; bans: boolean };
  findTimeMs: () => number;
}

export class DecisionPoint {
  constructor(private readonly options: DecisionPointOptions) {}

  /** A new incident id, for a caller that writes the failure's own event first. */
  newIncident(): string {
    return randomUUID();
  }

  /** Counts one failure and enforces (or simulates) what it triggers. */
  async failure(input: FailureInput): Promise<Enforcement> {
    const incident = input.incident ?? randomUUID();
    const result: Enforcement = { incident, ipFailures: 0, lockout: null, ban: null };
    if (input.kind === 'login' && input.username)
      result.lockout = await this.countAccountFailure(input.username, incident);
    if (input.ip !== null) {
      // Canonical, as the tracker and the blacklist key it: the offense history must find the
      // address however it was written ("2001:DB8::1" and "2001:db8:0:0::1" are one offender).
      const ip = parseIp(input.ip).canonical;
      const { count, ban } = this.countAddressFailure(ip, input.kind);
      result.ipFailures = count;
      if (ban !== null) result.ban = await this.ban(ip, ban, input.kind, count, incident);
    }
    return result;
  }

  private async countAccountFailure(
    username: string,
    incident: string,
  ): Promise<Enforcement['lockout']> {
    const { users, clock, audit } = this.options;
    const record = users.find(username);
    if (record === undefined) return null;
    const now = clock.now();
    const { state, lock } = recordFailure(record.lockout, this.options.lockoutPolicy(), now);
    const simulated = this.options.simulate().lockout;
    // Simulated: the counters advance, but the lock itself is not stored.
    await users.setLockout(
      record.username,
      lock !== null && simulated
        ? { ...state, lockedUntil: record.lockout.lockedUntil, permanent: false }
        : state,
    );
    if (lock === null) return null;
    await audit.append({
      type: 'user.locked',
      actor: 'system',
      subject: record.username,
      outcome: simulated ? 'info' : 'success',
      details: {
        incident,
        simulated,
        failures: state.failures,
        until: lock.until === null ? null : new Date(lock.until).toISOString(),
        permanent: lock.until === null,
      },
    });
    return { username: record.username, until: lock.until, simulated };
  }

  private countAddressFailure(
    ip: string,
    kind: string,
  ): { count: number; ban: { ttlMs: number; offense: number } | null } {
    const prior = this.options.store.data.ipOffenses.find((o) => o.ip === ip)?.offenses ?? 0;
    const { count, ban } = this.options.tracker.record(ip, this.options.clock.now(), kind, prior);
    return { count, ban };
  }

  private async ban(
    ip: string,
    ban: { ttlMs: number; offense: number },
    kind: string,
    count: number,
    incident: string,
  ): Promise<Enforcement['ban']> {
    const { audit, blacklist } = this.options;
    const simulated = this.options.simulate().bans;
    const reason = `auto: ${count} failures (${kind}) within ${formatDuration(this.options.findTimeMs())}, ban #${ban.offense}`;
    if (!simulated) {
      await blacklist.add(ip, {
        ttlMs: ban.ttlMs,
        reason,
        source: 'auto',
        actor: 'system',
        incident,
      });
      await this.recordOffense(ip, ban.offense);
    }
    await audit.append({
      type: 'ip.banned',
      actor: 'system',
      subject: ip,
      ip,
      outcome: simulated ? 'info' : 'success',
      details: {
        incident,
        simulated,
        ttlMs: ban.ttlMs,
        offense: ban.offense,
        failures: count,
        kind,
      },
    });
    return { ip, ttlMs: ban.ttlMs, offense: ban.offense, simulated };
  }

  private async recordOffense(ip: string, offenses: number): Promise<void> {
    const { store, clock } = this.options;
    const list = store.data.ipOffenses;
    const old = list.find((o) => o.ip === ip);
    const next: IpOffense = { ip, offenses, lastBanAt: clock.now() };
    await store.mutate(() => {
      if (old === undefined) list.push(next);
      else list[list.indexOf(old)] = next;
      return {
        result: undefined,
        undo: () =>
          old === undefined
            ? void list.splice(list.indexOf(next), 1)
            : void (list[list.indexOf(next)] = old),
      };
    });
  }
}
