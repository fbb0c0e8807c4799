/**
 * @module The first step: an address on the blacklist (manual or an automatic ban) is refused
 * before anything else is read.
 *
 * Loopback is never banned automatically (the engine's allowlist), but an operator who blacklists
 * 127.0.0.1 by hand is obeyed, as the socket's checks obey it. No event per refused request: a
 * banned scanner would otherwise fill the audit log; the ban itself was the event.
 */
import { AppError } from '../../../src/protocol/errors.js';
import type { Blacklist } from '../../security/blacklist.js';

/** @throws AppError IP_BANNED when `ip` is blocked. */
export function checkBlacklist(blacklist: Blacklist, ip: string): void {
  const entry = blacklist.check(ip);
  if (entry === null) return;
  throw new AppError(
    'IP_BANNED',
    `address ${ip} is blocked (${entry.source === 'auto' ? 'automatic ban' : 'blacklist'})`,
  );
}
