/**
 * @module The store's shape and current schema version.
 */
import { z } from 'zod';
import { blacklistEntry } from '../../src/protocol/schemas.js';

/** Version written by this build; older files are migrated on open. */
export const STORE_VERSION = 1;

export const storeSchema = z.object({
  version: z.literal(STORE_VERSION),
  blacklist: z.array(blacklistEntry),
});

export type StoreData = z.infer<typeof storeSchema>;

/** The contents of a new store. */
export function emptyStore(): StoreData {
  return { version: STORE_VERSION, blacklist: [] };
}
