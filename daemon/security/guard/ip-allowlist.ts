/**
 * @module Addresses and networks that automatic bans never touch (fail2ban's `ignoreip`).
 *
 * Entries are IPv4 or IPv6 addresses or CIDR networks, parsed by ../ip.ts, so an IPv4-mapped IPv6
 * address (`::ffff:127.0.0.1`, what a dual-stack socket reports) is the IPv4 address it carries.
 * Lookups do not scan: entries are indexed by (family, prefix length, network), and a check masks
 * the address once per prefix length in use — at most 33 probes for IPv4 and 129 for IPv6.
 */
import { networkKey, parseIp, parseTarget, type IpTarget } from '../ip.js';

/** Loopback only, like fail2ban's `ignoreip = 127.0.0.1/8 ::1`: the host never bans itself. */
export const DEFAULT_ALLOWLIST: readonly string[] = Object.freeze(['127.0.0.0/8', '::1/128']);

/** A fixed set of allowlisted addresses and networks; build a new one to change it. */
export class IpAllowlist {
  private readonly keys = new Set<string>();
  private readonly canonical: string[] = [];
  /** Prefix lengths in use per family, longest first. */
  private readonly prefixes: Record<4 | 6, number[]> = { 4: [], 6: [] };

  /**
   * @param entries Addresses and networks (`203.0.113.7`, `10.0.0.0/8`, `2001:db8::/32`); a
   *   repeated entry counts once.
   * @throws InvalidInputError (field `allowlist`) for an entry that is not an address or network,
   *   with the reason (a network with host bits set names the network it probably meant).
   */
  constructor(entries: readonly string[]) {
    if (!Array.isArray(entries) || !entries.every((entry) => typeof entry === 'string')) {
      throw new TypeError('"entries" must be an array of strings');
    }
    for (const entry of entries) this.add(parseTarget(entry, 'allowlist'));
  }

  private add(target: IpTarget): void {
    const key = networkKey(target.family, target.bytes, target.prefixLength);
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.canonical.push(target.canonical);
    const list = this.prefixes[target.family];
    if (!list.includes(target.prefixLength)) {
      list.push(target.prefixLength);
      list.sort((a, b) => b - a);
    }
  }

  /**
   * True when `ip` is one of the addresses or inside one of the networks. A string that is not an
   * address (a socket that reported none, a zone index) is not allowlisted.
   */
  has(ip: string): boolean {
    if (typeof ip !== 'string') throw new TypeError('"ip" must be a string');
    let target: IpTarget;
    try {
      target = parseIp(ip);
    } catch {
      return false;
    }
    return this.prefixes[target.family].some((prefix) =>
      this.keys.has(networkKey(target.family, target.bytes, prefix)),
    );
  }

  /** The entries in canonical form, in the order given, without repeats. */
  entries(): string[] {
    return [...this.canonical];
  }

  /** How many distinct entries. */
  get size(): number {
    return this.canonical.length;
  }
}
