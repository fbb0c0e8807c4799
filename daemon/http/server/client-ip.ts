/**
 * @module The client's address in the form the blacklist and the ban counter key it.
 */
import { parseIp } from '../../security/ip.js';

/** Canonical address (`::ffff:127.0.0.1` → `127.0.0.1`); `0.0.0.0` when the socket has none. */
export function clientIp(remoteAddress: string | undefined): string {
  if (remoteAddress === undefined) return '0.0.0.0';
  try {
    return parseIp(remoteAddress).canonical;
  } catch {
    return '0.0.0.0';
  }
}
