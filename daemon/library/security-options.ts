/**
 * @module The library's security options: the few settings a service embedding the engine may want
 * to change, checked once when the systems open, over the documented defaults
 * (security-settings.ts; the same ranges as the daemon's `config set` keys).
 */
import {
  defaultSecuritySettings,
  type SecuritySettings,
} from '../security/engine/security-settings.js';

/** Security settings for {@link openSystems}; each one left out keeps its documented default. */
export interface SecurityOptions {
  /**
   * bcrypt cost of new password hashes, 10 to 16. Each step doubles the time a hash takes.
   * @default 12
   */
  bcryptCost?: number;
  /**
   * Lifetime of an access token in ms, one minute to one day.
   * @default 900_000 (15 minutes)
   */
  tokenTtlMs?: number;
  /**
   * Signature algorithm of access tokens: `ed25519` (EdDSA) or `rsa-pss` (PS256).
   * @default 'ed25519'
   */
  tokenAlgorithm?: 'ed25519' | 'rsa-pss';
  /**
   * A session ends after this many ms without use, one minute to 30 days.
   * @default 1_800_000 (30 minutes)
   */
  sessionIdleMs?: number;
  /**
   * A session ends this many ms after login whatever its use, one minute to 365 days.
   * @default 43_200_000 (12 hours)
   */
  sessionAbsoluteMs?: number;
}

const DAY = 86_400_000;

/** Each option's range, as the daemon's config keys have it. */
const RANGES = {
  bcryptCost: [10, 16, 'an integer from 10 to 16'],
  tokenTtlMs: [60_000, DAY, 'a whole number of milliseconds from 60000 (1m) to 86400000 (1d)'],
  sessionIdleMs: [60_000, 30 * DAY, 'a whole number of milliseconds from 60000 (1m) to 30 days'],
  sessionAbsoluteMs: [
    60_000,
    365 * DAY,
    'a whole number of milliseconds from 60000 (1m) to 365 days',
  ],
} as const;

type NumberOption = keyof typeof RANGES;

function numberOption(options: SecurityOptions, name: NumberOption): number | undefined {
  const value: unknown = options[name];
  if (value === undefined) return undefined;
  const [min, max, expected] = RANGES[name];
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max)
    throw new TypeError(`"security.${name}" option must be ${expected}`);
  return value as number;
}

/**
 * The engine's settings from the library's options.
 * @throws TypeError naming the option when one has the wrong type or is out of range.
 */
export function securitySettingsFor(options: unknown): SecuritySettings {
  if (options === undefined) return defaultSecuritySettings;
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new TypeError('"security" option must be an object');
  const given = options as SecurityOptions;
  const algorithm: unknown = given.tokenAlgorithm;
  if (algorithm !== undefined && algorithm !== 'ed25519' && algorithm !== 'rsa-pss')
    throw new TypeError('"security.tokenAlgorithm" option must be "ed25519" or "rsa-pss"');
  const cost = numberOption(given, 'bcryptCost');
  const ttl = numberOption(given, 'tokenTtlMs');
  const idle = numberOption(given, 'sessionIdleMs');
  const absolute = numberOption(given, 'sessionAbsoluteMs');
  const d = defaultSecuritySettings;
  // Getters, like the daemon's: the engine reads them at each use.
  return {
    ...d,
    bcryptCost: cost === undefined ? d.bcryptCost : () => cost,
    tokenTtlMs: ttl === undefined ? d.tokenTtlMs : () => ttl,
    tokenAlgorithm: algorithm === undefined ? d.tokenAlgorithm : () => algorithm,
    sessionIdleMs: idle === undefined ? d.sessionIdleMs : () => idle,
    sessionAbsoluteMs: absolute === undefined ? d.sessionAbsoluteMs : () => absolute,
  };
}
