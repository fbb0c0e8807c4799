import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenBuckets } from '../../../../../daemon/http/middleware/token-bucket.js';

describe('TokenBuckets', () => {
  it('allows a burst, then refills at the rate', () => {
    const buckets = new TokenBuckets();
    const results = [1, 2, 3].map(() => buckets.take('ip', 1, 2, 0));
    assert.deepEqual(results, [
      { allowed: true, retryAfterMs: 0 },
      { allowed: true, retryAfterMs: 0 },
      { allowed: false, retryAfterMs: 1000 },
    ]);
    assert.deepEqual(buckets.take('ip', 1, 2, 500), { allowed: false, retryAfterMs: 500 });
    assert.deepEqual(buckets.take('ip', 1, 2, 1000), { allowed: true, retryAfterMs: 0 });
    assert.equal(buckets.take('other', 1, 2, 1000).allowed, true);
  });

  it('sweeps full buckets and caps the keys tracked', () => {
    const buckets = new TokenBuckets(2);
    buckets.take('a', 1, 5, 0);
    buckets.take('b', 1, 5, 0);
    buckets.take('c', 1, 5, 0);
    assert.equal(buckets.size, 2);
    buckets.sweep(10_000, 1, 5);
    assert.equal(buckets.size, 0);
  });

  it('at its key limit drops the least recently used bucket and keeps the state of the others', () => {
    const buckets = new TokenBuckets(2);
    buckets.take('a', 1, 2, 0);
    buckets.take('b', 1, 2, 0);
    buckets.take('a', 1, 2, 0); // a is empty now, and the most recent
    buckets.take('c', 1, 2, 0); // b goes
    assert.equal(buckets.size, 2);
    assert.deepEqual(buckets.take('a', 1, 2, 0), { allowed: false, retryAfterMs: 1000 });
    assert.deepEqual(
      buckets.take('b', 1, 2, 0),
      { allowed: true, retryAfterMs: 0 },
      'a new bucket',
    );
  });

  it('refuses bad arguments with a TypeError', () => {
    assert.throws(() => new TokenBuckets(0), {
      name: 'TypeError',
      message: '"maxKeys" must be a positive integer',
    });
    assert.throws(() => new TokenBuckets().take('a', 0, 1, 0), {
      name: 'TypeError',
      message: '"ratePerSecond" must be a positive number',
    });
    assert.throws(() => new TokenBuckets().take('a', 1, 0.5, 0), {
      name: 'TypeError',
      message: '"burst" must be at least 1',
    });
  });
});
