/**
 * @module Delivering one notification to one channel: a timeout per attempt, retries with
 * exponential backoff and full jitter, and a record of every attempt.
 *
 * Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): the wait before attempt
 * n+1 is a random time in [0, min(maxDelay, base × 2^(n-1))). It spreads the retries of many
 * groups failing at once (a receiver down) instead of sending them back in lockstep.
 */
import { randomUUID } from 'node:crypto';
import { formatDuration } from '../../../src/protocol/duration.js';
import { DeliveryError, type NotifyReason, type SendResult } from '../notifiers/notification.js';
import type { Scheduler } from './scheduler.js';
import type { DeliveryRecord } from './types.js';

/** One attempt: sends and settles, or rejects (a {@link DeliveryError} says whether to retry). */
export type SendAttempt = (signal: AbortSignal, attempt: number) => Promise<SendResult>;

export interface RetryOptions {
  /** Who and what, for the records. */
  channel: string;
  groupKey: string;
  reason: NotifyReason;
  scheduler: Scheduler;
  /** Receives every attempt's record; the caller keeps a bounded log. */
  record: (record: DeliveryRecord) => void;
  /** Per attempt, in ms (default 10 000). */
  timeoutMs?: number;
  /** Attempts in all, the first included (default 5). */
  maxAttempts?: number;
  /** Backoff base in ms (default 1 000). */
  baseDelayMs?: number;
  /** Backoff cap in ms (default 60 000). */
  maxDelayMs?: number;
  /** `full` (default) waits a random part of the backoff; `none` waits all of it. */
  jitter?: 'full' | 'none';
  /** A number in [0, 1) (default Math.random). */
  random?: () => number;
  /** Stops the delivery (the daemon is stopping): the attempt under way is aborted, no retry. */
  signal?: AbortSignal;
  /** Record ids (default random UUIDs). */
  newId?: () => string;
}

export const RETRY_DEFAULTS = {
  timeoutMs: 10_000,
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
} as const;

/** Failure messages are cut to this length in records: a receiver may answer with a whole page. */
export const MAX_ERROR_LENGTH = 500;

function integer(
  options: RetryOptions,
  key: 'timeoutMs' | 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs',
  min: number,
  max: number,
): number {
  const value = options[key] ?? RETRY_DEFAULTS[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`"${key}" option must be an integer from ${min} to ${max}`);
  }
  return value;
}

function checked(options: RetryOptions) {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('options must be an object');
  for (const key of ['channel', 'groupKey', 'reason'] as const) {
    if (typeof options[key] !== 'string') throw new TypeError(`"${key}" option must be a string`);
  }
  const { scheduler } = options;
  if (
    typeof scheduler?.now !== 'function' ||
    typeof scheduler.setTimer !== 'function' ||
    typeof scheduler.clearTimer !== 'function'
  ) {
    throw new TypeError('"scheduler" option must have now, setTimer and clearTimer');
  }
  if (typeof options.record !== 'function')
    throw new TypeError('"record" option must be a function');
  for (const key of ['random', 'newId'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function')
      throw new TypeError(`"${key}" option must be a function`);
  }
  const jitter = options.jitter ?? 'full';
  if (jitter !== 'full' && jitter !== 'none')
    throw new TypeError('"jitter" option must be "full" or "none"');
  const baseDelayMs = integer(options, 'baseDelayMs', 0, 3_600_000);
  const maxDelayMs = integer(options, 'maxDelayMs', baseDelayMs, 3_600_000);
  return {
    scheduler,
    jitter,
    baseDelayMs,
    maxDelayMs,
    timeoutMs: integer(options, 'timeoutMs', 1, 3_600_000),
    maxAttempts: integer(options, 'maxAttempts', 1, 100),
    random: options.random ?? Math.random,
    newId: options.newId ?? randomUUID,
  };
}

/** The message of a failure, bounded; never its stack. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/** A failure as a DeliveryError: other errors (fetch's `TypeError: fetch failed`) are retryable. */
function asDeliveryError(error: unknown): DeliveryError {
  return error instanceof DeliveryError
    ? error
    : new DeliveryError(errorMessage(error), true, { cause: error });
}

/** Waits `ms` on the scheduler; resolves false at once if `signal` aborts. */
function sleep(
  scheduler: Scheduler,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      scheduler.clearTimer(timer);
      resolve(false);
    };
    const timer = scheduler.setTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs one attempt with its own AbortSignal, aborted when `timeoutMs` passes or `outer` aborts.
 * The attempt's promise is raced, so a channel that ignores its signal cannot hold the delivery.
 */
function attemptOnce(
  send: SendAttempt,
  attempt: number,
  scheduler: Scheduler,
  timeoutMs: number,
  outer: AbortSignal | undefined,
): Promise<SendResult> {
  const controller = new AbortController();
  let stop: (error: DeliveryError) => void = () => {};
  const stopped = new Promise<never>((_resolve, reject) => {
    stop = reject;
  });
  const onOuterAbort = () => {
    const error = new DeliveryError('delivery cancelled', false);
    controller.abort(error);
    stop(error);
  };
  const timer = scheduler.setTimer(timeoutMs, () => {
    const error = new DeliveryError(`timed out after ${formatDuration(timeoutMs)}`, true);
    controller.abort(error);
    stop(error);
  });
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  const sent = Promise.resolve().then(() => send(controller.signal, attempt));
  sent.catch(() => {}); // it may settle after the race is lost
  return Promise.race([sent, stopped]).finally(() => {
    scheduler.clearTimer(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  });
}

/**
 * Delivers with retries. Stops at the first success, at a non-retryable {@link DeliveryError},
 * after `maxAttempts`, or when `signal` aborts.
 *
 * @returns the channel's result.
 * @throws DeliveryError the last failure.
 * @example
 * ```ts
 * const result = await deliverWithRetry(
 *   (signal) => notifier.send(notification, { signal, clock: scheduler, timeoutMs: 10_000, groupState }),
 *   { channel: 'ops', groupKey: notification.groupKey, reason: notification.reason, scheduler, record: (r) => log.add(r) },
 * );
 * ```
 */
export async function deliverWithRetry(
  send: SendAttempt,
  options: RetryOptions,
): Promise<SendResult> {
  if (typeof send !== 'function') throw new TypeError('send must be a function');
  const o = checked(options);
  for (let attempt = 1; ; attempt++) {
    const startedAt = o.scheduler.now();
    const base = {
      id: o.newId(),
      at: new Date(startedAt).toISOString(),
      channel: options.channel,
      groupKey: options.groupKey,
      reason: options.reason,
      attempt,
    };
    try {
      const result = await attemptOnce(send, attempt, o.scheduler, o.timeoutMs, options.signal);
      options.record({
        ...base,
        outcome: 'sent',
        detail: result.detail,
        error: null,
        durationMs: o.scheduler.now() - startedAt,
      });
      return result;
    } catch (thrown) {
      const error = asDeliveryError(thrown);
      const again = error.retryable && attempt < o.maxAttempts && options.signal?.aborted !== true;
      options.record({
        ...base,
        outcome: again ? 'retrying' : 'failed',
        detail: null,
        error: errorMessage(error),
        durationMs: o.scheduler.now() - startedAt,
      });
      if (!again) throw error;
      const cap = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
      const delay = o.jitter === 'full' ? Math.floor(o.random() * cap) : cap;
      if (!(await sleep(o.scheduler, delay, options.signal)))
        throw new DeliveryError('delivery cancelled', false);
    }
  }
}
