import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { reply } from '../../../../../daemon/http/api/reply.js';

describe('reply', () => {
  test('a JSON answer, 200 unless given', () => {
    assert.deepEqual(reply({ a: 1 }), { status: 200, json: { a: 1 } });
    assert.deepEqual(reply(null, 201), { status: 201, json: null });
  });
});
