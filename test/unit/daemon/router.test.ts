import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import pino from 'pino';
import { AppError, InvalidInputError } from '../../../src/protocol/errors.js';
import type { ResponseMessage } from '../../../src/protocol/jsonrpc.js';
import { type MethodName, methods } from '../../../src/protocol/methods.js';
import { silentLogger } from '../../../daemon/log.js';
import {
  type Connection,
  type HandlerTable,
  type RequestContext,
  Router,
} from '../../../daemon/router.js';

interface Call {
  method: MethodName;
  params: unknown;
  ctx: RequestContext;
}

/** A handler table whose every handler records its call and answers `{ ok: <method> }`, unless overridden. */
function fakeHandlers(
  calls: Call[],
  overrides: Partial<Record<MethodName, (params: unknown) => unknown>> = {},
): HandlerTable {
  const table: Record<string, (params: unknown, ctx: RequestContext) => unknown> = {};
  for (const method of Object.keys(methods) as MethodName[]) {
    table[method] = (params, ctx) => {
      calls.push({ method, params, ctx });
      const override = overrides[method];
      return override === undefined ? { ok: method } : override(params);
    };
  }
  return table as unknown as HandlerTable;
}

function ctxOf(hello: Connection['hello'] = { client: 'test', version: '0.1.0' }): RequestContext {
  return { connection: { id: 1, hello, subscriptions: new Set(), principal: null }, actor: 'tester' };
}

const req = (method: string, params?: unknown, id: number | string = 7) => ({
  jsonrpc: '2.0',
  id,
  method,
  ...(params === undefined ? {} : { params }),
});

function errorOf(response: ResponseMessage) {
  assert.ok('error' in response, `expected an error response, got ${JSON.stringify(response)}`);
  return response.error;
}

describe('Router.dispatch', () => {
  test('a valid request reaches its handler with the parsed params and the context', async () => {
    const calls: Call[] = [];
    const router = new Router(fakeHandlers(calls), silentLogger());
    const ctx = ctxOf();
    const response = await router.dispatch(
      req('security.blacklist.add', { target: '1.2.3.4', ttlMs: 1000 }),
      ctx,
    );
    assert.deepEqual(response, { jsonrpc: '2.0', id: 7, result: { ok: 'security.blacklist.add' } });
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.method, 'security.blacklist.add');
    assert.deepEqual(calls[0]?.params, { target: '1.2.3.4', ttlMs: 1000 });
    assert.equal(calls[0]?.ctx, ctx);
  });

  test('absent params count as {}', async () => {
    const calls: Call[] = [];
    const router = new Router(fakeHandlers(calls), silentLogger());
    const response = await router.dispatch(req('daemon.ping', undefined, 'abc'), ctxOf());
    assert.deepEqual(response, { jsonrpc: '2.0', id: 'abc', result: { ok: 'daemon.ping' } });
    assert.deepEqual(calls[0]?.params, {});
  });

  test('something that is not a request is -32600, with the id when one is usable', async () => {
    const router = new Router(fakeHandlers([]), silentLogger());
    const invalid = {
      code: -32600,
      message:
        'invalid request: expected a JSON-RPC 2.0 request object with jsonrpc, id and method',
      data: { code: 'INVALID_REQUEST' },
    };
    assert.deepEqual(await router.dispatch([1, 2], ctxOf()), {
      jsonrpc: '2.0',
      id: null,
      error: invalid,
    });
    assert.deepEqual(await router.dispatch('hello', ctxOf()), {
      jsonrpc: '2.0',
      id: null,
      error: invalid,
    });
    assert.deepEqual(await router.dispatch({ jsonrpc: '2.0', method: 'daemon.ping' }, ctxOf()), {
      jsonrpc: '2.0',
      id: null,
      error: invalid,
    });
    assert.deepEqual(
      await router.dispatch({ jsonrpc: '1.0', id: 5, method: 'daemon.ping' }, ctxOf()),
      { jsonrpc: '2.0', id: 5, error: invalid },
    );
    assert.deepEqual(await router.dispatch({ jsonrpc: '2.0', id: 5, method: 42 }, ctxOf()), {
      jsonrpc: '2.0',
      id: 5,
      error: invalid,
    });
    assert.deepEqual(
      await router.dispatch({ jsonrpc: '2.0', id: { x: 1 }, method: 'daemon.ping' }, ctxOf()),
      { jsonrpc: '2.0', id: null, error: invalid },
    );
  });

  test('an unknown method is -32601 naming it', async () => {
    const router = new Router(fakeHandlers([]), silentLogger());
    assert.deepEqual(await router.dispatch(req('x'), ctxOf()), {
      jsonrpc: '2.0',
      id: 7,
      error: { code: -32601, message: "method not found: 'x'", data: { code: 'METHOD_NOT_FOUND' } },
    });
  });

  test('an unknown method name is cut to 100 characters in the message', async () => {
    const router = new Router(fakeHandlers([]), silentLogger());
    const error = errorOf(await router.dispatch(req('m'.repeat(500)), ctxOf()));
    assert.equal(error.message, `method not found: '${'m'.repeat(100)}'`);
  });

  test('inherited property names are not methods', async () => {
    const router = new Router(fakeHandlers([]), silentLogger());
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      assert.equal(errorOf(await router.dispatch(req(name), ctxOf())).code, -32601, name);
    }
  });

  test('before hello, any method but daemon.hello is HANDSHAKE_REQUIRED and no handler runs', async () => {
    const calls: Call[] = [];
    const router = new Router(fakeHandlers(calls), silentLogger());
    assert.deepEqual(await router.dispatch(req('daemon.ping'), ctxOf(null)), {
      jsonrpc: '2.0',
      id: 7,
      error: {
        code: -32002,
        message: 'the first request on a connection must be daemon.hello',
        data: { code: 'HANDSHAKE_REQUIRED' },
      },
    });
    assert.equal(calls.length, 0);
    const hello = await router.dispatch(
      req('daemon.hello', { client: 'cli', version: '0.1.0', protocol: 1 }),
      ctxOf(null),
    );
    assert.deepEqual(hello, { jsonrpc: '2.0', id: 7, result: { ok: 'daemon.hello' } });
  });

  test('an unknown method before hello is still -32601', async () => {
    const router = new Router(fakeHandlers([]), silentLogger());
    assert.equal(errorOf(await router.dispatch(req('nope'), ctxOf(null))).code, -32601);
  });

  test('bad params are -32602 naming the field, and no handler runs', async () => {
    const calls: Call[] = [];
    const router = new Router(fakeHandlers(calls), silentLogger());
    assert.deepEqual(
      await router.dispatch(
        req('security.blacklist.add', { target: '1.2.3.4', ttlMs: -5 }),
        ctxOf(),
      ),
      {
        jsonrpc: '2.0',
        id: 7,
        error: {
          code: -32602,
          message: "invalid params: 'ttlMs': Too small: expected number to be >0",
          data: { field: 'ttlMs', code: 'INVALID_PARAMS' },
        },
      },
    );
    assert.deepEqual(
      errorOf(
        await router.dispatch(
          req('security.blacklist.add', { target: '1.2.3.4', reason: 'r'.repeat(501) }),
          ctxOf(),
        ),
      ),
      {
        code: -32602,
        message: "invalid params: 'reason': Too big: expected string to have <=500 characters",
        data: { field: 'reason', code: 'INVALID_PARAMS' },
      },
    );
    assert.deepEqual(errorOf(await router.dispatch(req('security.blacklist.add', {}), ctxOf())), {
      code: -32602,
      message: "invalid params: 'target': Invalid input: expected string, received undefined",
      data: { field: 'target', code: 'INVALID_PARAMS' },
    });
    assert.deepEqual(
      errorOf(await router.dispatch(req('monitoring.subscribe', { topics: ['nope'] }), ctxOf())),
      {
        code: -32602,
        message: `invalid params: 'topics.0': Invalid option: expected one of "health"|"alerts"|"checks"|"metrics"`,
        data: { field: 'topics.0', code: 'INVALID_PARAMS' },
      },
    );
    assert.equal(calls.length, 0);
  });

  test('params that are not an object are -32602 with an empty field', async () => {
    const router = new Router(fakeHandlers([]), silentLogger());
    assert.deepEqual(errorOf(await router.dispatch(req('daemon.ping', [1]), ctxOf())), {
      code: -32602,
      message: 'invalid params: Invalid input: expected object, received array',
      data: { field: '', code: 'INVALID_PARAMS' },
    });
  });

  test('an unknown field is refused by name', async () => {
    const router = new Router(fakeHandlers([]), silentLogger());
    assert.deepEqual(errorOf(await router.dispatch(req('daemon.ping', { foo: 1 }), ctxOf())), {
      code: -32602,
      message: "invalid params: unknown field 'foo'",
      data: { field: 'foo', code: 'INVALID_PARAMS' },
    });
    assert.equal(
      errorOf(
        await router.dispatch(
          req('security.blacklist.check', { ip: '1.2.3.4', foo: 1, bar: 2 }),
          ctxOf(),
        ),
      ).message,
      "invalid params: unknown field 'foo'",
    );
  });

  test('a handler throwing an AppError answers with its wire form', async () => {
    const router = new Router(
      fakeHandlers([], {
        'security.blacklist.remove': () => {
          throw new AppError('NOT_FOUND', '1.2.3.4 is not on the blacklist');
        },
        'security.blacklist.check': async () => {
          throw new InvalidInputError("'x' is not a valid IP address", 'ip');
        },
      }),
      silentLogger(),
    );
    assert.deepEqual(
      await router.dispatch(req('security.blacklist.remove', { target: '1.2.3.4' }), ctxOf()),
      {
        jsonrpc: '2.0',
        id: 7,
        error: {
          code: 1002,
          message: '1.2.3.4 is not on the blacklist',
          data: { code: 'NOT_FOUND' },
        },
      },
    );
    assert.deepEqual(
      errorOf(await router.dispatch(req('security.blacklist.check', { ip: 'x' }), ctxOf())),
      {
        code: 1001,
        message: "'x' is not a valid IP address",
        data: { field: 'ip', code: 'INVALID_INPUT' },
      },
    );
  });

  test('a handler throwing a plain Error is INTERNAL, without its message or stack', async () => {
    const router = new Router(
      fakeHandlers([], {
        'daemon.status': () => {
          throw new Error('secret detail at /home/u/.config');
        },
      }),
      silentLogger(),
    );
    const response = await router.dispatch(req('daemon.status'), ctxOf());
    assert.deepEqual(response, {
      jsonrpc: '2.0',
      id: 7,
      error: {
        code: -32603,
        message: 'internal error in daemon.status (see the daemon log)',
        data: { code: 'INTERNAL' },
      },
    });
    assert.equal(JSON.stringify(response).includes('secret detail'), false);
    assert.equal(JSON.stringify(response).includes('    at '), false);
  });

  test('crashes and store failures are logged; refusals are not', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const logger = pino({ level: 'error' }, sink);
    const router = new Router(
      fakeHandlers([], {
        'daemon.status': () => {
          throw new TypeError('boom');
        },
        'config.set': () => {
          throw new AppError('STORE_WRITE_FAILED', 'disk full');
        },
        'config.get': () => {
          throw new InvalidInputError('unknown key');
        },
      }),
      logger,
    );
    await router.dispatch(req('daemon.status'), ctxOf());
    await router.dispatch(req('config.set', { key: 'k', value: 'v' }), ctxOf());
    await router.dispatch(req('config.get', { key: 'k' }), ctxOf());
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(
      lines.map((l) => [l['msg'], l['method'], (l['err'] as { message: string }).message]),
      [
        ['handler crashed', 'daemon.status', 'boom'],
        ['request failed', 'config.set', 'disk full'],
      ],
    );
  });
});

describe('Router gates and observers', () => {
  test('a request that changes state is observed as it begins and when it settles, even when it fails', async () => {
    const seen: string[] = [];
    const router = new Router(
      fakeHandlers([], {
        'security.blacklist.remove': () => {
          seen.push('handler');
          throw new AppError('NOT_FOUND', 'not there');
        },
      }),
      silentLogger(),
      () => undefined,
      (phase, method) => seen.push(`${phase} ${method}`),
    );
    await router.dispatch(req('security.blacklist.add', { target: '1.2.3.4' }), ctxOf());
    await router.dispatch(req('security.blacklist.list', {}), ctxOf());
    await router.dispatch(req('security.blacklist.remove', { target: '1.2.3.4' }), ctxOf());
    assert.deepEqual(seen, [
      'begin security.blacklist.add',
      'end security.blacklist.add',
      'begin security.blacklist.remove',
      'handler',
      'end security.blacklist.remove',
    ]);
  });

  test('a refused request is not observed, and a synchronous gate runs before the handler without yielding', async () => {
    const seen: string[] = [];
    const router = new Router(
      fakeHandlers([]),
      silentLogger(),
      (method) => {
        seen.push(`gate ${method}`);
        if (method === 'security.blacklist.add') throw new AppError('FORBIDDEN', 'no');
      },
      (phase, method) => seen.push(`${phase} ${method}`),
    );
    const refused = await router.dispatch(req('security.blacklist.add', { target: '1.2.3.4' }), ctxOf());
    assert.equal(errorOf(refused).data.code, 'FORBIDDEN');
    assert.deepEqual(seen, ['gate security.blacklist.add']);
  });
});
