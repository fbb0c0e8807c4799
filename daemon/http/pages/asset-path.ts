/**
 * @module Maps a request's asset path to a file under a root folder, refusing anything that could
 * leave it.
 *
 * The server already decodes and normalises the path once; this does not trust that. Each segment
 * must be a plain file name (letters, digits, `.`, `_`, `-`; not starting with a dot), so `..`,
 * `%2e%2e` (in any decoding state), backslashes, NUL, absolute paths and hidden files are refused
 * before the file system is asked. The resolved path must then still lie inside the root.
 */
import { isAbsolute, resolve, sep } from 'node:path';

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const MAX_LENGTH = 512;

/**
 * The absolute file for `relative` (segments joined by `/`) under `root`, or null when the path
 * is not a plain relative path inside it.
 */
export function resolveAssetPath(root: string, relative: string): string | null {
  if (typeof root !== 'string' || !isAbsolute(root))
    throw new TypeError('root must be an absolute path');
  if (typeof relative !== 'string') throw new TypeError('relative must be a string');
  if (relative === '' || relative.length > MAX_LENGTH || isAbsolute(relative)) return null;
  const segments = relative.split('/');
  if (!segments.every((s) => SEGMENT.test(s) && s !== '..')) return null;
  const base = resolve(root);
  const file = resolve(base, ...segments);
  return file.startsWith(base + sep) ? file : null;
}
