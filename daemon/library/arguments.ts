/**
 * @module Argument checks at the library's boundary.
 *
 * A wrong type is a programming error, so it is a `TypeError` naming the argument, thrown before
 * any work is done. Wrong values of the right type (an unknown user, a weak password, a bad
 * address) are the engines' business and come back as coded `AppError`s. No message here ever
 * repeats the value it refuses: it may be a password or a token.
 */
import { parseIp } from '../security/ip.js';
import { SIGNING_ALGORITHMS, type SigningAlgorithm } from '../security/crypto/index.js';
import type { Resource } from '../security/rbac/authorizer.js';

/** What the token calls take about the request: where it came from. */
export interface RequestInfo {
  /** The client's address; failures from it count towards its ban. */
  ip?: string | null;
  /** Kept with the session, for `--sessions`. */
  userAgent?: string | null;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** @throws TypeError `"<name>" must be a string` */
export function stringArg(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new TypeError(`"${name}" must be a string`);
  return value;
}

/** An optional string: undefined stays undefined. */
export function optionalStringArg(value: unknown, name: string): string | undefined {
  return value === undefined ? undefined : stringArg(value, name);
}

/** Text or bytes (data to encrypt or sign, a secret's value). */
export function bytesArg(value: unknown, name: string): string | Buffer {
  if (typeof value !== 'string' && !Buffer.isBuffer(value))
    throw new TypeError(`"${name}" must be a string or a Buffer`);
  return value;
}

/**
 * An optional client address, in canonical form (so that `::ffff:192.0.2.1` and `192.0.2.1` count
 * as one address). @throws InvalidInputError (field `ip`) when the text is not an address.
 */
export function ipArg(value: unknown, name = 'ip'): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new TypeError(`"${name}" must be a string or null`);
  return parseIp(value, name).canonical;
}

/** The `{ ip, userAgent }` of a login or refresh, with the address checked. */
export function requestArg(
  value: unknown,
  name = 'meta',
): { ip: string | null; userAgent: string | null } {
  if (value === undefined) return { ip: null, userAgent: null };
  if (!isObject(value)) throw new TypeError(`"${name}" must be an object like { ip, userAgent }`);
  const { userAgent } = value;
  if (userAgent !== undefined && userAgent !== null && typeof userAgent !== 'string')
    throw new TypeError(`"${name}.userAgent" must be a string or null`);
  return { ip: ipArg(value['ip'], `${name}.ip`), userAgent: userAgent ?? null };
}

/** Role names (checked by the user directory, which knows them). */
export function rolesArg(value: unknown, name = 'roles'): string[] {
  if (!Array.isArray(value) || value.some((role) => typeof role !== 'string'))
    throw new TypeError(`"${name}" must be an array of role names`);
  return [...(value as string[])];
}

/** A username, or a user as the library returns it (the spec passes users around). */
export function userArg(value: unknown, name = 'username'): string {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value['username'] === 'string') return value['username'];
  throw new TypeError(`"${name}" must be a string or a user with a username`);
}

/** The object of a permission check, for the owner rule. */
export function resourceArg(value: unknown, name = 'resource'): Resource | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw new TypeError(`"${name}" must be an object like { type, ownerId }`);
  const { type, ownerId } = value;
  if (type !== undefined && typeof type !== 'string')
    throw new TypeError(`"${name}.type" must be a string`);
  if (ownerId !== undefined && ownerId !== null && typeof ownerId !== 'string')
    throw new TypeError(`"${name}.ownerId" must be a string or null`);
  return { ...(type === undefined ? {} : { type }), ownerId: ownerId ?? null };
}

/** One of the signing algorithms. */
export function algorithmArg(value: unknown, name = 'algorithm'): SigningAlgorithm {
  if (!(SIGNING_ALGORITHMS as readonly unknown[]).includes(value))
    throw new TypeError(`"${name}" must be one of: ${SIGNING_ALGORITHMS.join(', ')}`);
  return value as SigningAlgorithm;
}

/** An optional key version (1 and up). */
export function keyVersionArg(value: unknown, name = 'keyVersion'): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || (value as number) < 1)
    throw new TypeError(`"${name}" must be a whole number from 1`);
  return value as number;
}

/** The options object of a call; undefined is an empty one. */
export function optionsArg(value: unknown, name = 'options'): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isObject(value)) throw new TypeError(`"${name}" must be an object`);
  return value;
}
