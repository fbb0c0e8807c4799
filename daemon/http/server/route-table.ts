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
  private readonly compiled: Compiled[];

  /** @throws TypeError for a malformed route or a duplicate method and path. */
  constructor(routes: readonly HttpRoute[]) {
    this.compiled = routes
      .map(compile)
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    const seen = new Set<string>();
    for (const { route } of this.compiled) {
      const key = `${route.method} ${route.path}`;
      if (seen.has(key)) throw new TypeError(`two routes for ${key}`);
      seen.add(key);
    }
  }

  /**
   * Finds the route for `method` (HEAD looks up GET) and the path's decoded segments (see
   * request-path.ts: split before decoding, so `%2F` inside a parameter stays in it).
   */
  match(method: string, parts: readonly string[]): RouteMatch {
    const wanted = method === 'HEAD' ? 'GET' : method;
    const allow = new Set<string>();
    for (const entry of this.compiled) {
      const params = matchSegments(entry, parts);
      if (params === null) continue;
      if (entry.route.method === wanted) return { kind: 'found', route: entry.route, params };
      allow.add(entry.route.method);
    }
    if (allow.size === 0) return { kind: 'not-found' };
    if (allow.has('GET')) allow.add('HEAD');
    return { kind: 'method-not-allowed', allow: [...allow].sort() };
  }
}

function matchSegments(entry: Compiled, parts: readonly string[]): Record<string, string> | null {
  if (entry.segments.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i += 1) {
    const segment = entry.segments[i];
    const part = parts[i] as string;
    if (segment === undefined) return null;
    if ('literal' in segment) {
      if (segment.literal !== part) return null;
    } else {
      if (part === '') return null;
      params[segment.param] = part;
    }
  }
  return params;
}
