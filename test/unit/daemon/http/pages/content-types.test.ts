import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentTypeOf } from '../../../../../daemon/http/pages/content-types.js';

test('the app file kinds have their content types', () => {
  assert.equal(contentTypeOf('index.html'), 'text/html; charset=utf-8');
  assert.equal(contentTypeOf('js/app.js'), 'text/javascript; charset=utf-8');
  assert.equal(contentTypeOf('css/app.css'), 'text/css; charset=utf-8');
  assert.equal(contentTypeOf('icon.svg'), 'image/svg+xml');
  assert.equal(contentTypeOf('/x/uPlot.MIN.CSS'), 'text/css; charset=utf-8');
});

test('any other kind is not served', () => {
  assert.equal(contentTypeOf('app.ts'), null);
  assert.equal(contentTypeOf('Makefile'), null);
  assert.equal(contentTypeOf('store.json.bak'), null);
});
