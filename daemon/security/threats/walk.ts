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
 * Calls `visit(path, value)` for each string in `request`, depth first in written order, until it
 * returns `true` (stop) or a limit is reached. The root's path is `$` when the request itself is a
 * string. `path` builds the field path on demand: most strings are clean and never need it.
 */
export function walkStrings(request: unknown, visit: (path: () => string, value: string) => boolean, limits: WalkLimits = DEFAULT_LIMITS): void {
  // The keys from the root to the current value; `path` reads them, so one closure serves all.
  const trail: Array<string | number> = [];
  const path = (): string => {
    let out = '';
    for (const key of trail) out = typeof key === 'number' ? `${out}[${key}]` : childPath(out, key);
    return out === '' ? '$' : out;
  };
  let strings = 0;
  let seen: Set<object> | null = null;
  // Returns true to stop the walk. Recursion is bounded by maxDepth.
  const walk = (value: unknown, depth: number): boolean => {
    if (typeof value === 'string') {
      if (strings++ >= limits.maxStrings) return true;
      return visit(path, bounded(value, limits.maxStringLength));
    }
    if (value === null || typeof value !== 'object' || depth >= limits.maxDepth) return false;
    seen ??= new Set();
    if (seen.has(value)) return false;
    seen.add(value);
    try {
      if (Array.isArray(value)) {
        const n = Math.min(value.length, limits.maxStrings);
        for (let i = 0; i < n; i++) {
          trail.push(i);
          const stop = walk(value[i], depth + 1);
          trail.pop();
          if (stop) return true;
        }
        return false;
      }
      const names = Object.keys(value);
      const n = Math.min(names.length, limits.maxStrings);
      for (let i = 0; i < n; i++) {
        const name = names[i] as string;
        const child = (value as Record<string, unknown>)[name]; // may throw: read before the push
        trail.push(name);
        const stop = walk(child, depth + 1);
        trail.pop();
        if (stop) return true;
      }
    } catch {
      // A getter or proxy that throws is not a string to inspect.
    }
    return false;
  };
  walk(request, 0);
}
