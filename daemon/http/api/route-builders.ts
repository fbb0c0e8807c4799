/**
 * @module Building an /api/v1 route from what is particular to it: its method, path and
 * permission, the schemas of its path parameters, query and body, and how it answers.
 *
 * Every API route reads its input the same way and in the same order — path parameters, then
 * the query (strict: a route that takes none refuses any), then the body when it has one — and
 * answers 200 with JSON. {@link apiRoute} does that once; {@link getMethodRoute} and
 * {@link postMethodRoute} are the two routes that are only a socket method over HTTP.
 */
import type { z } from 'zod';
import {
  methods,
  type MethodName,
  type ParamsOf,
  type ValidParamsOf,
} from '../../../src/protocol/methods.js';
import type { HttpMethod, HttpRequestContext, HttpRoute } from '../types.js';
import { bodyOf, noFields, pathOf, queryOf } from './params.js';
import { reply } from './reply.js';

type Shape = z.ZodRawShape;
type Empty = Record<never, never>;
type Out<S extends Shape> = z.output<z.ZodObject<S>>;

/** A route's input, read and checked by its schemas. */
export interface RouteInput<P extends Shape, Q extends Shape, B extends Shape> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
}

export interface ApiRouteSpec<P extends Shape, Q extends Shape, B extends Shape> {
  method: HttpMethod;
  /** Pattern with `:name` segments. */
  path: string;
  permission: string;
  /** The path parameters' schema; default: none read. */
  params?: z.ZodObject<P>;
  /** The query's schema; default: no query parameter allowed. */
  query?: z.ZodObject<Q>;
  /** The JSON body's schema; default: the body is not read. */
  body?: z.ZodObject<B>;
  /** The JSON answered with 200, from the checked input. */
  answer(ctx: HttpRequestContext, input: RouteInput<P, Q, B>): unknown;
}

/**
 * An API route (`kind: 'api'`) that checks its input with the given schemas — path parameters,
 * query, body, in that order, so the first bad one is the one named — and answers `answer`'s
 * value as JSON.
 * @example
 * apiRoute({
 *   method: 'DELETE', path: '/api/v1/silences/:id', permission: 'monitoring.write',
 *   params: z.strictObject({ id: textParam('id', 64) }),
 *   answer: (ctx, { params }) => ctx.call('monitoring.silences.remove', { id: params.id }),
 * })
 */
export function apiRoute<P extends Shape = Empty, Q extends Shape = Empty, B extends Shape = Empty>(
  spec: ApiRouteSpec<P, Q, B>,
): HttpRoute {
  const { params, query, body } = spec;
  return {
    method: spec.method,
    path: spec.path,
    permission: spec.permission,
    kind: 'api',
    handle: (ctx) => {
      // An absent schema reads as empty: the casts say so to the compiler (P, Q, B are then Empty).
      const input = {
        params: params === undefined ? ({} as Out<P>) : pathOf(ctx, params),
        query: queryOf(ctx, query ?? (noFields as unknown as z.ZodObject<Q>)),
        body: body === undefined ? ({} as Out<B>) : bodyOf(ctx, body),
      };
      // An answer already at hand (a kept one) is replied to at once, with no promise.
      const answer: unknown = spec.answer(ctx, input);
      return answer instanceof Promise
        ? answer.then((value: unknown) => reply(value))
        : reply(answer);
    },
  };
}

/** The methods that may be called with `{}`. */
type NoParamsMethod = {
  [M in MethodName]: Empty extends ParamsOf<M> ? M : never;
}[MethodName];

/** The methods whose params are a JSON object that, once checked, is still valid params. */
type ObjectParamsMethod = {
  [M in MethodName]: (typeof methods)[M]['params'] extends z.ZodObject<Shape>
    ? ValidParamsOf<M> extends ParamsOf<M>
      ? M
      : never
    : never;
}[MethodName];

/** `GET path` (no query parameters) answering the socket method `call` with `{}`, as it is. */
export function getMethodRoute(path: string, permission: string, call: NoParamsMethod): HttpRoute {
  return apiRoute({
    method: 'GET',
    path,
    permission,
    answer: (ctx) => ctx.call(call, {} as ParamsOf<typeof call>),
  });
}

/**
 * `POST path` (no query parameters) whose body is exactly the params of the socket method `call`
 * (checked by its schema, so a bad field is a 400 naming it), answering its result as it is.
 */
export function postMethodRoute(
  path: string,
  permission: string,
  call: ObjectParamsMethod,
): HttpRoute {
  const schema = methods[call].params as z.ZodObject<Shape>;
  return apiRoute({
    method: 'POST',
    path,
    permission,
    body: schema,
    answer: (ctx, { body }) => ctx.call(call, body as ParamsOf<typeof call>),
  });
}
