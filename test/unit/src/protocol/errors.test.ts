import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AppError,
  type ErrorCode,
  ExitCode,
  exitCodeFor,
  InvalidInputError,
  isErrorCode,
  NotFoundError,
  RemoteError,
  rpcNumber,
  StoreWriteError,
} from '../../../../src/protocol/errors.js';

const table: Array<[ErrorCode, number, number]> = [
  ['PARSE_ERROR', -32700, 2],
  ['INVALID_REQUEST', -32600, 2],
  ['METHOD_NOT_FOUND', -32601, 2],
  ['INVALID_PARAMS', -32602, 2],
  ['INTERNAL', -32603, 1],
  ['FRAME_TOO_LARGE', -32600, 2],
  ['TOO_MANY_CONNECTIONS', -32000, 3],
  ['SHUTTING_DOWN', -32001, 3],
  ['HANDSHAKE_REQUIRED', -32002, 1],
  ['INVALID_INPUT', 1001, 2],
  ['NOT_FOUND', 1002, 1],
  ['CONFLICT', 1003, 1],
  ['STORE_WRITE_FAILED', 1004, 1],
  ['UNAUTHORISED', 1005, 4],
  ['FORBIDDEN', 1006, 4],
  ['DAEMON_UNREACHABLE', 1100, 3],
  ['DAEMON_START_FAILED', 1101, 3],
  ['CONNECTION_CLOSED', 1102, 3],
  ['REQUEST_TIMEOUT', 1103, 3],
  ['PROTOCOL_MISMATCH', 1104, 1],
];

describe('error code table', () => {
  test('exit codes', () => {
    assert.deepEqual(ExitCode, { ok: 0, failed: 1, usage: 2, unreachable: 3, unauthorised: 4 });
  });

  for (const [code, rpc, exit] of table) {
    test(`${code}: rpc ${rpc}, exit ${exit}`, () => {
      assert.equal(rpcNumber(code), rpc);
      assert.equal(exitCodeFor(code), exit);
      assert.equal(isErrorCode(code), true);
    });
  }

  test('isErrorCode refuses other values, including inherited property names', () => {
    for (const value of [
      'NOPE',
      'toString',
      'constructor',
      '__proto__',
      '',
      1001,
      null,
      undefined,
      {},
    ])
      assert.equal(isErrorCode(value), false, String(value));
  });
});

describe('AppError', () => {
  test('carries code, message, details, name and exit code', () => {
    const error = new AppError('CONFLICT', 'taken', { details: { field: 'name', extra: 1 } });
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'AppError');
    assert.equal(error.code, 'CONFLICT');
    assert.equal(error.message, 'taken');
    assert.deepEqual(error.details, { field: 'name', extra: 1 });
    assert.equal(error.exitCode, 1);
    assert.equal(error.cause, undefined);
  });

  test('keeps a cause when given', () => {
    const cause = new Error('disk full');
    assert.equal(new AppError('INTERNAL', 'x', { cause }).cause, cause);
  });

  test('toWire has rpc number, message and data.code, and no stack', () => {
    const wire = new AppError('NOT_FOUND', 'gone', { details: { field: 'target' } }).toWire();
    assert.deepEqual(wire, {
      code: 1002,
      message: 'gone',
      data: { field: 'target', code: 'NOT_FOUND' },
    });
    assert.equal(JSON.stringify(wire).includes('at '), false);
  });

  test('data.code cannot be overridden by details', () => {
    const wire = new AppError('NOT_FOUND', 'gone', {
      details: { code: 'INTERNAL' } as never,
    }).toWire();
    assert.equal(wire.data.code, 'NOT_FOUND');
  });

  test('subclasses', () => {
    const invalid = new InvalidInputError('bad ip', 'ip');
    assert.equal(invalid.name, 'InvalidInputError');
    assert.equal(invalid.code, 'INVALID_INPUT');
    assert.equal(invalid.exitCode, 2);
    assert.deepEqual(invalid.toWire(), {
      code: 1001,
      message: 'bad ip',
      data: { field: 'ip', code: 'INVALID_INPUT' },
    });
    assert.deepEqual(new InvalidInputError('bad').details, {});

    const missing = new NotFoundError('no such entry');
    assert.equal(missing.name, 'NotFoundError');
    assert.deepEqual(missing.toWire(), {
      code: 1002,
      message: 'no such entry',
      data: { code: 'NOT_FOUND' },
    });

    const cause = new Error('EIO');
    const write = new StoreWriteError('could not write', cause);
    assert.equal(write.name, 'StoreWriteError');
    assert.equal(write.code, 'STORE_WRITE_FAILED');
    assert.equal(write.cause, cause);
    assert.deepEqual(write.toWire(), {
      code: 1004,
      message: 'could not write',
      data: { code: 'STORE_WRITE_FAILED' },
    });
  });
});

describe('RemoteError', () => {
  test('round-trips an AppError through its wire form', () => {
    const original = new InvalidInputError("'x' is not a valid IP address", 'target');
    const remote = new RemoteError(original.toWire());
    assert.ok(remote instanceof AppError);
    assert.equal(remote.name, 'RemoteError');
    assert.equal(remote.code, 'INVALID_INPUT');
    assert.equal(remote.message, "'x' is not a valid IP address");
    assert.deepEqual(remote.details, { field: 'target' });
    assert.equal(remote.rpcCode, 1001);
    assert.equal(remote.exitCode, 2);
    assert.deepEqual(remote.toWire(), original.toWire());
  });

  test('an unknown or missing data.code becomes INTERNAL, keeping the rpc number', () => {
    const unknown = new RemoteError({
      code: -32099,
      message: 'odd',
      data: { code: 'WHAT' as never, field: 'f' },
    });
    assert.equal(unknown.code, 'INTERNAL');
    assert.equal(unknown.rpcCode, -32099);
    assert.deepEqual(unknown.details, { field: 'f' });

    const missing = new RemoteError({ code: -32603, message: 'no data' } as never);
    assert.equal(missing.code, 'INTERNAL');
    assert.equal(missing.message, 'no data');
    assert.deepEqual(missing.details, {});
  });
});
