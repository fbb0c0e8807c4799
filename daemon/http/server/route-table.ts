/**
 * @module Matching a method and path to a route: `:name` segments capture one path segment.
 *
 * A literal segment beats a parameter at the same position, whatever the order routes were given
 * in, so `/api/v1/alerts/active` wins over `/api/v1/alerts/:id`. HEAD is served by the GET route.
 * A path that some route matches with another method is a 405 (with the methods allowed), not a
 * 404.
 */
import type { HttpMethod, HttpRoute } from '../types.js';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];
const PARAM = /^:([A-Za-z_][A-Za-z0-9_]*)$/;

interface Compiled {
  route: HttpRoute;
  segments: Array<{ literal: string } | { param: string }>;
  /** Literal segments count more: sorts the most specific first. */
  rank: string;
}

/** The outcome of a lookup. */
export type RouteMatch =
  | { kind: 'found'; route: HttpRoute; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

function compile(route: HttpRoute, index: number): Compiled {
  if (typeof route !== 'object' || route === null)
    throw new TypeError(`route ${index} must be an object`);
  if (!METHODS.includes(route.method))
    throw new TypeError(`route ${index} "method" must be one of ${METHODS.join(', ')}`);
  if (typeof route.path !== 'string' || !route.path.startsWith('/'))
    throw new TypeError(`route ${index} "path" must be a string starting with /`);
  if (typeof route.handle !== 'function')
    throw new TypeError(`route ${route.path} "handle" must be a function`);
  if (route.kind !== 'api' && route.kind !== 'page')
    throw new TypeError(`route ${route.path} "kind" must be 'api' or 'page'`);
  if (route.permission !== null && typeof route.permission !== 'string')
    throw new TypeError(`route ${route.path} "permission" must be a string or null`);
  const parts = route.path === '/' ? [] : route.path.slice(1).split('/');
  const segments = parts.map((part) => {
    const param = PARAM.exec(part);
    return param === null ? { literal: part } : { param: param[1] as string };
  });
  return { route, segments, rank: segments.map((s) => ('literal' in s ? '0' : '1')).join('') };
}

/** The routes, compiled once. */
export class RouteTable {
  /** The compiled routes by their number of segments, most specific first. */
  private readonly byDepth = new Map<number, Compiled[]>();

  /** @throws TypeError for a malformed route or a duplicate method and path. */
  constructor(routes: readonly HttpRoute[]) {
    const compiled = routes
      .map(compile)
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    const seen = new Set<string>();
    for (const entry of compiled) {
      const key = `${entry.route.method} ${entry.route.path}`;
      if (seen.has(key)) throw new TypeError(`two routes for ${key}`);
      seen.add(key);
      const depth = this.byDepth.get(entry.segments.length);
      if (depth === undefined) this.byDepth.set(entry.segments.length, [entry]);
      else depth.push(entry);
    }
  }

  /**
   * Finds the route for `method` (HEAD looks up GET) and the path's decoded segments (see
   * request-path.ts: split before decoding, so `%2F` inside a parameter stays in it).
   */
  match(method: string, parts: readonly string[]): RouteMatch {
    const wanted = method === 'HEAD' ? 'GET' : method;
    let allow: Set<string> | null = null;
    // Only routes as deep as the path can match it.
    for (const entry of this.byDepth.get(parts.length) ?? NONE) {
      if (!matches(entry, parts)) continue;
      if (entry.route.method === wanted)
        return { kind: 'found', route: entry.route, params: paramsOf(entry, parts) };
      (allow ??= new Set()).add(entry.route.method);
    }
    if (allow === null) return { kind: 'not-found' };
    if (allow.has('GET')) allow.add('HEAD');
    return { kind: 'method-not-allowed', allow: [...allow].sort() };
  }
}

const NONE: readonly Compiled[] = [];

/** Whether the path's segments fit the route's pattern (as deep, literals equal, no empty parameter). */
function matches(entry: Compiled, parts: readonly string[]): boolean {
  for (let i = 0; i < parts.length; i += 1) {
    const segment = entry.segments[i];
    const part = parts[i] as string;
    if (segment === undefined) return false;
    if ('literal' in segment ? segment.literal !== part : part === '') return false;
  }
  return true;
}

/** The parameters of a path that {@link matches} the route. */
function paramsOf(entry: Compiled, parts: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  entry.segments.forEach((segment, i) => {
    if ('param' in segment) params[segment.param] = parts[i] as string;
  });
  return params;
}
