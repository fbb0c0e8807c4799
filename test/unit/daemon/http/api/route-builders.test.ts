import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { integerParam, textParam } from '../../../../../daemon/http/api/params.js';
import {
  apiRoute,
  getMethodRoute,
  postMethodRoute,
} from '../../../../../daemon/http/api/route-builders.js';
import { InvalidInputError } from '../../../../../src/protocol/errors.js';
import { fakeCtx, jsonOf, rejectsInput } from './fake-ctx.js';

describe('apiRoute', () => {
  const route = apiRoute({
    method: 'POST',
    path: '/api/v1/things/:id',
    permission: 'monitoring.write',
    params: z.strictObject({ id: textParam('id', 4) }),
    query: z.strictObject({ limit: integerParam('limit', 1, 9).optional() }),
    body: z.strictObject({ note: z.string() }),
    answer: (_ctx, input) => ({ input }),
  });

  test('an api route with the method, path and permission given', () => {
    assert.deepEqual(
      [route.method, route.path, route.permission, route.kind],
      ['POST', '/api/v1/things/:id', 'monitoring.write', 'api'],
    );
  });

  test('answers 200 with the answer, given the checked path parameters, query and body', async () => {
    const { ctx } = fakeCtx({
      method: 'POST',
      params: { id: 'a1' },
      query: 'limit=3',
      body: { note: 'hi' },
    });
    assert.deepEqual(await jsonOf(route, ctx), {
      status: 200,
      json: { input: { params: { id: 'a1' }, query: { limit: 3 }, body: { note: 'hi' } } },
    });
  });

  test('answers at once when the answer is at hand, through a promise when it is one', async () => {
    const at = (answer: () => unknown) =>
      apiRoute({ method: 'GET', path: '/api/v1/x', permission: 'monitoring.read', answer });
    const { ctx } = fakeCtx({});
    assert.deepEqual(at(() => ({ n: 1 })).handle(ctx), { status: 200, json: { n: 1 } });
    const later = at(() => Promise.resolve({ n: 2 })).handle(ctx);
    assert.ok(later instanceof Promise);
    assert.deepEqual(await later, { status: 200, json: { n: 2 } });
  });

  test('checks the path parameters, then the query, then the body', async () => {
    const allBad = { params: { id: 'toolong' }, query: 'limit=0', body: { note: 1 } };
    await rejectsInput(route, fakeCtx(allBad).ctx, '"id" must be 1 to 4 characters', 'id');
    await rejectsInput(
      route,
      fakeCtx({ ...allBad, params: { id: 'a1' } }).ctx,
      '"limit" must be an integer from 1 to 9',
      'limit',
    );
    await rejectsInput(
      route,
      fakeCtx({ ...allBad, params: { id: 'a1' }, query: '' }).ctx,
      '"note" is invalid: Invalid input: expected string, received number',
      'note',
    );
  });

  test('without schemas: no query parameter is allowed and the body is not read', async () => {
    const bare = apiRoute({
      method: 'DELETE',
      path: '/api/v1/x',
      permission: 'monitoring.write',
      answer: (_ctx, input) => input,
    });
    const { ctx } = fakeCtx({ method: 'DELETE', params: { id: 'a1' }, body: 'not an object' });
    assert.deepEqual(await jsonOf(bare, ctx), {
      status: 200,
      json: { params: {}, query: {}, body: {} },
    });
    await rejectsInput(
      bare,
      fakeCtx({ query: 'a=1' }).ctx,
      '"a" is not a query parameter of this route; this route takes none',
      'a',
    );
  });

  test("the answer's errors pass through", async () => {
    const failing = apiRoute({
      method: 'GET',
      path: '/api/v1/x',
      permission: 'monitoring.read',
      answer: () => {
        throw new InvalidInputError('no', 'x');
      },
    });
    await rejectsInput(failing, fakeCtx().ctx, 'no', 'x');
  });
});

describe('getMethodRoute', () => {
  const route = getMethodRoute('/api/v1/rules', 'monitoring.read', 'monitoring.rules.list');

  test('a GET api route answering the method called with {} as it is', async () => {
    assert.deepEqual(
      [route.method, route.path, route.permission, route.kind],
      ['GET', '/api/v1/rules', 'monitoring.read', 'api'],
    );
    const rules = { rules: [{ name: 'HighLoad' }] };
    const { ctx, calls } = fakeCtx({ handlers: { 'monitoring.rules.list': () => rules } });
    assert.deepEqual(await jsonOf(route, ctx), { status: 200, json: rules });
    assert.deepEqual(calls, [{ method: 'monitoring.rules.list', params: {} }]);
  });

  test('refuses a query parameter without calling', async () => {
    const { ctx, calls } = fakeCtx({ query: 'name=x' });
    await rejectsInput(
      route,
      ctx,
      '"name" is not a query parameter of this route; this route takes none',
      'name',
    );
    assert.deepEqual(calls, []);
  });
});

describe('postMethodRoute', () => {
  const route = postMethodRoute('/api/v1/metrics', 'monitoring.write', 'monitoring.push');
  const samples = [{ name: 'up', value: 1 }];

  test("a POST api route passing its body as the method's params", async () => {
    assert.deepEqual(
      [route.method, route.path, route.permission, route.kind],
      ['POST', '/api/v1/metrics', 'monitoring.write', 'api'],
    );
    const { ctx, calls } = fakeCtx({
      method: 'POST',
      body: { samples },
      handlers: { 'monitoring.push': () => ({ accepted: 1 }) },
    });
    assert.deepEqual(await jsonOf(route, ctx), { status: 200, json: { accepted: 1 } });
    assert.deepEqual(calls, [{ method: 'monitoring.push', params: { samples } }]);
  });

  test("checks the body with the method's schema and refuses a query", async () => {
    await rejectsInput(
      route,
      fakeCtx({ method: 'POST', body: { samples, extra: 1 } }).ctx,
      '"extra" is not a field of this route; this route takes samples',
      'extra',
    );
    await rejectsInput(
      route,
      fakeCtx({ method: 'POST', body: [] }).ctx,
      'the body must be a JSON object',
      'body',
    );
    await rejectsInput(
      route,
      fakeCtx({ method: 'POST', query: 'x=1', body: { samples } }).ctx,
      '"x" is not a query parameter of this route; this route takes none',
      'x',
    );
  });
});
