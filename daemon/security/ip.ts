/**
 * @module Parsing and canonical forms of IP addresses and networks (ipaddr.js underneath).
 *
 * IPv4 must be four-part decimal: ipaddr.js (like inet_aton) would also take `127.1` or
 * `0x7f.0.0.1`, which nobody means in a blacklist. IPv4-mapped IPv6 addresses are treated as the
 * IPv4 address they carry, so `::ffff:203.0.113.7` and `203.0.113.7` are one entry.
 */
import ipaddr from 'ipaddr.js';
import { InvalidInputError } from '../../src/protocol/errors.js';

/** An address or a network in canonical form. */
export interface IpTarget {
  /** `203.0.113.7`, `2001:db8::1`, or a network `10.0.0.0/8`, `2001:db8::/32`. */
  canonical: string;
  family: 4 | 6;
  prefixLength: number;
  /** The network's bytes (the address for a single host). */
  bytes: number[];
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;

function parseAddress(text: string, field: string): Address {
  if (text.includes('%')) throw new InvalidInputError(`'${text}' has an IPv6 zone index, which a blacklist cannot use`, field);
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  // ipaddr.js reads the deprecated IPv4-compatible form ::a.b.c.d as IPv4-mapped; spell it in hex.
  const compatible = /^::(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (compatible !== null && ipaddr.IPv4.isValidFourPartDecimal(compatible[1] as string)) {
    const [a, b, c, d] = ipaddr.IPv4.parse(compatible[1] as string).octets as [number, number, number, number];
    return new ipaddr.IPv6([0, 0, 0, 0, 0, 0, (a << 8) | b, (c << 8) | d]);
  }
  if (!text.includes('.') || text.includes(':')) {
    if (ipaddr.IPv6.isValid(text)) {
      const v6 = ipaddr.IPv6.parse(text);
      return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
    }
  }
  throw new InvalidInputError(`'${text}' is not a valid IP address (expected IPv4 like 203.0.113.7 or IPv6 like 2001:db8::1)`, field);
}

function canonicalAddress(address: Address): string {
  return address.kind() === 'ipv4' ? address.toString() : (address as ipaddr.IPv6).toRFC5952String();
}

function maskBytes(bytes: number[], prefixLength: number): number[] {
  return bytes.map((byte, i) => {
    const bits = Math.max(0, Math.min(8, prefixLength - i * 8));
    return bits === 0 ? 0 : byte & (0xff << (8 - bits)) & 0xff;
  });
}

/**
 * Parses one address (for lookups).
 *
 * @throws InvalidInputError naming the text and `field`.
 */
export function parseIp(text: string, field = 'ip'): IpTarget {
  const address = parseAddress(text.trim(), field);
  const family = address.kind() === 'ipv4' ? 4 : 6;
  return { canonical: canonicalAddress(address), family, prefixLength: family === 4 ? 32 : 128, bytes: address.toByteArray() };
}

/**
 * Parses an address or a CIDR network (for blacklist entries). A network with host bits set is
 * refused with the network it probably meant, rather than silently widened or narrowed.
 *
 * @throws InvalidInputError
 */
export function parseTarget(text: string, field = 'target'): IpTarget {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  if (slash === -1) return parseIp(trimmed, field);
  const addressText = trimmed.slice(0, slash);
  const prefixText = trimmed.slice(slash + 1);
  let address = parseAddress(addressText, field);
  const wasMapped = address.kind() === 'ipv4' && addressText.includes(':');
  if (!/^\d{1,3}$/.test(prefixText)) throw new InvalidInputError(`'${text}' has an invalid prefix length '${prefixText}'`, field);
  let prefixLength = Number(prefixText);
  if (wasMapped) {
    if (prefixLength < 96) throw new InvalidInputError(`'${text}': an IPv4-mapped network needs a prefix of at least 96`, field);
    prefixLength -= 96;
  }
  const family = address.kind() === 'ipv4' ? 4 : 6;
  const max = family === 4 ? 32 : 128;
  if (prefixLength > max) throw new InvalidInputError(`'${text}' has prefix length ${prefixLength}, but IPv${family} allows at most ${max}`, field);
  const bytes = address.toByteArray();
  const network = maskBytes(bytes, prefixLength);
  if (network.some((b, i) => b !== bytes[i])) {
    address = ipaddr.fromByteArray(network);
    throw new InvalidInputError(`'${text}' has host bits set; did you mean ${canonicalAddress(address)}/${prefixLength}?`, field);
  }
  if (prefixLength === max) return { canonical: canonicalAddress(address), family, prefixLength, bytes };
  return { canonical: `${canonicalAddress(address)}/${prefixLength}`, family, prefixLength, bytes };
}

/** A key naming the network of `bytes` at `prefixLength`, for map lookups. */
export function networkKey(family: 4 | 6, bytes: number[], prefixLength: number): string {
  return `${family}/${prefixLength}/${maskBytes(bytes, prefixLength).join('.')}`;
}
