/**
 * @module Passwords: hashing (bcrypt), the strength policy, and reading htpasswd files.
 */
export {
  BCRYPT_MAX_BYTES,
  PREHASH_PREFIX,
  bcryptCost,
  isBcryptHash,
  parseStoredHash,
  type StoredHash,
} from './bcrypt-format.js';
export { MAX_PASSWORD_UNITS, normalisePassword } from './bcrypt-input.js';
export {
  PRODUCTION_MIN_COST,
  PasswordHasher,
  type PasswordHasherOptions,
} from './password-hasher.js';
export {
  DEFAULT_PASSWORD_POLICY,
  assertPasswordAcceptable,
  checkPassword,
  passwordStrength,
  validatePasswordPolicy,
  type PasswordCheck,
  type PasswordContext,
  type PasswordPolicy,
  type PasswordRule,
  type PasswordStrength,
} from './password-policy.js';
export { loadStrengthData, type StrengthData } from './strength-data.js';
export {
  parseHtpasswd,
  type HtpasswdContents,
  type HtpasswdEntry,
  type HtpasswdSkip,
  type HtpasswdSkipKind,
} from './htpasswd.js';
