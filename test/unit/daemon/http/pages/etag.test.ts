import { test } from 'node:test';
import assert from 'node:assert/strict';
import { etagOf, matchesIfNoneMatch } from '../../../../../daemon/http/pages/etag.js';

test('the tag is quoted, stable for the same bytes and different for others', () => {
  const a = etagOf(Buffer.from('body { color: red }'));
  assert.match(a, /^"[A-Za-z0-9_-]{27}"$/);
  assert.equal(etagOf(Buffer.from('body { color: red }')), a);
  assert.notEqual(etagOf(Buffer.from('body { color: blue }')), a);
});

test('If-None-Match matches the tag, a list holding it, its weak form and *', () => {
  const tag = etagOf(Buffer.from('x'));
  assert.equal(matchesIfNoneMatch(tag, tag), true);
  assert.equal(matchesIfNoneMatch(`"other", ${tag}`, tag), true);
  assert.equal(matchesIfNoneMatch(`W/${tag}`, tag), true);
  assert.equal(matchesIfNoneMatch('*', tag), true);
});

test('an absent, empty or different If-None-Match does not match', () => {
  const tag = etagOf(Buffer.from('x'));
  assert.equal(matchesIfNoneMatch(undefined, tag), false);
  assert.equal(matchesIfNoneMatch('', tag), false);
  assert.equal(matchesIfNoneMatch('"nope"', tag), false);
  assert.equal(matchesIfNoneMatch(tag.slice(1, -1), tag), false);
});
