/**
 * @module Permission names (`domain.action[.sub]`) and wildcard patterns (`domain.*`, `*`).
 *
 * A permission is two or more lower-case segments joined by dots: `monitoring.read`,
 * `security.users.manage`. A pattern ends in `.*` and covers every permission under that prefix at
 * any depth (`security.*` covers `security.users.manage`), or is `*` alone and covers everything.
 * A wildcard is only ever a whole last segment: `monitoring*`, `*.read` and `a.*.b` are refused, so
 * a grant can never cover more than it appears to.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { KNOWN_PERMISSION_SET } from './catalog.js';

/** Longest accepted permission, so that a stored grant list stays small. */
export const MAX_PERMISSION_LENGTH = 128;

const SEGMENT = '[a-z][a-z0-9_-]*';
const PERMISSION = new RegExp(`^${SEGMENT}(?:\\.${SEGMENT})+$`);
const PATTERN = new RegExp(`^${SEGMENT}(?:\\.${SEGMENT})*\\.\\*$`);

const EXPECTED =
  'expected domain.action like monitoring.read (segments of a-z, 0-9, _ and - starting with a letter, joined by dots) or a pattern like monitoring.* or *';

/** True for `*` and `domain.*`-style patterns (syntax is not checked). */
export function isWildcard(permission: string): boolean {
  return permission === '*' || permission.endsWith('.*');
}

/**
 * Validates a permission or pattern from outside (a grant, a revoke, a CLI argument) and returns it
 * in canonical form: trimmed and lower-cased, since permission names are case-insensitive.
 *
 * @throws InvalidInputError (field `permission`) naming the text and the expected form.
 * @example
 * parsePermission('Monitoring.Read'); // 'monitoring.read'
 * parsePermission('security.*');      // 'security.*'
 */
export function parsePermission(value: unknown): string {
  if (typeof value !== 'string')
    throw new InvalidInputError(`permission must be a string; ${EXPECTED}`, 'permission');
  const text = value.trim().toLowerCase();
  if (text === '') throw new InvalidInputError(`permission is empty; ${EXPECTED}`, 'permission');
  if (text.length > MAX_PERMISSION_LENGTH) {
    throw new InvalidInputError(
      `permission is longer than ${MAX_PERMISSION_LENGTH} characters`,
      'permission',
    );
  }
  if (text === '*' || PERMISSION.test(text) || PATTERN.test(text)) return text;
  if (text.includes('*')) {
    throw new InvalidInputError(
      `'${text}' is not a valid permission: a wildcard must be a whole last segment (monitoring.*) or * alone`,
      'permission',
    );
  }
  if (!text.includes('.') && new RegExp(`^${SEGMENT}$`).test(text)) {
    throw new InvalidInputError(
      `'${text}' is not a valid permission: it needs an action after the domain, like ${text}.read`,
      'permission',
    );
  }
  throw new InvalidInputError(`'${text}' is not a valid permission: ${EXPECTED}`, 'permission');
}

/**
 * {@link parsePermission}, with nothing to do for a name from the catalog (each is canonical and
 * concrete): the form every permission check on the request path uses.
 * @throws InvalidInputError as parsePermission does.
 */
export function canonicalPermission(value: unknown): string {
  return typeof value === 'string' && KNOWN_PERMISSION_SET.has(value)
    ? value
    : parsePermission(value);
}

/**
 * True when `pattern` covers `permission`: equal names, `*`, or a `prefix.*` whose prefix followed
 * by a dot starts `permission`. Because a pattern is tested the same way, this also answers whether
 * one pattern covers another (`security.*` covers `security.users.*`; `monitoring.read` does not
 * cover `monitoring.*`). Inputs are compared as given, not parsed.
 *
 * @example
 * permissionMatches('monitoring.*', 'monitoring.read');  // true
 * permissionMatches('monitoring.*', 'monitoringx.read'); // false
 */
export function permissionMatches(pattern: string, permission: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return permission.startsWith(pattern.slice(0, -1));
  return pattern === permission;
}
