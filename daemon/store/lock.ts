/**
 * @module The exclusive lock on a store folder: a folder lock whose live owner is reported as
 * {@link StoreLockedError}.
 */
import { acquireDirLock, type Lock } from '../../src/protocol/dir-lock.js';
import { StoreLockedError } from './errors.js';

export type { Lock } from '../../src/protocol/dir-lock.js';
export { isZombie, processStartTime } from '../../src/protocol/process-state.js';

/**
 * Takes the lock or throws {@link StoreLockedError} naming the owner. A daemon names the socket it
 * will serve, which the lock records for clients (see LockOwner.socket).
 */
export function acquireLock(lockDir: string, about: { socket?: string } = {}): Promise<Lock> {
  return acquireDirLock(lockDir, (ownerPid) => new StoreLockedError(lockDir, ownerPid), about);
}
