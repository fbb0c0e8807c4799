/**
 * @module Shared helpers for the security engine's unit tests: an engine over a memory store at
 * bcrypt cost 4, a store adapter whose writes can be made to fail, and audit event lookups.
 */
import type { Adapter } from 'lowdb';
import { ManualClock } from '../../../../../daemon/clock.js';
import { openCore, type Core } from '../../../../../daemon/core.js';
import type { AuditEvent, AuditLog } from '../../../../../daemon/security/audit-log.js';
import {
  defaultSecuritySettings,
  type SecuritySettings,
} from '../../../../../daemon/security/engine/security-settings.js';
import { emptyStore, type StoreData } from '../../../../../daemon/store/schema.js';
import { Store } from '../../../../../daemon/store/store.js';

/** Passwords that pass the default policy (15+ code points, zxcvbn score 3 or more). */
export const STRONG = 'Vq8#mZ2!pL4@xR7w-kT';
export const STRONG_2 = 'Hy6$wN3^bF9&cJ1q-sD';

/** An in-memory adapter whose writes fail while `failWith` is set. */
export class FailingAdapter implements Adapter<StoreData> {
  data: StoreData | null = null;
  failWith: Error | null = null;
  writes = 0;

  async read(): Promise<StoreData | null> {
    return this.data;
  }

  async write(data: StoreData): Promise<void> {
    if (this.failWith !== null) throw this.failWith;
    this.writes += 1;
    this.data = structuredClone(data);
  }
}

/** A store over a {@link FailingAdapter}, optionally seeded. */
export async function failingStore(
  seed: Partial<StoreData> = {},
): Promise<{ store: Store; adapter: FailingAdapter }> {
  const adapter = new FailingAdapter();
  adapter.data = { ...emptyStore(), ...seed };
  const store = await Store.open({ adapter, label: 'fake' });
  return { store, adapter };
}

/** The whole core over memory, with cost-4 bcrypt and `settings` over the defaults. */
export async function openTestCore(
  settings: Partial<SecuritySettings> = {},
  clock = new ManualClock(),
): Promise<{ core: Core; clock: ManualClock }> {
  const core = await openCore({
    dataDir: null,
    clock,
    minBcryptCost: 4,
    security: { ...defaultSecuritySettings, bcryptCost: () => 4, ...settings },
  });
  return { core, clock };
}

/** Events of `type` (every event without one), oldest first. */
export function events(audit: AuditLog, type?: string): AuditEvent[] {
  return audit.recent().filter((e) => type === undefined || e.type === type);
}

/** The one event of `type`; fails when there is not exactly one. */
export function onlyEvent(audit: AuditLog, type: string): AuditEvent {
  const found = events(audit, type);
  if (found.length !== 1) throw new Error(`expected one ${type} event, found ${found.length}`);
  return found[0] as AuditEvent;
}
