/**
 * @module What an assessment looks at: plain facts gathered by the daemon (config, users, keys,
 * paths), so that the checks are pure and tests need no daemon. Passwords are never among them;
 * "weak" is judged from how a password was hashed or where it came from.
 */
import type { PathSpec } from './file-permissions.js';

/** A user as the assessment sees it: dates and provenance, never the password or its hash. */
export interface PostureUser {
  username: string;
  roles: string[];
  status: 'active' | 'disabled' | 'locked';
  /** ms since the epoch. */
  passwordChangedAt: number;
  /** ms since the epoch; null when the user never logged in. */
  lastLoginAt: number | null;
  /** ms since the epoch. */
  createdAt: number;
  /** bcrypt cost in the stored hash; null when it cannot be read from the hash. */
  hashCost: number | null;
  /** Made here (checked against the policy), or imported from htpasswd with its hash. */
  origin: 'created' | 'htpasswd';
}

/** One version of a named key set. */
export interface PostureKey {
  /** The key set, e.g. `data-keys`, `signing-keys:ed25519`. */
  name: string;
  version: number;
  /** ms since the epoch. */
  createdAt: number;
}

/** Everything {@link assessPosture} examines. All durations are in ms. */
export interface PostureFacts {
  paths: PathSpec[];
  /** `security.bcryptCost`: below 12 is medium, below 10 high. */
  bcryptCost: number;
  users: PostureUser[];
  /** Passwords older than this are stale (low; medium for admins). */
  passwordMaxAgeMs: number;
  /** Admins without a login for this long are findings (medium). */
  adminInactiveMs: number;
  keys: PostureKey[];
  /** `security.keyRotation`: a key set whose newest version is older than this is due (medium). */
  keyRotationMs: number;
  /** Where secrets are kept: `file` is low. */
  secretBackend: 'keychain' | 'file';
  /** The web server: enabled on a non-loopback host without TLS is critical. */
  http: { host: string; port: number; tls: boolean; enabled: boolean };
  /** The `security.simulate*` switches: each one on is high. */
  simulate: { lockout: boolean; bans: boolean; threats: boolean };
  /** `security.passwordMinLength`: below 15 is low. */
  passwordMinLength: number;
  /** Users holding the admin role: none while users exist is medium. */
  adminCount: number;
}

function fail(field: string, what: string): never {
  throw new TypeError(`"${field}" must be ${what}`);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function time(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    fail(field, 'a non-negative number of ms since the epoch');
}

function duration(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    fail(field, 'a positive number of milliseconds');
}

function integer(value: unknown, field: string, min: number, max: number): void {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
    fail(field, `an integer from ${min} to ${max}`);
}

function boolean(value: unknown, field: string): void {
  if (typeof value !== 'boolean') fail(field, 'a boolean');
}

function oneOf(value: unknown, field: string, choices: readonly string[]): void {
  if (!choices.includes(value as string))
    fail(
      field,
      choices
        .map((choice) => `'${choice}'`)
        .join(', ')
        .replace(/, ([^,]*)$/, ' or $1'),
    );
}

function validateUser(user: unknown, at: string): void {
  if (!isObject(user)) fail(at, 'an object');
  if (typeof user.username !== 'string' || user.username === '')
    fail(`${at}.username`, 'a non-empty string');
  if (!Array.isArray(user.roles) || !user.roles.every((role) => typeof role === 'string'))
    fail(`${at}.roles`, 'an array of strings');
  oneOf(user.status, `${at}.status`, ['active', 'disabled', 'locked']);
  time(user.passwordChangedAt, `${at}.passwordChangedAt`);
  if (user.lastLoginAt !== null) time(user.lastLoginAt, `${at}.lastLoginAt`);
  time(user.createdAt, `${at}.createdAt`);
  if (user.hashCost !== null) integer(user.hashCost, `${at}.hashCost`, 4, 31);
  oneOf(user.origin, `${at}.origin`, ['created', 'htpasswd']);
}

function validateKey(key: unknown, at: string): void {
  if (!isObject(key)) fail(at, 'an object');
  if (typeof key.name !== 'string' || key.name === '') fail(`${at}.name`, 'a non-empty string');
  integer(key.version, `${at}.version`, 1, Number.MAX_SAFE_INTEGER);
  time(key.createdAt, `${at}.createdAt`);
}

/**
 * Checks the shape of `facts` (paths are checked by inspectPaths).
 *
 * @throws TypeError naming the field, e.g. `"facts.users[1].status" must be 'active', 'disabled' or 'locked'`.
 */
export function validatePostureFacts(facts: unknown): asserts facts is PostureFacts {
  if (!isObject(facts)) fail('facts', 'an object');
  if (!Array.isArray(facts.paths)) fail('facts.paths', 'an array');
  integer(facts.bcryptCost, 'facts.bcryptCost', 4, 31);
  if (!Array.isArray(facts.users)) fail('facts.users', 'an array');
  facts.users.forEach((user, i) => validateUser(user, `facts.users[${i}]`));
  duration(facts.passwordMaxAgeMs, 'facts.passwordMaxAgeMs');
  duration(facts.adminInactiveMs, 'facts.adminInactiveMs');
  if (!Array.isArray(facts.keys)) fail('facts.keys', 'an array');
  facts.keys.forEach((key, i) => validateKey(key, `facts.keys[${i}]`));
  duration(facts.keyRotationMs, 'facts.keyRotationMs');
  oneOf(facts.secretBackend, 'facts.secretBackend', ['keychain', 'file']);
  const http = facts.http;
  if (!isObject(http)) fail('facts.http', 'an object');
  if (typeof http.host !== 'string') fail('facts.http.host', 'a string');
  integer(http.port, 'facts.http.port', 0, 65_535);
  boolean(http.tls, 'facts.http.tls');
  boolean(http.enabled, 'facts.http.enabled');
  const simulate = facts.simulate;
  if (!isObject(simulate)) fail('facts.simulate', 'an object');
  boolean(simulate.lockout, 'facts.simulate.lockout');
  boolean(simulate.bans, 'facts.simulate.bans');
  boolean(simulate.threats, 'facts.simulate.threats');
  integer(facts.passwordMinLength, 'facts.passwordMinLength', 0, Number.MAX_SAFE_INTEGER);
  integer(facts.adminCount, 'facts.adminCount', 0, Number.MAX_SAFE_INTEGER);
}
