/**
 * @module The rate-limit step: API requests per IP and per user, login attempts per IP.
 *
 * The API limit is `rateLimitPerSecond` with bursts of five times that (so a page that loads its
 * panels at once is not refused); 0 turns it off. Login attempts are limited per minute on top of
 * the engine's account lockout and IP bans: those stop guessing, this stops a flood of bcrypt work.
 * A refusal is 429 RATE_LIMITED with Retry-After in whole seconds.
 */
import type { Clock } from '../../clock.js';
import { HttpError } from '../server/http-error.js';
import type { HttpSettings } from '../server/http-settings.js';
import { TokenBuckets } from './token-bucket.js';

/** Which budget a request spends. */
export type RateClass = 'api' | 'login' | 'none';

/** Bursts allowed above the steady API rate. */
export const API_BURST_FACTOR = 5;
const SWEEP_EVERY_MS = 60_000;

export class RateLimiter {
  private readonly byIp = new TokenBuckets();
  private readonly byUser = new TokenBuckets();
  private readonly logins = new TokenBuckets();
  private lastSweep = 0;

  constructor(
    private readonly settings: Pick<HttpSettings, 'rateLimitPerSecond' | 'loginPerMinute'>,
    private readonly clock: Clock,
  ) {}

  /**
   * Spends from the budgets of this request.
   * @throws HttpError RATE_LIMITED with a Retry-After header.
   */
  check(kind: RateClass, ip: string, username: string | null): void {
    if (kind === 'none') return;
    const now = this.clock.now();
    this.sweep(now);
    if (kind === 'login') {
      const perMinute = this.settings.loginPerMinute();
      const result = this.logins.take(ip, perMinute / 60, perMinute, now);
      if (!result.allowed)
        throw refusal(result.retryAfterMs, 'too many login attempts from this address');
      return;
    }
    const rate = this.settings.rateLimitPerSecond();
    if (rate <= 0) return;
    const burst = rate * API_BURST_FACTOR;
    const ipResult = this.byIp.take(ip, rate, burst, now);
    if (!ipResult.allowed)
      throw refusal(ipResult.retryAfterMs, 'too many requests from this address');
    if (username === null) return;
    const userResult = this.byUser.take(username, rate, burst, now);
    if (!userResult.allowed)
      throw refusal(userResult.retryAfterMs, 'too many requests for this user');
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    const rate = this.settings.rateLimitPerSecond();
    if (rate > 0) {
      this.byIp.sweep(now, rate, rate * API_BURST_FACTOR);
      this.byUser.sweep(now, rate, rate * API_BURST_FACTOR);
    }
    const perMinute = this.settings.loginPerMinute();
    this.logins.sweep(now, perMinute / 60, perMinute);
  }
}

function refusal(retryAfterMs: number, message: string): HttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new HttpError('RATE_LIMITED', `${message}; retry in ${seconds} s`, {
    'retry-after': String(seconds),
  });
}
