import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PreparedJson, reply } from '../../../../../daemon/http/api/reply.js';

describe('reply', () => {
  test('a JSON answer, 200 unless given', () => {
    assert.deepEqual(reply({ a: 1 }), { status: 200, json: { a: 1 } });
    assert.deepEqual(reply(null, 201), { status: 201, json: null });
  });

  test('prepared JSON is sent as it is, never cached', () => {
    const prepared = PreparedJson.of({ a: [1, 'x'] });
    assert.equal(prepared.text, '{"a":[1,"x"]}\n');
    assert.deepEqual(reply(prepared), { status: 200, prepared: prepared.prepared });
    const { body, contentType, headers, noStore } = prepared.prepared;
    assert.deepEqual(
      { body, contentType, headers, noStore },
      {
        body: '{"a":[1,"x"]}\n',
        contentType: 'application/json; charset=utf-8',
        headers: { 'cache-control': 'no-store' },
        noStore: false,
      },
    );
  });
});
