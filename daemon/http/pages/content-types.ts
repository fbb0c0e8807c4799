/**
 * @module The content type of each file kind the dashboard serves; anything else is not served.
 */
import { extname } from 'node:path';

const TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
});

/** The content type for `file` by its extension, or null for a kind that is not served. */
export function contentTypeOf(file: string): string | null {
  return TYPES[extname(file).toLowerCase()] ?? null;
}
