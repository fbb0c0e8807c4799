/**
 * @module Whether a listen address keeps a server on this host.
 *
 * Only `localhost` and loopback IPs (127.0.0.0/8, ::1, and IPv4-mapped forms of them) count. Any
 * other name is treated as reachable from the network: we do not resolve names, since what a name
 * resolves to can change after the assessment, and `0.0.0.0` / `::` listen on every interface.
 */
import ipaddr from 'ipaddr.js';

/** True when a server bound to `host` is reachable from this host only. */
export function isLoopbackHost(host: string): boolean {
  let name = host.trim().toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name === 'localhost') return true;
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  if (!ipaddr.isValid(name)) return false;
  // process() turns ::ffff:127.0.0.1 into 127.0.0.1, which range() then sees as loopback.
  return ipaddr.process(name).range() === 'loopback';
}
