/**
 * @module The client's address in the form the blacklist and the ban counter key it.
 */
import type { Socket } from 'node:net';
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

/** Each connection's address, worked out at its first request (a keep-alive one sends many). */
const bySocket = new WeakMap<Socket, string>();

/**
 * {@link clientIp} of a connection's peer. A socket's peer never changes, so the parse is done
 * once per connection; a socket that has no address yet is asked again next time.
 */
export function socketIp(socket: Socket): string {
  const known = bySocket.get(socket);
  if (known !== undefined) return known;
  const remote = socket.remoteAddress;
  const ip = clientIp(remote);
  if (remote !== undefined) bySocket.set(socket, ip);
  return ip;
}
