import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTarget } from '../../../../../daemon/http/server/request-path.js';

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
  });
});
