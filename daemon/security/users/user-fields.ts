/**
 * @module The checks of a user's name and email address, shared by every path that takes one.
 *
 * Usernames are ASCII on purpose: with Unicode letters, names that look alike ("аlice" with a
 * Cyrillic а) or that case-fold differently by locale (Turkish dotted and dotless i, "ß") would
 * make "unique, case-insensitive" hard to keep and easy to abuse. The canonical key is the
 * lower-case form, so "Alice" and "alice" are one user.
 */
import { z } from 'zod';
import { InvalidInputError } from '../../../src/protocol/errors.js';

export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 64;
/** RFC 5321's limit on a forward path, less the angle brackets. */
export const EMAIL_MAX_LENGTH = 254;

const USERNAME_CHARACTERS = /^[A-Za-z0-9._-]+$/;
const USERNAME_START = /^[A-Za-z0-9]/;
const emailSchema = z.email();

/**
 * The canonical (lower-case) form of a username: 3 to 64 characters, ASCII letters, digits and
 * `.`, `_`, `-`, starting with a letter or a digit.
 *
 * @throws InvalidInputError (field `username`) naming the rule that failed.
 */
export function normaliseUsername(value: unknown): string {
  if (typeof value !== 'string')
    throw new InvalidInputError('username must be a string', 'username');
  if (value.length < USERNAME_MIN_LENGTH || value.length > USERNAME_MAX_LENGTH) {
    throw new InvalidInputError(
      `username must be ${USERNAME_MIN_LENGTH} to ${USERNAME_MAX_LENGTH} characters long`,
      'username',
    );
  }
  if (!USERNAME_CHARACTERS.test(value)) {
    throw new InvalidInputError(
      'username may contain only letters a-z, digits, ".", "_" and "-"',
      'username',
    );
  }
  if (!USERNAME_START.test(value)) {
    throw new InvalidInputError('username must start with a letter or a digit', 'username');
  }
  return value.toLowerCase();
}

/**
 * A checked email address (zod's validator: a dotted domain, no quoted local parts, no IP
 * literals), at most 254 characters. The domain is lower-cased, as it is case-insensitive; the
 * local part is kept as given, as a mail server may treat its case as significant.
 *
 * @throws InvalidInputError (field `email`) naming the rule that failed.
 */
export function validateEmail(value: unknown): string {
  if (typeof value !== 'string') throw new InvalidInputError('email must be a string', 'email');
  if (value.length > EMAIL_MAX_LENGTH) {
    throw new InvalidInputError(
      `email must be at most ${EMAIL_MAX_LENGTH} characters long`,
      'email',
    );
  }
  if (!emailSchema.safeParse(value).success) {
    throw new InvalidInputError('email is not a valid address', 'email');
  }
  const at = value.lastIndexOf('@');
  return value.slice(0, at) + value.slice(at).toLowerCase();
}
