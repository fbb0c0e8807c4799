/**
 * @module Walks a request of any shape (JSON-like objects, arrays, strings) and yields each string
 * value with its field path (`a.b[2]`), within depth, count and length bounds so a hostile request
 * (deeply nested, huge, cyclic) costs bounded work and never throws.
 */

/** Limits on how much of a request is inspected. */
export interface WalkLimits {
  /** Deepest nesting followed (default 32); deeper values are skipped. */
  maxDepth: number;
  /** Most string values inspected per request (default 10,000). */
  maxStrings: number;
  /** Longest stretch of one string inspected (default 64 KiB): longer strings are inspected at both ends. */
  maxStringLength: number;
}

/** Default walk limits. */
export const DEFAULT_LIMITS: WalkLimits = { maxDepth: 32, maxStrings: 10_000, maxStringLength: 64 * 1024 };

const IDENT = /^[A-Za-z_$][\w$-]*$/;

/** Appends an object key to a field path: `a.b`, or `a["odd key"]` when the key is not a plain name. */
export function childPath(parent: string, key: string): string {
  if (IDENT.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}]`;
}

/** Cuts an over-long string to its head and tail: payloads sit at either end of padding. */
export function bounded(value: string, max: number): string {
  if (value.length <= max) return value;
  const half = Math.floor(max / 2);
  return `${value.slice(0, half)}\n${value.slice(value.length - half)}`;
}

/**
 * Calls `visit(path, value)` for each string in `request`, depth first, until it returns `true`
 * (stop) or a limit is reached. The root's path is `$` when the request itself is a string.
 */
export function walkStrings(request: unknown, visit: (path: string, value: string) => boolean, limits: WalkLimits = DEFAULT_LIMITS): void {
  const seen = new Set<object>();
  let strings = 0;
  const stack: Array<[unknown, string, number]> = [[request, '', 0]];
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop() as [unknown, string, number];
    if (typeof value === 'string') {
      if (strings++ >= limits.maxStrings) return;
      if (visit(path === '' ? '$' : path, bounded(value, limits.maxStringLength))) return;
      continue;
    }
    if (value === null || typeof value !== 'object' || depth >= limits.maxDepth || seen.has(value)) continue;
    seen.add(value);
    const children: Array<[unknown, string, number]> = [];
    try {
      if (Array.isArray(value)) {
        const n = Math.min(value.length, limits.maxStrings);
        for (let i = 0; i < n; i++) children.push([value[i], `${path}[${i}]`, depth + 1]);
      } else {
        let n = 0;
        for (const key of Object.keys(value)) {
          if (n++ >= limits.maxStrings) break;
          children.push([(value as Record<string, unknown>)[key], childPath(path, key), depth + 1]);
        }
      }
    } catch {
      // A getter or proxy that throws is not a string to inspect.
      continue;
    }
    // Pushed in reverse so fields are visited in their written order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as [unknown, string, number]);
  }
}
