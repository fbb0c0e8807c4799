/**
 * @module Library entry `clickup-brain`: the engines in-process.
 *
 * @example
 * ```ts
 * import { getSecuritySystem, getMonitoringSystem } from 'clickup-brain';
 * const security = getSecuritySystem();
 * await security.addToBlacklist('203.0.113.7', { reason: 'scanner', ttlMs: 3_600_000 });
 * const health = await getMonitoringSystem().health();
 * ```
 */
import type { BlacklistChange, BlacklistEntry, HealthReport } from '../src/protocol/schemas.js';
import { systemClock, type Clock } from './clock.js';
import { openCore, type Core } from './core.js';

export type { BlacklistChange, BlacklistEntry, HealthReport } from '../src/protocol/schemas.js';
export type { Clock } from './clock.js';
export { AppError, InvalidInputError, NotFoundError } from '../src/protocol/errors.js';

export interface SystemOptions {
  /**
   * A folder for store.json and events.jsonl (locked while open, so a daemon and a library never
   * write one store), or `memory` (the default): nothing touches the disk.
   */
  store?: 'memory' | { dir: string };
  /** The clock (default: the system clock); tests pass a manual one. */
  clock?: Clock;
  /** Who is named as the actor in audit events (default `library`). */
  actor?: string;
}

function open(options: SystemOptions): Promise<Core> {
  const store = options.store ?? 'memory';
  if (store !== 'memory' && (typeof store !== 'object' || typeof store.dir !== 'string' || store.dir === '')) {
    throw new TypeError('"store" option must be "memory" or { dir: string }');
  }
  return openCore({ dataDir: store === 'memory' ? null : store.dir, clock: options.clock ?? systemClock });
}

/** The security engine in-process. */
export class SecuritySystem {
  private readonly actor: string;
  constructor(
    private readonly core: Promise<Core>,
    actor = 'library',
  ) {
    this.actor = actor;
  }

  /** Blocks an address or CIDR network; an existing entry gets the new reason and expiry. */
  async addToBlacklist(target: string, options: { ttlMs?: number | null; reason?: string } = {}): Promise<{ entry: BlacklistEntry; created: boolean }> {
    return (await this.core).blacklist.add(target, { ...options, source: 'manual', actor: this.actor });
  }

  /** Unblocks exactly this address or network. @throws NotFoundError */
  async removeFromBlacklist(target: string): Promise<BlacklistEntry> {
    return (await this.core).blacklist.remove(target, this.actor);
  }

  /** The entry that blocks `ip`, or null. @throws InvalidInputError for a bad address. */
  async isBlacklisted(ip: string): Promise<BlacklistEntry | null> {
    return (await this.core).blacklist.check(ip);
  }

  async listBlacklist(): Promise<BlacklistEntry[]> {
    return (await this.core).blacklist.list();
  }

  /** Calls `listener` after each durable change. @returns a function that unsubscribes. */
  async onBlacklistChange(listener: (change: BlacklistChange) => void): Promise<() => void> {
    const { blacklist } = await this.core;
    blacklist.on('change', listener);
    return () => blacklist.off('change', listener);
  }

  /** Removes entries whose time is up (the daemon does this on a schedule). */
  async expireBlacklist(): Promise<number> {
    return (await this.core).blacklist.expireDue();
  }
}

/** The monitoring engine in-process. */
export class MonitoringSystem {
  constructor(private readonly core: Promise<Core>) {}

  /** Runs the built-in checks now and returns the report. */
  async health(): Promise<HealthReport> {
    return (await this.core).health.run();
  }
}

/** Both engines over one store. */
export interface Systems {
  security: SecuritySystem;
  monitoring: MonitoringSystem;
  /** Flushes writes and releases the store. */
  close(): Promise<void>;
}

/** Opens both engines over a new store. */
export function openSystems(options: SystemOptions = {}): Systems {
  const core = open(options);
  return {
    security: new SecuritySystem(core, options.actor),
    monitoring: new MonitoringSystem(core),
    close: async () => (await core).close(),
  };
}

let shared: Systems | null = null;

function sharedSystems(options?: SystemOptions): Systems {
  if (shared === null) shared = openSystems(options);
  else if (options !== undefined) throw new TypeError('the shared systems are already open; pass options on the first call only, or use openSystems()');
  return shared;
}

/** The process-wide security system (a memory store unless the first call says otherwise). */
export function getSecuritySystem(options?: SystemOptions): SecuritySystem {
  return sharedSystems(options).security;
}

/** The process-wide monitoring system, sharing the store of {@link getSecuritySystem}. */
export function getMonitoringSystem(options?: SystemOptions): MonitoringSystem {
  return sharedSystems(options).monitoring;
}
