import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import { RateLimiter } from '../../../../../daemon/http/middleware/rate-limit.js';

describe('RateLimiter', () => {
  it('limits the API per IP and per user, logins per IP per minute; 0 turns the API limit off', () => {
    const clock = new ManualClock();
    let rate = 1;
    const limiter = new RateLimiter(
      { rateLimitPerSecond: () => rate, loginPerMinute: () => 1 },
      clock,
    );
    for (let i = 0; i < 5; i += 1) limiter.check('api', '10.0.0.1', 'ada');
    assert.throws(() => limiter.check('api', '10.0.0.1', null), {
      code: 'RATE_LIMITED',
      status: 429,
      message: 'too many requests from this address; retry in 1 s',
      headers: { 'retry-after': '1' },
    });
    // The user's budget is spent too, from any address.
    assert.throws(() => limiter.check('api', '10.0.0.2', 'ada'), {
      message: 'too many requests for this user; retry in 1 s',
    });
    limiter.check('login', '10.0.0.1', null);
    assert.throws(() => limiter.check('login', '10.0.0.1', null), {
      message: 'too many login attempts from this address; retry in 60 s',
      headers: { 'retry-after': '60' },
    });
    limiter.check('none', '10.0.0.1', 'ada');
    rate = 0;
    for (let i = 0; i < 50; i += 1) limiter.check('api', '10.0.0.1', 'ada');
  });
});
