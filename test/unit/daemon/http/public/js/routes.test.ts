import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './load.js';

const r = await load<{
  matchRoute(path: string): { view: string; params: Record<string, string> } | null;
}>('routes.js');

test('each app path names its view', () => {
  assert.deepEqual(r.matchRoute('/'), { view: 'overview', params: {} });
  assert.deepEqual(r.matchRoute('/alerts'), { view: 'alerts', params: {} });
  assert.deepEqual(r.matchRoute('/alerts/'), { view: 'alerts', params: {} });
  assert.deepEqual(r.matchRoute('/rules'), { view: 'rules', params: {} });
  assert.deepEqual(r.matchRoute('/security'), { view: 'security', params: {} });
  assert.deepEqual(r.matchRoute('/metrics/http_requests_total'), {
    view: 'metric',
    params: { name: 'http_requests_total' },
  });
  assert.deepEqual(r.matchRoute('/checks/web%20site'), {
    view: 'check',
    params: { name: 'web site' },
  });
});

test('other paths and bad encodings match nothing', () => {
  assert.equal(r.matchRoute('/metrics'), null);
  assert.equal(r.matchRoute('/metrics/a/b'), null);
  assert.equal(r.matchRoute('/checks/%E0%A4%A'), null);
  assert.equal(r.matchRoute('/nope'), null);
});
