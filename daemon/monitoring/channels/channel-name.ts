/**
 * @module Names of channels and routes: short, readable, safe in tables and file names.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** @throws InvalidInputError (field `name`) naming the rule. */
export function parseChannelName(value: unknown, field = 'name'): string {
  if (typeof value !== 'string' || !NAME.test(value)) {
    throw new InvalidInputError(`${field === 'id' ? 'route id' : 'channel name'} must be 1-64 characters: letters, digits, '.', '_' and '-', starting with a letter or digit`, field);
  }
  return value;
}
