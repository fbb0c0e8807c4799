import { test } from 'node:test';
import assert from 'node:assert/strict';
import { preparedAsset, staticResult } from '../../../../../daemon/http/pages/static-result.js';

const asset = { body: Buffer.from('x'), etag: '"abc"', contentType: 'text/css; charset=utf-8' };

test('the answer of a file: its body and type, no-cache and its tag, made once', () => {
  const answer = preparedAsset(asset);
  assert.deepEqual(
    { body: answer.body, contentType: answer.contentType, headers: answer.headers },
    {
      body: asset.body,
      contentType: 'text/css; charset=utf-8',
      headers: { 'Cache-Control': 'no-cache', ETag: '"abc"' },
    },
  );
  assert.equal(preparedAsset(asset), answer, 'the same answer for the same file');
});

test('200 with the prepared answer unless the browser has this version', () => {
  assert.deepEqual(staticResult(asset, undefined), { status: 200, prepared: preparedAsset(asset) });
  assert.equal(staticResult(asset, '"other"').status, 200);
});

test('304 (sent without a body) when the browser has this version', () => {
  assert.deepEqual(staticResult(asset, '"abc"'), { status: 304, prepared: preparedAsset(asset) });
  assert.equal(staticResult(asset, 'W/"abc"').status, 304);
});
