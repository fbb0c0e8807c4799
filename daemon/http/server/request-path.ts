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
  segments: string[];
  query: URLSearchParams;
}

const MAX_TARGET = 8192;

const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Parses `req.url`.
 * @throws InvalidInputError (field `path`) for a target that is not an absolute path, too long, or
 *   holds `.`/`..` segments, control characters or malformed escapes.
 */
export function parseTarget(url: string | undefined): RequestTarget {
  const target = url ?? '';
  if (!target.startsWith('/') || target.length > MAX_TARGET)
    throw new InvalidInputError('request target must be an absolute path', 'path');
  const hash = target.indexOf('#');
  const withoutHash = hash === -1 ? target : target.slice(0, hash);
  const question = withoutHash.indexOf('?');
  const rawPath = question === -1 ? withoutHash : withoutHash.slice(0, question);
  const rawQuery = question === -1 ? '' : withoutHash.slice(question + 1);
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      throw new InvalidInputError('request path has a malformed %-escape', 'path');
    }
    if (segment === '.' || segment === '..')
      throw new InvalidInputError('request path must not contain . or .. segments', 'path');
    if (CONTROL.test(segment))
      throw new InvalidInputError('request path must not contain control characters', 'path');
    segments.push(segment);
  }
  return {
    rawPath,
    path: `/${segments.join('/')}`,
    segments,
    query: new URLSearchParams(rawQuery),
  };
}
