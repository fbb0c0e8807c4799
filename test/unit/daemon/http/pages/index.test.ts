import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_PAGES, pageRoutes } from '../../../../../daemon/http/pages/index.js';
import type { HttpResult, HttpRoute } from '../../../../../daemon/http/types.js';
import { etagOf } from '../../../../../daemon/http/pages/etag.js';
import { appFolder, requestContext } from './fixture.js';

function route(routes: HttpRoute[], path: string): HttpRoute {
  const r = routes.find((x) => x.path === path);
  assert.ok(r, `no route ${path}`);
  return r;
}

function body(result: HttpResult): string {
  assert.ok('prepared' in result, 'a prepared answer');
  return result.prepared.body.toString();
}

test('the routes: app pages need a login, status and assets do not; all GET', () => {
  const routes = pageRoutes();
  assert.deepEqual(
    routes.map((r) => [r.method, r.path, r.permission, r.kind]),
    [
      ['GET', '/', 'monitoring.read', 'page'],
      ['GET', '/metrics/:name', 'monitoring.read', 'page'],
      ['GET', '/checks/:name', 'monitoring.read', 'page'],
      ['GET', '/alerts', 'monitoring.read', 'page'],
      ['GET', '/rules', 'monitoring.read', 'page'],
      ['GET', '/security', 'security.read', 'page'],
      ['GET', '/status', null, 'page'],
      ['GET', '/favicon.ico', null, 'page'],
      ['GET', '/assets/:a', null, 'page'],
      ['GET', '/assets/:a/:b', null, 'page'],
      ['GET', '/assets/:a/:b/:c', null, 'page'],
    ],
  );
  assert.equal(APP_PAGES.length, 6);
});

test('every app page serves index.html, no-cache with a tag, and 304 when current', async (t) => {
  const app = appFolder();
  t.after(app.cleanup);
  const routes = pageRoutes({ root: app.root, extra: {} });
  const html = '<!doctype html><title>app</title>';
  const tag = etagOf(Buffer.from(html));
  for (const { path } of APP_PAGES) {
    const result = await route(routes, path).handle(requestContext(path, { name: 'x' }));
    assert.equal(result.status, 200);
    assert.equal(body(result), html);
    assert.ok('prepared' in result);
    assert.equal(result.prepared.contentType, 'text/html; charset=utf-8');
    assert.deepEqual(result.prepared.headers, { 'Cache-Control': 'no-cache', ETag: tag });
  }
  const again = await route(routes, '/').handle(requestContext('/', {}, { 'if-none-match': tag }));
  // 304: the same prepared answer, which a 304 sends without its body (respond.ts).
  assert.equal(again.status, 304);
  assert.equal(body(again), html);
});

test('/status is 404 unless the status page is on, read at each request', async (t) => {
  const app = appFolder();
  t.after(app.cleanup);
  let on = false;
  const status = route(pageRoutes({ root: app.root, extra: {}, statusPage: () => on }), '/status');
  await assert.rejects(async () => status.handle(requestContext('/status')), {
    code: 'NOT_FOUND',
    message: 'the status page is not enabled',
  });
  on = true;
  const result = await status.handle(requestContext('/status'));
  assert.equal(result.status, 200);
  assert.equal(body(result), '<!doctype html><title>status</title>');
});

test('without a statusPage option, /status reads http.statusPage through config.get, failing closed', async (t) => {
  const app = appFolder();
  t.after(app.cleanup);
  const status = route(pageRoutes({ root: app.root, extra: {} }), '/status');
  const asked: unknown[] = [];
  const withValue = (value: unknown) => {
    const ctx = requestContext('/status');
    ctx.call = (async (method: string, params: unknown) => {
      asked.push([method, params]);
      if (value instanceof Error) throw value;
      return { key: 'http.statusPage', value };
    }) as typeof ctx.call;
    return ctx;
  };
  assert.equal((await status.handle(withValue('on'))).status, 200);
  await assert.rejects(async () => status.handle(withValue('off')), { code: 'NOT_FOUND' });
  await assert.rejects(async () => status.handle(withValue(new Error('FORBIDDEN'))), {
    code: 'NOT_FOUND',
    message: 'the status page is not enabled',
  });
  await assert.rejects(async () => status.handle(requestContext('/status')), { code: 'NOT_FOUND' });
  assert.deepEqual(asked[0], ['config.get', { key: 'http.statusPage' }]);
});

test('assets one, two and three segments deep, with their types', async (t) => {
  const app = appFolder();
  t.after(app.cleanup);
  const routes = pageRoutes({ root: app.root, extra: {} });
  const one = await route(routes, '/assets/:a').handle(
    requestContext('/assets/index.html', { a: 'index.html' }),
  );
  assert.equal(body(one), '<!doctype html><title>app</title>');
  const two = await route(routes, '/assets/:a/:b').handle(
    requestContext('/assets/css/app.css', { a: 'css', b: 'app.css' }),
  );
  assert.equal(body(two), 'body{}');
  assert.equal('prepared' in two && two.prepared.contentType, 'text/css; charset=utf-8');
  const three = await route(routes, '/assets/:a/:b/:c').handle(
    requestContext('/assets/js/views/x.js', { a: 'js', b: 'views', c: 'x.js' }),
  );
  assert.equal(body(three), 'export const x = 1;');
  assert.equal('prepared' in three && three.prepared.contentType, 'text/javascript; charset=utf-8');
});

test('uPlot is served from the installed package by default; /favicon.ico is the SVG icon', async () => {
  const routes = pageRoutes();
  const icon = await route(routes, '/favicon.ico').handle(requestContext('/favicon.ico'));
  assert.equal('prepared' in icon && icon.prepared.contentType, 'image/svg+xml');
  assert.match(body(icon), /^<svg /);
  const js = await route(routes, '/assets/:a/:b').handle(
    requestContext('/assets/vendor/uPlot.iife.min.js', { a: 'vendor', b: 'uPlot.iife.min.js' }),
  );
  assert.equal(js.status, 200);
  assert.match(body(js), /uPlot/);
  const css = await route(routes, '/assets/:a/:b').handle(
    requestContext('/assets/vendor/uPlot.min.css', { a: 'vendor', b: 'uPlot.min.css' }),
  );
  assert.equal('prepared' in css && css.prepared.contentType, 'text/css; charset=utf-8');
  const app = await route(routes, '/assets/:a/:b').handle(
    requestContext('/assets/js/app.js', { a: 'js', b: 'app.js' }),
  );
  assert.match(body(app), /createLive/);
});

test('traversal, absolute paths, folders, links out and unknown files are 404 NOT_FOUND', async (t) => {
  const app = appFolder();
  t.after(app.cleanup);
  const routes = pageRoutes({ root: app.root, extra: {} });
  const cases: Array<[string, Record<string, string>]> = [
    ['/assets/:a', { a: '..' }],
    ['/assets/:a', { a: '%2e%2e' }],
    ['/assets/:a/:b', { a: '..', b: 'secret.js' }],
    ['/assets/:a/:b', { a: '%2e%2e', b: 'secret.js' }],
    ['/assets/:a/:b', { a: '%2E%2E', b: 'secret.js' }],
    ['/assets/:a/:b/:c', { a: 'js', b: '..', c: 'index.html' }],
    ['/assets/:a', { a: app.outside }],
    ['/assets/:a', { a: '/etc/passwd' }],
    ['/assets/:a', { a: '..%2fsecret.js' }],
    ['/assets/:a', { a: 'js' }],
    ['/assets/:a/:b', { a: 'js', b: 'views' }],
    ['/assets/:a/:b', { a: 'js', b: 'link.js' }],
    ['/assets/:a', { a: 'notes.md' }],
    ['/assets/:a', { a: 'missing.js' }],
  ];
  for (const [path, params] of cases) {
    await assert.rejects(
      async () => route(routes, path).handle(requestContext(path, params)),
      (e: unknown) => {
        assert.equal((e as { code?: unknown }).code, 'NOT_FOUND', JSON.stringify(params));
        assert.equal(
          (e as Error).message,
          `no such file: /assets/${Object.values(params).join('/')}`,
        );
        return true;
      },
    );
  }
});

test('bad options are TypeErrors naming the option', () => {
  assert.throws(() => pageRoutes({ statusPage: true as unknown as () => boolean }), {
    name: 'TypeError',
    message: 'statusPage must be a function returning a boolean',
  });
  assert.throws(() => pageRoutes({ root: 5 as unknown as string }), {
    name: 'TypeError',
    message: 'root must be a string',
  });
});
