import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError, InvalidInputError } from '../../../../../src/protocol/errors.js';
import { mapError, statusOf } from '../../../../../daemon/http/server/errors.js';
import { HttpError } from '../../../../../daemon/http/server/http-error.js';

describe('mapError', () => {
  it('gives each protocol code its status', () => {
    const expected: Array<[Parameters<typeof statusOf>[0], number]> = [
      ['INVALID_INPUT', 400],
      ['THREAT_DETECTED', 400],
      ['UNAUTHORISED', 401],
      ['AUTH_FAILED', 401],
      ['TOKEN_EXPIRED', 401],
      ['FORBIDDEN', 403],
      ['IP_BANNED', 403],
      ['NOT_FOUND', 404],
      ['CONFLICT', 409],
      ['ACCOUNT_LOCKED', 423],
      ['STORE_WRITE_FAILED', 500],
    ];
    for (const [code, status] of expected) assert.equal(statusOf(code), status, code);
  });

  it('keeps the field, hides internals, and carries HTTP-only headers', () => {
    assert.deepEqual(mapError(new InvalidInputError('bad range', 'range')), {
      status: 400,
      body: { error: { code: 'INVALID_INPUT', message: 'bad range', field: 'range' } },
      headers: {},
      unexpected: false,
    });
    assert.deepEqual(mapError(new AppError('STORE_WRITE_FAILED', '/secret/path is full')), {
      status: 500,
      body: { error: { code: 'INTERNAL', message: 'internal error (see the daemon log)' } },
      headers: {},
      unexpected: true,
    });
    assert.deepEqual(mapError(new Error('stack and all')).body, {
      error: { code: 'INTERNAL', message: 'internal error (see the daemon log)' },
    });
    assert.deepEqual(mapError(new HttpError('RATE_LIMITED', 'slow down', { 'retry-after': '2' })), {
      status: 429,
      body: { error: { code: 'RATE_LIMITED', message: 'slow down' } },
      headers: { 'retry-after': '2' },
      unexpected: false,
    });
  });
});
