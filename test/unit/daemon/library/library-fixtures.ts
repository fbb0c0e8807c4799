/**
 * @module Shared helpers for the library's unit tests: a SecuritySystem over a memory core at
 * bcrypt cost 4 (the engine's test fixture), with the core at hand for audit lookups.
 */
import type { Core } from '../../../../daemon/core.js';
import { SecuritySystem } from '../../../../daemon/library/security-system.js';
import type { SecuritySettings } from '../../../../daemon/security/engine/security-settings.js';
import type { ManualClock } from '../../../../daemon/clock.js';
import { openTestCore } from '../security/engine/engine-fixtures.js';

export { STRONG, STRONG_2, events, onlyEvent } from '../security/engine/engine-fixtures.js';

export const T0 = Date.UTC(2026, 0, 1);

export interface TestLibrary {
  security: SecuritySystem;
  core: Core;
  clock: ManualClock;
}

/**
 * A SecuritySystem acting as `tests`, over a fresh memory core; the caller closes it with
 * `t.after(() => lib.core.close())`.
 */
export async function openLibrary(settings: Partial<SecuritySettings> = {}): Promise<TestLibrary> {
  const { core, clock } = await openTestCore(settings);
  return { security: new SecuritySystem(Promise.resolve(core), 'tests'), core, clock };
}
