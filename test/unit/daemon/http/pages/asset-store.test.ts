import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssetStore } from '../../../../../daemon/http/pages/asset-store.js';
import { etagOf } from '../../../../../daemon/http/pages/etag.js';
import { appFolder } from './fixture.js';

test('serves a file under the root with its type and tag', async (t) => {
  const app = appFolder();
  t.after(app.cleanup);
  const store = new AssetStore({ root: app.root });
  const css = await store.get('css/app.css');
  assert.deepEqual(css?.body, Buffer.from('body{}'));
  assert.equal(css?.etag, etagOf(Buffer.from('body{}')));
  assert.equal(css?.contentType, 'text/css; charset=utf-8');
  assert.equal((await store.get('js/views/x.js'))?.contentType, 'text/javascript; charset=utf-8');
});

test('reads a changed file again (new tag), and keeps an unchanged one', async (t) => {
  const app = appFolder();
  t.after(app.cleanup);
  const store = new AssetStore({ root: app.root });
  const first = await store.get('js/app.js');
  assert.equal(await store.get('js/app.js'), first);
  writeFileSync(join(app.root, 'js', 'app.js'), 'export const changed = true;');
  const second = await store.get('js/app.js');
  assert.equal(second?.body.toString(), 'export const changed = true;');
  assert.notEqual(second?.etag, first?.etag);
});

test('nothing for a missing file, a folder, an unserved kind, traversal or a link out', async (t) => {
  const app = appFolder();
  t.after(app.cleanup);
  const store = new AssetStore({ root: app.root });
  for (const bad of [
    'missing.js',
    'js',
    'js/views',
    'js/dir.js',
    'notes.md',
    '../secret.js',
    '%2e%2e/secret.js',
    app.outside,
    'js/link.js',
  ])
    assert.equal(await store.get(bad), null, bad);
});

test('extra files are served by their asset path only', async (t) => {
  const app = appFolder();
  t.after(app.cleanup);
  const store = new AssetStore({ root: app.root, extra: { 'vendor/lib.js': app.outside } });
  assert.equal((await store.get('vendor/lib.js'))?.body.toString(), 'secret');
  assert.equal(await store.get('vendor/other.js'), null);
});

test('a root that is not a string is a TypeError', () => {
  assert.throws(() => new AssetStore({ root: 1 as unknown as string }), {
    name: 'TypeError',
    message: 'root must be a string',
  });
});
