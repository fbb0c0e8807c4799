import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { resolveAssetPath } from '../../../../../daemon/http/pages/asset-path.js';

const root = '/srv/app/public';

test('a plain relative path resolves inside the root', () => {
  assert.equal(resolveAssetPath(root, 'css/app.css'), join(root, 'css/app.css'));
  assert.equal(resolveAssetPath(root, 'js/views/overview.js'), join(root, 'js/views/overview.js'));
  assert.equal(resolveAssetPath(root, 'index.html'), join(root, 'index.html'));
  assert.equal(resolveAssetPath(`${root}/`, 'a.js'), join(root, 'a.js'));
});

test('parent segments are refused, plain or percent-encoded in any state', () => {
  for (const bad of [
    '..',
    '../package.json',
    'css/../../secret',
    'css/..',
    '%2e%2e/package.json',
    '%2E%2E/x',
    '%252e%252e/x',
    '.%2e/x',
    'css/%2e%2e',
    '..%2fpackage.json',
    '..%5cpackage.json',
  ])
    assert.equal(resolveAssetPath(root, bad), null, bad);
});

test('absolute, backslash, NUL, empty, hidden and odd paths are refused', () => {
  for (const bad of [
    '/etc/passwd',
    '//etc/passwd',
    'C:\\Windows\\win.ini',
    '..\\package.json',
    'css\\app.css',
    'app.css\0.png',
    '',
    'css//app.css',
    'css/',
    '.env',
    'css/.hidden',
    './app.css',
    'a b.js',
    'x'.repeat(513),
  ])
    assert.equal(resolveAssetPath(root, bad), null, JSON.stringify(bad.slice(0, 40)));
});

test('a relative root or a non-string path is a TypeError', () => {
  assert.throws(() => resolveAssetPath('public', 'a.js'), {
    name: 'TypeError',
    message: 'root must be an absolute path',
  });
  assert.throws(() => resolveAssetPath(root, 7 as unknown as string), {
    name: 'TypeError',
    message: 'relative must be a string',
  });
});
