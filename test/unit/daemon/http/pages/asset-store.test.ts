import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssetStore, MAX_MISSES } from '../../../../../daemon/http/pages/asset-store.js';
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

test('reads a file once: later requests are answered from memory, even if the file changed', async (t) => {
  const app = appFolder();
  t.after(app.cleanup);
  const store = new AssetStore({ root: app.root });
  assert.equal(store.loaded('js/app.js'), undefined, 'nothing is at hand before its first load');
  const first = await store.get('js/app.js');
  assert.equal(await store.get('js/app.js'), first);
  assert.equal(store.loaded('js/app.js'), first, 'then it is at hand, with no promise');
  // The files ship with the daemon and do not change while it runs; a change is not looked for.
  writeFileSync(join(app.root, 'js', 'app.js'), 'export const changed = true;');
  rmSync(join(app.root, 'css', 'app.css'));
  assert.equal(await store.get('js/app.js'), first);
  assert.equal(first?.body.toString(), 'export {};');
  assert.equal(await store.get('css/app.css'), null);
  assert.equal(store.loaded('css/app.css'), undefined, 'nothing to serve is never at hand');
});

test('concurrent first requests share one read', async (t) => {
  const app = appFolder();
  t.after(app.cleanup);
  const store = new AssetStore({ root: app.root });
  const [a, b] = await Promise.all([store.get('index.html'), store.get('index.html')]);
  assert.ok(a !== null);
  assert.equal(a, b);
});

test('a path with nothing to serve stays refused, and a file added later is not looked for', async (t) => {
  const app = appFolder();
  t.after(app.cleanup);
  const store = new AssetStore({ root: app.root });
  assert.equal(await store.get('js/late.js'), null);
  writeFileSync(join(app.root, 'js', 'late.js'), 'export {};');
  assert.equal(await store.get('js/late.js'), null);
  assert.equal(
    await store.get('js/views/x.js').then((x) => x?.body.toString()),
    'export const x = 1;',
  );
});

test(`misses are remembered up to ${MAX_MISSES} paths, the oldest forgotten first`, async (t) => {
  const app = appFolder();
  t.after(app.cleanup);
  const store = new AssetStore({ root: app.root });
  assert.equal(await store.get('first.js'), null);
  for (let i = 0; i < MAX_MISSES; i += 1) assert.equal(await store.get(`m${i}.js`), null);
  // first.js was dropped from the misses, so it is looked for again and now found.
  writeFileSync(join(app.root, 'first.js'), 'export {};');
  writeFileSync(join(app.root, `m${MAX_MISSES - 1}.js`), 'export {};');
  assert.equal((await store.get('first.js'))?.body.toString(), 'export {};');
  assert.equal(await store.get(`m${MAX_MISSES - 1}.js`), null);
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
