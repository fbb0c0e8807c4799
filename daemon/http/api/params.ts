/**
 * @module Reading a route's path parameters, query and body with zod, so that every bad value is
 * the same 400: INVALID_INPUT whose `field` names the parameter and whose message says what is
 * allowed (`"range" must be one of 15m, 1h, 6h, 24h, 7d`).
 *
 * Schemas give their own message (starting with the quoted parameter name) where a generic one
 * would not say what to send; any other issue is worded here. Unknown query parameters and body
 * fields are refused rather than ignored, so that a misspelt filter never silently returns all.
 */
import { z } from 'zod';
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { parseDuration } from '../../../src/protocol/duration.js';
import type { HttpRequestContext } from '../types.js';

type Shape = z.ZodRawShape;

/** Where a value came from, for the messages. */
type Source = 'query' | 'path' | 'body';

const NOUN: Record<Source, string> = {
  query: 'query parameter',
  path: 'path parameter',
  body: 'field',
};

/** The value at `path` inside `input`, or undefined when the path leads nowhere. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function fail(
  source: Source,
  schema: z.ZodObject<Shape>,
  error: z.ZodError,
  input: unknown,
): never {
  const issue = error.issues[0];
  if (issue === undefined) throw new InvalidInputError(`invalid ${NOUN[source]}`);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const field = [...issue.path, key].join('.');
    const known = Object.keys(schema.shape);
    const takes =
      issue.path.length > 0
        ? ''
        : known.length === 0
          ? '; this route takes none'
          : `; this route takes ${known.join(', ')}`;
    throw new InvalidInputError(`"${field}" is not a ${NOUN[source]} of this route${takes}`, field);
  }
  const field = issue.path.map(String).join('.');
  if (field === '') throw new InvalidInputError(`the ${source} ${issue.message}`, source);
  if (issue.message.startsWith('"')) throw new InvalidInputError(issue.message, field);
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined)
    throw new InvalidInputError(`"${field}" is required`, field);
  throw new InvalidInputError(`"${field}" is invalid: ${issue.message}`, field);
}

function parse<S extends Shape>(
  source: Source,
  schema: z.ZodObject<S>,
  input: unknown,
): z.output<z.ZodObject<S>> {
  const result = schema.safeParse(input);
  if (!result.success) fail(source, schema as unknown as z.ZodObject<Shape>, result.error, input);
  return result.data;
}

/** The route's query, read by a strict object schema of string fields. */
export function queryOf<S extends Shape>(
  ctx: Pick<HttpRequestContext, 'query'>,
  schema: z.ZodObject<S>,
): z.output<z.ZodObject<S>> {
  // Most API calls have no query and most routes take none: nothing to check.
  if (ctx.query.size === 0 && (schema as unknown) === noFields)
    return {} as z.output<z.ZodObject<S>>;
  const input: Record<string, string> = {};
  for (const [key, value] of ctx.query) {
    if (Object.hasOwn(input, key))
      throw new InvalidInputError(`"${key}" is given more than once`, key);
    input[key] = value;
  }
  return parse('query', schema, input);
}

/** The route's path parameters. */
export function pathOf<S extends Shape>(
  ctx: Pick<HttpRequestContext, 'params'>,
  schema: z.ZodObject<S>,
): z.output<z.ZodObject<S>> {
  return parse('path', schema, { ...ctx.params });
}

/** The route's JSON body, which must be an object (an absent body counts as `{}`). */
export function bodyOf<S extends Shape>(
  ctx: Pick<HttpRequestContext, 'body'>,
  schema: z.ZodObject<S>,
): z.output<z.ZodObject<S>> {
  const body = ctx.body === undefined ? {} : ctx.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new InvalidInputError('the body must be a JSON object', 'body');
  return parse('body', schema, body);
}

/** A schema that takes no fields: a query or body that must be empty. */
export const noFields = z.strictObject({});

/** A query integer from `min` to `max`. */
export function integerParam(name: string, min: number, max: number) {
  const message = `"${name}" must be an integer from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d{1,9}$/, { error: message })
    .transform(Number)
    .pipe(z.number().min(min, { error: message }).max(max, { error: message }));
}

/** A query flag: `1`/`true` is on, `0`/`false` off. */
export function flagParam(name: string) {
  return z
    .enum(['1', 'true', '0', 'false'], { error: `"${name}" must be 1 or 0 (true or false)` })
    .transform((v) => v === '1' || v === 'true');
}

/** A query value from a fixed list. */
export function enumParam<const T extends readonly [string, ...string[]]>(name: string, values: T) {
  return z.enum(values, { error: `"${name}" must be one of ${values.join(', ')}` });
}

/** A query duration (`15m`, `1h`, `7d`) in ms. */
export function durationParam(name: string) {
  return z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (typeof ms === 'string' || ms <= 0) {
      ctx.addIssue({
        code: 'custom',
        message: `"${name}" must be a duration like 15m, 1h or 7d`,
      });
      return z.NEVER;
    }
    return ms;
  });
}

/** A text parameter of 1 to `max` characters. */
export function textParam(name: string, max: number) {
  const message = `"${name}" must be 1 to ${max} characters`;
  return z.string().min(1, { error: message }).max(max, { error: message });
}

const ZONED_TIME = z.iso.datetime({ offset: true });

/**
 * A query time: a duration back from now (`15m`, `1h`, `7d`) or an ISO 8601 date-time with a zone
 * (`2026-01-31T12:00:00Z`). The value says which, so the route resolves a duration with its clock.
 */
export function sinceParam(name: string) {
  const message = `"${name}" must be a duration like 15m or 1h, or an ISO 8601 time with a zone such as 2026-01-31T12:00:00Z`;
  return z.string().transform((text, ctx): { agoMs: number } | { atMs: number } => {
    const ms = parseDuration(text);
    if (typeof ms === 'number' && ms > 0) return { agoMs: ms };
    if (ZONED_TIME.safeParse(text).success) return { atMs: Date.parse(text) };
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
}
