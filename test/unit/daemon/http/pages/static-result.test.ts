import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staticResult } from '../../../../../daemon/http/pages/static-result.js';

const asset = { body: Buffer.from('x'), etag: '"abc"', contentType: 'text/css; charset=utf-8' };
const headers = { 'Cache-Control': 'no-cache', ETag: '"abc"' };

test('200 with the body, no-cache and the tag', () => {
  assert.deepEqual(staticResult(asset, undefined), {
    status: 200,
    body: asset.body,
    contentType: 'text/css; charset=utf-8',
    headers,
  });
  assert.equal(staticResult(asset, '"other"').status, 200);
});

test('304 without a body when the browser has this version', () => {
  assert.deepEqual(staticResult(asset, '"abc"'), {
    status: 304,
    body: '',
    contentType: 'text/css; charset=utf-8',
    headers,
  });
  assert.equal(staticResult(asset, 'W/"abc"').status, 304);
});
