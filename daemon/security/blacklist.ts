/**
 * @module The IP blacklist: manual and automatic entries for addresses and networks, with expiry.
 *
 * Lookups do not scan the list: entries are indexed by (family, prefix length, network), and a
 * check masks the address once per prefix length in use — at most 33 probes for IPv4, 129 for IPv6,
 * however many entries there are.
 */
import { EventEmitter } from 'node:events';
import { NotFoundError } from '../../src/protocol/errors.js';
import type { BlacklistChange, BlacklistEntry } from '../../src/protocol/schemas.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store/store.js';
import type { AuditLog } from './audit-log.js';
import { networkKey, parseIp, parseTarget, type IpTarget } from './ip.js';

/** How many parsed addresses {@link Blacklist.check} keeps. */
const PARSED_LIMIT = 1024;

export interface AddOptions {
  /** Lifetime in ms; null or absent: permanent. */
  ttlMs?: number | null;
  reason?: string;
  source?: 'manual' | 'auto';
  actor: string;
  /** The incident id an automatic ban belongs to, recorded with the audit event. */
  incident?: string;
}

/**
 * Events: `change` ({@link BlacklistChange}) after each change is durable.
 */
export class Blacklist extends EventEmitter {
  private readonly index = new Map<string, BlacklistEntry>();
  /**
   * Addresses already parsed by {@link check}, by the text asked about: the web server checks the
   * same few client addresses on every request, and parsing one (ipaddr.js) costs more than the
   * lookup. Bounded; only valid addresses are kept, so a bad one is refused the same way each time.
   */
  private readonly parsed = new Map<string, IpTarget>();
  /** Prefix lengths in use per family, longest first. */
  private prefixes: Record<4 | 6, number[]> = { 4: [], 6: [] };

  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {
    super();
    for (const entry of store.data.blacklist) this.indexEntry(entry);
  }

  private keyOf(entry: Pick<BlacklistEntry, 'family' | 'prefixLength'>, target: IpTarget): string {
    return networkKey(entry.family, target.bytes, entry.prefixLength);
  }

  private indexEntry(entry: BlacklistEntry): void {
    const target = parseTarget(entry.target);
    this.index.set(this.keyOf(entry, target), entry);
    const list = this.prefixes[entry.family];
    if (!list.includes(entry.prefixLength)) {
      list.push(entry.prefixLength);
      list.sort((a, b) => b - a);
    }
  }

  private unindexEntry(entry: BlacklistEntry): void {
    this.index.delete(this.keyOf(entry, parseTarget(entry.target)));
    const stillUsed = this.store.data.blacklist.some(
      (e) => e.family === entry.family && e.prefixLength === entry.prefixLength,
    );
    if (!stillUsed)
      this.prefixes[entry.family] = this.prefixes[entry.family].filter(
        (p) => p !== entry.prefixLength,
      );
  }

  private isExpired(entry: BlacklistEntry, now: number): boolean {
    return entry.expiresAt !== null && Date.parse(entry.expiresAt) <= now;
  }

  /**
   * Adds an entry, or updates the reason and expiry of an existing one for the same target.
   *
   * @throws InvalidInputError for a bad address or network.
   */
  async add(
    text: string,
    options: AddOptions,
  ): Promise<{ entry: BlacklistEntry; created: boolean }> {
    const target = parseTarget(text);
    const now = this.clock.now();
    const nowIso = new Date(now).toISOString();
    const expiresAt =
      options.ttlMs === undefined || options.ttlMs === null
        ? null
        : new Date(now + options.ttlMs).toISOString();
    const key = networkKey(target.family, target.bytes, target.prefixLength);
    const { entry, created } = await this.store.mutate(() => {
      const list = this.store.data.blacklist;
      const existing = this.index.get(key);
      if (existing !== undefined) {
        const position = list.indexOf(existing);
        const updated: BlacklistEntry = {
          ...existing,
          reason: options.reason ?? existing.reason,
          source: options.source ?? existing.source,
          expiresAt,
          updatedAt: nowIso,
        };
        list[position] = updated;
        this.index.set(key, updated);
        return {
          result: { entry: updated, created: false },
          undo: () => {
            list[list.indexOf(updated)] = existing;
            this.index.set(key, existing);
          },
        };
      }
      const entry: BlacklistEntry = {
        target: target.canonical,
        family: target.family,
        prefixLength: target.prefixLength,
        source: options.source ?? 'manual',
        reason: options.reason ?? '',
        createdAt: nowIso,
        updatedAt: nowIso,
        expiresAt,
        createdBy: options.actor,
      };
      list.push(entry);
      this.indexEntry(entry);
      return {
        result: { entry, created: true },
        undo: () => {
          list.splice(list.indexOf(entry), 1);
          this.unindexEntry(entry);
        },
      };
    });
    await this.audit.append({
      type: created ? 'blacklist.added' : 'blacklist.updated',
      actor: options.actor,
      subject: entry.target,
      outcome: 'success',
      details: {
        source: entry.source,
        reason: entry.reason,
        expiresAt: entry.expiresAt,
        ...(options.incident === undefined ? {} : { incident: options.incident }),
      },
    });
    this.emitChange({ action: created ? 'added' : 'updated', entry });
    return { entry, created };
  }

  /**
   * Removes the entry for exactly this address or network.
   *
   * @throws NotFoundError when there is none; InvalidInputError for a bad target.
   */
  async remove(text: string, actor: string): Promise<BlacklistEntry> {
    const target = parseTarget(text);
    const entry = this.index.get(networkKey(target.family, target.bytes, target.prefixLength));
    if (entry === undefined) throw new NotFoundError(`${target.canonical} is not on the blacklist`);
    await this.removeEntry(entry);
    await this.audit.append({
      type: 'blacklist.removed',
      actor,
      subject: entry.target,
      outcome: 'success',
      details: { source: entry.source },
    });
    this.emitChange({ action: 'removed', entry });
    return entry;
  }

  private async removeEntry(entry: BlacklistEntry): Promise<void> {
    await this.store.mutate(() => {
      const list = this.store.data.blacklist;
      const position = list.indexOf(entry);
      list.splice(position, 1);
      this.unindexEntry(entry);
      return {
        result: undefined,
        undo: () => {
          list.splice(position, 0, entry);
          this.indexEntry(entry);
        },
      };
    });
  }

  /** Entries in force now, oldest first. */
  list(): BlacklistEntry[] {
    const now = this.clock.now();
    return this.store.data.blacklist.filter((e) => !this.isExpired(e, now));
  }

  /**
   * The entry that blocks `ip`, the most specific first, or null.
   *
   * @throws InvalidInputError for a bad address.
   */
  check(ip: string): BlacklistEntry | null {
    const address = this.parseCached(ip);
    const now = this.clock.now();
    for (const prefixLength of this.prefixes[address.family]) {
      const entry = this.index.get(networkKey(address.family, address.bytes, prefixLength));
      if (entry !== undefined && !this.isExpired(entry, now)) return entry;
    }
    return null;
  }

  /** {@link parseIp}, remembered for the last {@link PARSED_LIMIT} distinct addresses. */
  private parseCached(ip: string): IpTarget {
    const known = this.parsed.get(ip);
    if (known !== undefined) return known;
    const address = parseIp(ip);
    if (this.parsed.size >= PARSED_LIMIT) {
      // Oldest first out: a Map iterates in insertion order.
      const oldest = this.parsed.keys().next();
      if (oldest.done !== true) this.parsed.delete(oldest.value);
    }
    this.parsed.set(ip, address);
    return address;
  }

  /** Removes entries whose time is up. @returns how many were removed. */
  async expireDue(): Promise<number> {
    const now = this.clock.now();
    const due = this.store.data.blacklist.filter((e) => this.isExpired(e, now));
    for (const entry of due) {
      if (!this.store.data.blacklist.includes(entry)) continue;
      await this.removeEntry(entry);
      await this.audit.append({
        type: 'blacklist.expired',
        actor: 'system',
        subject: entry.target,
        outcome: 'info',
        details: { expiresAt: entry.expiresAt },
      });
      this.emitChange({ action: 'expired', entry });
    }
    return due.length;
  }

  /** Milliseconds until the next entry expires, or null when none will. */
  msUntilNextExpiry(): number | null {
    let next: number | null = null;
    for (const entry of this.store.data.blacklist) {
      if (entry.expiresAt === null) continue;
      const at = Date.parse(entry.expiresAt);
      if (next === null || at < next) next = at;
    }
    return next === null ? null : Math.max(0, next - this.clock.now());
  }

  private emitChange(change: BlacklistChange): void {
    this.emit('change', change);
  }
}
