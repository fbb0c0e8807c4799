/**
 * @module The request target, split and decoded once: what routes and handlers see.
 *
 * The raw path is split on `/` first and each segment is percent-decoded once, so an encoded slash
 * stays inside its segment (`/api/v1/security/blacklist/10.0.0.0%2F8`). Empty segments (`//`, a
 * trailing `/`) are dropped; `.` and `..` segments, control characters and bad escapes are refused
 * — the threat screen has already looked at the raw path by then.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';

/** A parsed request target. */
export interface RequestTarget {
  /** The raw path as sent (for the threat screen). */
  rawPath: string;
  /** The decoded, normalised path, `/a/b`. */
  path: string;
  /** Its decoded segments (`[]` for `/`). */
  segments: readonly string[];
  query: URLSearchParams;
}

/** The longest request target accepted (characters). */
export const MAX_TARGET = 8192;

const CONTROL = /[\u0000-\u001f\u007f]/;

/** A request target split into its raw path and query, before any check or decoding. */
export interface SplitTarget {
  /** The target as sent (`req.url`, '' when absent). */
  target: string;
  /** The path before `?` (and `#`), not decoded. */
  rawPath: string;
  /** What follows `?` (before `#`), not decoded; '' when there is none. */
  rawQuery: string;
  query: URLSearchParams;
}

/**
 * Splits `req.url` without judging it: the threat screen looks at the raw parts of every target,
 * a malformed one included, before {@link decodeTarget} refuses what it cannot use.
 */
export function splitTarget(url: string | undefined): SplitTarget {
  const target = url ?? '';
  const hash = target.indexOf('#');
  const withoutHash = hash === -1 ? target : target.slice(0, hash);
  const question = withoutHash.indexOf('?');
  if (question === -1)
    return { target, rawPath: withoutHash, rawQuery: '', query: new URLSearchParams() };
  const rawQuery = withoutHash.slice(question + 1);
  return {
    target,
    rawPath: withoutHash.slice(0, question),
    rawQuery,
    query: new URLSearchParams(rawQuery),
  };
}

/**
 * Checks and decodes a split target.
 * @throws InvalidInputError (field `path`) for a target that is not an absolute path, too long, or
 *   holds `.`/`..` segments, control characters or malformed escapes.
 */
export function decodeTarget(split: SplitTarget): RequestTarget {
  const { target, rawPath } = split;
  if (!target.startsWith('/') || target.length > MAX_TARGET)
    throw new InvalidInputError('request target must be an absolute path', 'path');
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment = raw;
    // Only a segment with an escape needs decoding (most have none: /api/v1/health).
    if (raw.includes('%')) {
      try {
        segment = decodeURIComponent(raw);
      } catch {
        throw new InvalidInputError('request path has a malformed %-escape', 'path');
      }
    }
    if (segment === '.' || segment === '..')
      throw new InvalidInputError('request path must not contain . or .. segments', 'path');
    if (CONTROL.test(segment))
      throw new InvalidInputError('request path must not contain control characters', 'path');
    segments.push(segment);
  }
  return { rawPath, path: `/${segments.join('/')}`, segments, query: split.query };
}

/**
 * Parses `req.url`: {@link splitTarget} then {@link decodeTarget}.
 * @throws InvalidInputError as decodeTarget does.
 */
export function parseTarget(url: string | undefined): RequestTarget {
  return decodeTarget(splitTarget(url));
}
