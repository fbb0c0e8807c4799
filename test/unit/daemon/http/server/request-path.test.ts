import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeTarget,
  parseTarget,
  splitTarget,
} from '../../../../../daemon/http/server/request-path.js';

describe('parseTarget', () => {
  it('splits before decoding, drops empty segments, keeps the query', () => {
    const target = parseTarget('//api/v1/blacklist/10.0.0.0%2F8/?a=1&a=2#frag');
    assert.equal(target.rawPath, '//api/v1/blacklist/10.0.0.0%2F8/');
    assert.equal(target.path, '/api/v1/blacklist/10.0.0.0/8');
    assert.deepEqual(target.segments, ['api', 'v1', 'blacklist', '10.0.0.0/8']);
    assert.deepEqual(target.query.getAll('a'), ['1', '2']);
    assert.deepEqual(parseTarget('/').segments, []);
  });

  it('refuses dot segments, control characters, bad escapes and non-paths', () => {
    const refused = (url: string | undefined, message: string): void =>
      assert.throws(() => parseTarget(url), {
        code: 'INVALID_INPUT',
        message,
        details: { field: 'path' },
      });
    refused('/a/%2e%2e/b', 'request path must not contain . or .. segments');
    refused('/a/./b', 'request path must not contain . or .. segments');
    refused('/a%00b', 'request path must not contain control characters');
    refused('/a%zz', 'request path has a malformed %-escape');
    refused('http://x/a', 'request target must be an absolute path');
    refused(undefined, 'request target must be an absolute path');
    refused(`/${'a'.repeat(9000)}`, 'request target must be an absolute path');
    refused('/a/b\u0001c', 'request path must not contain control characters');
  });
});

describe('splitTarget and decodeTarget', () => {
  it('split judges nothing: the screen sees the raw parts of any target', () => {
    const split = splitTarget('../../etc/passwd?x=%3Cscript%3E#f');
    assert.equal(split.target, '../../etc/passwd?x=%3Cscript%3E#f');
    assert.equal(split.rawPath, '../../etc/passwd');
    assert.equal(split.rawQuery, 'x=%3Cscript%3E');
    assert.deepEqual([...split.query], [['x', '<script>']]);
    assert.deepEqual(splitTarget(undefined), {
      target: '',
      rawPath: '',
      rawQuery: '',
      query: new URLSearchParams(),
    });
    assert.throws(() => decodeTarget(split), {
      message: 'request target must be an absolute path',
    });
  });

  it('decode keeps the split query and decodes only segments with an escape', () => {
    const split = splitTarget('/api/v1/a%20b/plain?q=1');
    const target = decodeTarget(split);
    assert.equal(target.query, split.query);
    assert.deepEqual(target.segments, ['api', 'v1', 'a b', 'plain']);
    assert.equal(target.path, '/api/v1/a b/plain');
  });
});
