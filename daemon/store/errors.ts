/**
 * @module Store failures that stop the daemon from starting.
 */
import { AppError } from '../../src/protocol/errors.js';

/** The store file exists but cannot be used; it is left untouched. */
export class StoreCorruptError extends AppError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(
      'INTERNAL',
      `store ${file} ${reason}; it was left untouched. Move it aside (or restore a backup) and start again, or start with --move-corrupt-store`,
    );
  }
}

/** Another process holds the store's lock. */
export class StoreLockedError extends AppError {
  constructor(
    readonly lockDir: string,
    readonly ownerPid: number,
  ) {
    super('CONFLICT', `the store is in use by another process (pid ${ownerPid}); lock: ${lockDir}`);
  }
}
