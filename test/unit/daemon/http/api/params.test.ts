import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import {
  bodyOf,
  durationParam,
  enumParam,
  flagParam,
  integerParam,
  noFields,
  pathOf,
  queryOf,
  textParam,
} from '../../../../../daemon/http/api/params.js';

const q = (text: string) => ({ query: new URLSearchParams(text) });

function invalid(fn: () => unknown, message: string, field: string): void {
  assert.throws(fn, {
    name: 'InvalidInputError',
    code: 'INVALID_INPUT',
    message,
    details: { field },
  });
}

describe('queryOf', () => {
  const schema = z.strictObject({
    range: enumParam('range', ['15m', '1h', '6h', '24h', '7d']).optional(),
    limit: integerParam('limit', 1, 1000).optional(),
    all: flagParam('all').optional(),
    since: durationParam('since').optional(),
    user: textParam('user', 8).optional(),
  });

  test('reads and converts each value', () => {
    assert.deepEqual(queryOf(q('range=6h&limit=20&all=1&since=1h30m&user=ada'), schema), {
      range: '6h',
      limit: 20,
      all: true,
      since: 5_400_000,
      user: 'ada',
    });
    assert.deepEqual(queryOf(q('all=false'), schema), { all: false });
    assert.deepEqual(queryOf(q(''), schema), {});
  });

  test('a bad value names the parameter and what it may be', () => {
    invalid(
      () => queryOf(q('range=2h'), schema),
      '"range" must be one of 15m, 1h, 6h, 24h, 7d',
      'range',
    );
    invalid(
      () => queryOf(q('limit=0'), schema),
      '"limit" must be an integer from 1 to 1000',
      'limit',
    );
    invalid(
      () => queryOf(q('limit=1001'), schema),
      '"limit" must be an integer from 1 to 1000',
      'limit',
    );
    invalid(
      () => queryOf(q('limit=ten'), schema),
      '"limit" must be an integer from 1 to 1000',
      'limit',
    );
    invalid(
      () => queryOf(q('limit=-1'), schema),
      '"limit" must be an integer from 1 to 1000',
      'limit',
    );
    invalid(() => queryOf(q('all=yes'), schema), '"all" must be 1 or 0 (true or false)', 'all');
    invalid(
      () => queryOf(q('since=soon'), schema),
      '"since" must be a duration like 15m, 1h or 7d',
      'since',
    );
    invalid(
      () => queryOf(q('since=0s'), schema),
      '"since" must be a duration like 15m, 1h or 7d',
      'since',
    );
    invalid(() => queryOf(q('user='), schema), '"user" must be 1 to 8 characters', 'user');
    invalid(() => queryOf(q('user=abcdefghi'), schema), '"user" must be 1 to 8 characters', 'user');
  });

  test('an unknown parameter is refused, naming what the route takes', () => {
    invalid(
      () => queryOf(q('rnage=1h'), schema),
      '"rnage" is not a query parameter of this route; this route takes range, limit, all, since, user',
      'rnage',
    );
    invalid(
      () => queryOf(q('x=1'), z.strictObject({})),
      '"x" is not a query parameter of this route; this route takes none',
      'x',
    );
  });

  test('a parameter given twice is refused', () => {
    invalid(
      () => queryOf(q('range=1h&range=6h'), schema),
      '"range" is given more than once',
      'range',
    );
  });

  test('a name like an Object property is an ordinary unknown parameter', () => {
    invalid(
      () => queryOf(q('constructor=1'), z.strictObject({})),
      '"constructor" is not a query parameter of this route; this route takes none',
      'constructor',
    );
  });
});

describe('pathOf', () => {
  test('reads the path parameters; a bad one is named', () => {
    const schema = z.strictObject({ id: textParam('id', 4) });
    assert.deepEqual(pathOf({ params: { id: 'abc' } }, schema), { id: 'abc' });
    invalid(
      () => pathOf({ params: { id: 'abcde' } }, schema),
      '"id" must be 1 to 4 characters',
      'id',
    );
  });
});

describe('bodyOf', () => {
  const schema = z.strictObject({
    comment: z.string().min(1),
    durationMs: z.number().int().optional(),
  });

  test('reads a JSON object body', () => {
    assert.deepEqual(bodyOf({ body: { comment: 'on it' } }, schema), { comment: 'on it' });
  });

  test('a missing field is required; a wrong type is named with what was expected', () => {
    invalid(() => bodyOf({ body: {} }, schema), '"comment" is required', 'comment');
    invalid(() => bodyOf({ body: undefined }, schema), '"comment" is required', 'comment');
    invalid(
      () => bodyOf({ body: { comment: 'x', durationMs: 'soon' } }, schema),
      '"durationMs" is invalid: Invalid input: expected number, received string',
      'durationMs',
    );
  });

  test('nested fields are named by their path', () => {
    const nested = z.strictObject({ samples: z.array(z.strictObject({ value: z.number() })) });
    invalid(
      () => bodyOf({ body: { samples: [{ value: 1 }, { value: 'x' }] } }, nested),
      '"samples.1.value" is invalid: Invalid input: expected number, received string',
      'samples.1.value',
    );
    invalid(
      () => bodyOf({ body: { samples: [{ value: 1, extra: true }] } }, nested),
      '"samples.0.extra" is not a field of this route',
      'samples.0.extra',
    );
  });

  test('an unknown field is refused', () => {
    invalid(
      () => bodyOf({ body: { comment: 'x', durationMS: 5 } }, schema),
      '"durationMS" is not a field of this route; this route takes comment, durationMs',
      'durationMS',
    );
  });

  test('a body that is not an object is refused', () => {
    for (const body of [[], 'text', 5, null]) {
      invalid(() => bodyOf({ body }, schema), 'the body must be a JSON object', 'body');
    }
  });
});

describe('noFields', () => {
  test('takes an empty query or body and refuses any field', () => {
    assert.deepEqual(queryOf(q(''), noFields), {});
    assert.deepEqual(bodyOf({ body: undefined }, noFields), {});
    invalid(
      () => queryOf(q('a=1'), noFields),
      '"a" is not a query parameter of this route; this route takes none',
      'a',
    );
    invalid(
      () => bodyOf({ body: { a: 1 } }, noFields),
      '"a" is not a field of this route; this route takes none',
      'a',
    );
  });
});
