import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  deliverWithRetry,
  MAX_ERROR_LENGTH,
  RETRY_DEFAULTS,
  type RetryOptions,
  type SendAttempt,
} from '../../../../../daemon/monitoring/notifications/delivery.js';
import {
  DeliveryError,
  type SendResult,
} from '../../../../../daemon/monitoring/notifiers/notification.js';
import { ManualScheduler } from '../../../../../daemon/monitoring/notifications/scheduler.js';
import type { DeliveryRecord } from '../../../../../daemon/monitoring/notifications/types.js';
import { iso, SECOND, T0 } from './fixtures.js';

interface Run {
  scheduler: ManualScheduler;
  records: DeliveryRecord[];
  options: RetryOptions;
}

function setup(extra: Partial<RetryOptions> = {}): Run {
  const scheduler = new ManualScheduler(T0);
  const records: DeliveryRecord[] = [];
  let id = 0;
  const options: RetryOptions = {
    channel: 'ops',
    groupKey: 'default:{alertname="X"}',
    reason: 'new-group',
    scheduler,
    record: (r) => records.push(r),
    random: () => 0.5,
    newId: () => `r${++id}`,
    ...extra,
  };
  return { scheduler, records, options };
}

/** Fails with each error in turn, then succeeds. */
function failing(errors: unknown[], took = 0, scheduler?: ManualScheduler): SendAttempt {
  let n = 0;
  return async () => {
    const error = errors[n++];
    if (took > 0 && scheduler !== undefined)
      await new Promise((resolve) => scheduler.setTimer(took, () => resolve(undefined)));
    if (error !== undefined) throw error;
    return { detail: 'HTTP 200' };
  };
}

const brief = (records: DeliveryRecord[]) =>
  records.map(
    (r) => `${(Date.parse(r.at) - T0) / 1000}s #${r.attempt} ${r.outcome} ${r.error ?? r.detail}`,
  );

describe('deliverWithRetry', () => {
  test('a success at once gives one record with the detail', async () => {
    const run = setup();
    const outcome = deliverWithRetry(failing([], 250, run.scheduler), run.options);
    await run.scheduler.advance(250);
    assert.deepEqual(await outcome, { detail: 'HTTP 200' });
    assert.deepEqual(run.records, [
      {
        id: 'r1',
        at: iso(T0),
        channel: 'ops',
        groupKey: 'default:{alertname="X"}',
        reason: 'new-group',
        attempt: 1,
        outcome: 'sent',
        detail: 'HTTP 200',
        error: null,
        durationMs: 250,
      },
    ]);
  });

  test('retries wait a random part of base × 2^(n-1): with random 0.5, 0.5 s, 1 s, 2 s', async () => {
    const run = setup();
    const outcome = deliverWithRetry(
      failing([
        new DeliveryError('HTTP 503', true),
        new DeliveryError('HTTP 502', true),
        new Error('connect ECONNREFUSED'),
      ]),
      run.options,
    );
    await run.scheduler.advance(3499);
    assert.deepEqual(brief(run.records), [
      '0s #1 retrying HTTP 503',
      '0.5s #2 retrying HTTP 502',
      '1.5s #3 retrying connect ECONNREFUSED',
    ]);
    await run.scheduler.advance(1);
    assert.deepEqual(await outcome, { detail: 'HTTP 200' });
    assert.deepEqual(brief(run.records).slice(3), ['3.5s #4 sent HTTP 200']);
  });

  test('the delay is capped at maxDelayMs; after maxAttempts the last error is thrown', async () => {
    const delays: number[] = [];
    const run = setup({ jitter: 'none', baseDelayMs: 1000, maxDelayMs: 3000 });
    const setTimer = run.scheduler.setTimer.bind(run.scheduler);
    run.scheduler.setTimer = (ms, fn) => {
      if (ms !== RETRY_DEFAULTS.timeoutMs) delays.push(ms);
      return setTimer(ms, fn);
    };
    const errors = [1, 2, 3, 4, 5].map((n) => new DeliveryError(`HTTP 50${n}`, true));
    const outcome = deliverWithRetry(failing(errors), run.options);
    const rejected = assert.rejects(
      outcome,
      (e: unknown) => e instanceof DeliveryError && e.message === 'HTTP 505' && e.retryable,
    );
    await run.scheduler.advance(60 * SECOND);
    await rejected;
    assert.deepEqual(delays, [1000, 2000, 3000, 3000]);
    assert.deepEqual(brief(run.records), [
      '0s #1 retrying HTTP 501',
      '1s #2 retrying HTTP 502',
      '3s #3 retrying HTTP 503',
      '6s #4 retrying HTTP 504',
      '9s #5 failed HTTP 505',
    ]);
  });

  test('full jitter scales the whole backoff by the random number', async () => {
    const run = setup({ random: () => 0.999, maxAttempts: 3 });
    const outcome = deliverWithRetry(
      failing([
        new DeliveryError('a', true),
        new DeliveryError('b', true),
        new DeliveryError('c', true),
      ]),
      run.options,
    );
    const rejected = assert.rejects(outcome, { message: 'c' });
    await run.scheduler.advance(10 * SECOND);
    await rejected;
    assert.deepEqual(brief(run.records), [
      '0s #1 retrying a',
      '0.999s #2 retrying b',
      '2.997s #3 failed c',
    ]);
  });

  test('a non-retryable DeliveryError stops at once', async () => {
    const run = setup();
    const outcome = deliverWithRetry(
      failing([new DeliveryError('HTTP 400: bad payload', false)]),
      run.options,
    );
    await assert.rejects(
      outcome,
      (e: unknown) =>
        e instanceof DeliveryError && e.message === 'HTTP 400: bad payload' && !e.retryable,
    );
    assert.deepEqual(brief(run.records), ['0s #1 failed HTTP 400: bad payload']);
    assert.equal(run.scheduler.pending, 0);
  });

  test('an attempt that outlasts timeoutMs is aborted and retried with a fresh signal', async () => {
    const run = setup({ timeoutMs: 2000 });
    const signals: AbortSignal[] = [];
    const send: SendAttempt = (signal, attempt) => {
      signals.push(signal);
      // The first attempt ignores its signal: the race must still end it.
      return attempt === 1
        ? new Promise<SendResult>(() => {})
        : Promise.resolve({ detail: 'HTTP 200' });
    };
    const outcome = deliverWithRetry(send, run.options);
    await run.scheduler.advance(1999);
    assert.equal(signals[0]?.aborted, false);
    await run.scheduler.advance(1);
    assert.equal(signals[0]?.aborted, true);
    assert.ok(signals[0]?.reason instanceof DeliveryError);
    await run.scheduler.advance(500);
    assert.deepEqual(await outcome, { detail: 'HTTP 200' });
    assert.equal(signals[1]?.aborted, false);
    assert.deepEqual(brief(run.records), [
      '0s #1 retrying timed out after 2s',
      '2.5s #2 sent HTTP 200',
    ]);
    assert.equal(run.records[0]?.durationMs, 2000);
  });

  test('the caller aborting stops the attempt and the retries', async () => {
    const stop = new AbortController();
    const run = setup({ signal: stop.signal });
    const send: SendAttempt = (signal) =>
      new Promise((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason)),
      );
    const outcome = deliverWithRetry(send, run.options);
    const rejected = assert.rejects(
      outcome,
      (e: unknown) =>
        e instanceof DeliveryError && e.message === 'delivery cancelled' && !e.retryable,
    );
    await run.scheduler.advance(100);
    stop.abort();
    await rejected;
    assert.deepEqual(brief(run.records), ['0s #1 failed delivery cancelled']);
    const waiting = setup({ signal: stop.signal });
    await assert.rejects(deliverWithRetry(failing([]), waiting.options), {
      message: 'delivery cancelled',
    });
  });

  test('an abort during the wait between attempts stops the retries', async () => {
    const stop = new AbortController();
    const run = setup({ signal: stop.signal });
    const outcome = deliverWithRetry(failing([new DeliveryError('HTTP 503', true)]), run.options);
    const rejected = assert.rejects(outcome, { message: 'delivery cancelled' });
    await run.scheduler.advance(100);
    stop.abort();
    await rejected;
    assert.equal(run.scheduler.pending, 0);
    assert.deepEqual(brief(run.records), ['0s #1 retrying HTTP 503']);
  });

  test('records hold messages only, cut to a bounded length; a throw that is not an Error is retried', async () => {
    const run = setup({ maxAttempts: 2 });
    const long = new Error('x'.repeat(2000));
    const outcome = deliverWithRetry(failing(['plain string', long]), run.options);
    const rejected = assert.rejects(outcome, DeliveryError);
    await run.scheduler.advance(10 * SECOND);
    await rejected;
    assert.equal(run.records[0]?.error, 'plain string');
    assert.equal(run.records[1]?.error, `${'x'.repeat(MAX_ERROR_LENGTH - 1)}…`);
    assert.ok(!JSON.stringify(run.records).includes('delivery.test.ts'), 'no stack in a record');
  });

  test('a send that throws synchronously is a failed attempt, not a crash', async () => {
    const run = setup({ maxAttempts: 1 });
    const send: SendAttempt = () => {
      throw new TypeError('fetch failed');
    };
    await assert.rejects(deliverWithRetry(send, run.options), { message: 'fetch failed' });
    assert.deepEqual(brief(run.records), ['0s #1 failed fetch failed']);
  });

  test('wrong options are TypeErrors naming the option', async () => {
    const { options } = setup();
    const send = failing([]);
    await assert.rejects(
      deliverWithRetry('x' as never, options),
      (e: unknown) => e instanceof TypeError && e.message === 'send must be a function',
    );
    const cases: Array<[Partial<Record<keyof RetryOptions, unknown>>, string]> = [
      [{ channel: 1 }, '"channel" option must be a string'],
      [{ groupKey: undefined }, '"groupKey" option must be a string'],
      [{ scheduler: {} }, '"scheduler" option must have now, setTimer and clearTimer'],
      [{ record: null }, '"record" option must be a function'],
      [{ random: 0.5 }, '"random" option must be a function'],
      [{ jitter: 'equal' }, '"jitter" option must be "full" or "none"'],
      [{ timeoutMs: 0 }, '"timeoutMs" option must be an integer from 1 to 3600000'],
      [{ maxAttempts: 0 }, '"maxAttempts" option must be an integer from 1 to 100'],
      [{ baseDelayMs: -1 }, '"baseDelayMs" option must be an integer from 0 to 3600000'],
      [
        { baseDelayMs: 5000, maxDelayMs: 1000 },
        '"maxDelayMs" option must be an integer from 5000 to 3600000',
      ],
    ];
    for (const [bad, message] of cases) {
      await assert.rejects(
        deliverWithRetry(send, { ...options, ...bad } as RetryOptions),
        (e: unknown) => e instanceof TypeError && e.message === message,
      );
    }
  });
});
