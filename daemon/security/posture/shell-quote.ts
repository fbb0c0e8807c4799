/**
 * @module Quoting for the fix commands a finding suggests, so that copying one into sh is safe
 * whatever the path or username holds (spaces, `$`, quotes, newlines).
 */

/**
 * Wraps `text` in single quotes for POSIX sh; an embedded `'` becomes `'\''`. Always quotes, so
 * fix strings look the same whether or not the value needed it.
 *
 * @example
 * ```ts
 * shellQuote("/home/o'brien/store.json"); // '/home/o'\''brien/store.json'
 * ```
 */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
