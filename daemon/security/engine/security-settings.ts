/**
 * @module The security engine's settings as getters, read at each use so that `config set`
 * takes effect at once; built from the daemon's config or, in the library, from plain options.
 */
import type { Settings } from '../../config/settings.js';
import type { BanPolicy } from '../guard/ban-policy.js';
import { DEFAULT_BAN_POLICY } from '../guard/ban-policy.js';
import { DEFAULT_LOCKOUT_POLICY, type LockoutPolicy } from '../guard/lockout-policy.js';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../passwords/password-policy.js';

export interface SecuritySettings {
  bcryptCost: () => number;
  passwordPolicy: () => PasswordPolicy;
  lockoutPolicy: () => LockoutPolicy;
  banPolicy: () => BanPolicy;
  simulate: () => { lockout: boolean; bans: boolean; threats: boolean };
  tokenTtlMs: () => number;
  tokenAlgorithm: () => 'ed25519' | 'rsa-pss';
  sessionIdleMs: () => number;
  sessionAbsoluteMs: () => number;
  keyRotationMs: () => number;
}

/** The documented defaults (CLI.md, README). */
export const defaultSecuritySettings: SecuritySettings = {
  bcryptCost: () => 12,
  passwordPolicy: () => ({ ...DEFAULT_PASSWORD_POLICY }),
  lockoutPolicy: () => ({ ...DEFAULT_LOCKOUT_POLICY }),
  banPolicy: () => ({ ...DEFAULT_BAN_POLICY }),
  simulate: () => ({ lockout: false, bans: false, threats: false }),
  tokenTtlMs: () => 15 * 60_000,
  tokenAlgorithm: () => 'ed25519',
  sessionIdleMs: () => 30 * 60_000,
  sessionAbsoluteMs: () => 12 * 3_600_000,
  keyRotationMs: () => 90 * 86_400_000,
};

/** The settings as the daemon's config holds them. */
export function securitySettingsFrom(settings: Settings): SecuritySettings {
  const on = (
    key:
      | 'security.lockoutPermanent'
      | 'security.banIncrement'
      | 'security.simulateLockout'
      | 'security.simulateBans'
      | 'security.simulateThreats',
  ): boolean => settings.get(key) === 'on';
  return {
    bcryptCost: () => settings.get('security.bcryptCost'),
    passwordPolicy: () => ({
      minLength: settings.get('security.passwordMinLength'),
      maxLength: DEFAULT_PASSWORD_POLICY.maxLength,
      minScore: settings.get('security.passwordMinScore') as PasswordPolicy['minScore'],
    }),
    lockoutPolicy: () => ({
      maxFailures: settings.get('security.lockoutFailures'),
      waitIncrementMs: settings.ms('security.lockoutWait'),
      maxWaitMs: settings.ms('security.lockoutMaxWait'),
      failureResetMs: settings.ms('security.lockoutReset'),
      permanentLockout: on('security.lockoutPermanent'),
      maxTemporaryLockouts: 0,
    }),
    banPolicy: () => ({
      maxRetry: settings.get('security.banMaxRetry'),
      findTimeMs: settings.ms('security.banFindTime'),
      banTimeMs: settings.ms('security.banTime'),
      increment: on('security.banIncrement'),
      factor: 1,
      maxBanTimeMs: settings.ms('security.banMaxTime'),
    }),
    simulate: () => ({
      lockout: on('security.simulateLockout'),
      bans: on('security.simulateBans'),
      threats: on('security.simulateThreats'),
    }),
    tokenTtlMs: () => settings.ms('security.tokenTtl'),
    tokenAlgorithm: () => settings.get('security.tokenAlgorithm') as 'ed25519' | 'rsa-pss',
    sessionIdleMs: () => settings.ms('security.sessionIdle'),
    sessionAbsoluteMs: () => settings.ms('security.sessionAbsolute'),
    keyRotationMs: () => settings.ms('security.keyRotation'),
  };
}
