import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DecodedTargets,
  MAX_REMEMBERED_PATH,
} from '../../../../../daemon/http/server/decoded-targets.js';
import { parseTarget, splitTarget } from '../../../../../daemon/http/server/request-path.js';

describe('DecodedTargets', () => {
  it('decodes as decodeTarget does, with each request keeping its own query', () => {
    const targets = new DecodedTargets();
    const first = targets.decode(splitTarget('/api/v1/blacklist/10.0.0.0%2F8?a=1'));
    const again = targets.decode(splitTarget('/api/v1/blacklist/10.0.0.0%2F8?a=2&b=3'));
    for (const [target, url] of [
      [first, '/api/v1/blacklist/10.0.0.0%2F8?a=1'],
      [again, '/api/v1/blacklist/10.0.0.0%2F8?a=2&b=3'],
    ] as const) {
      const fresh = parseTarget(url);
      assert.equal(target.rawPath, fresh.rawPath);
      assert.equal(target.path, fresh.path);
      assert.deepEqual(target.segments, fresh.segments);
      assert.equal(target.query.toString(), fresh.query.toString());
    }
    assert.equal(targets.size, 1);
    // The remembered segments are shared, so they are frozen.
    assert.equal(again.segments, first.segments);
    assert.equal(Object.isFrozen(again.segments), true);
  });

  it('remembers no refused path: each is refused again with its error', () => {
    const targets = new DecodedTargets();
    for (let i = 0; i < 2; i++)
      assert.throws(() => targets.decode(splitTarget('/a/%2e%2e/b')), {
        code: 'INVALID_INPUT',
        message: 'request path must not contain . or .. segments',
      });
    assert.equal(targets.size, 0);
  });

  it('still refuses a too-long target whose path it remembers', () => {
    const targets = new DecodedTargets();
    targets.decode(splitTarget('/api/v1/health'));
    assert.throws(() => targets.decode(splitTarget(`/api/v1/health?q=${'x'.repeat(9000)}`)), {
      code: 'INVALID_INPUT',
      message: 'request target must be an absolute path',
    });
  });

  it('does not remember long paths', () => {
    const targets = new DecodedTargets();
    const long = `/${'a'.repeat(MAX_REMEMBERED_PATH)}`;
    assert.equal(targets.decode(splitTarget(long)).path, long);
    assert.equal(targets.size, 0);
  });
});
