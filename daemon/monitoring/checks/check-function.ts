/**
 * @module Health checks written as code: `new HealthCheck('database', async () => true, { intervalMs })`.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { validateSchedule } from './definition.js';
import { errorText, monotonic, quote, since, type ProbeResult, type ScheduledCheck, type Timer } from './probe.js';

/**
 * The function of a {@link HealthCheck}. It passes unless it returns `false` or throws, so
 * `async () => { await db.ping(); }` works as written. It should stop when `signal` aborts.
 */
export type CheckFunction = (signal: AbortSignal) => boolean | void | Promise<boolean | void>;

/** Schedule options of a {@link HealthCheck}; the same rules and defaults as a check definition's. */
export interface HealthCheckOptions {
  intervalMs?: number | string;
  timeoutMs?: number | string;
  failureThreshold?: number;
  successThreshold?: number;
  public?: boolean;
}

/** A check built from a function, ready for the scheduler. Throws InvalidInputError on bad options. */
export class HealthCheck implements ScheduledCheck {
  readonly type = 'function';
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly failureThreshold: number;
  readonly successThreshold: number;
  readonly public: boolean;

  constructor(
    readonly name: string,
    private readonly fn: CheckFunction,
    options: HealthCheckOptions = {},
    private readonly timer: Timer = monotonic,
  ) {
    if (typeof fn !== 'function') throw new InvalidInputError(`check '${name}': the check must be a function`);
    const schedule = validateSchedule(name, options);
    this.intervalMs = schedule.intervalMs;
    this.timeoutMs = schedule.timeoutMs;
    this.failureThreshold = schedule.failureThreshold;
    this.successThreshold = schedule.successThreshold;
    this.public = schedule.public;
  }

  /** Calls the function once. */
  async run(signal: AbortSignal): Promise<ProbeResult> {
    const started = this.timer();
    try {
      const value = await this.fn(signal);
      const latencyMs = since(this.timer, started);
      return value === false ? { ok: false, detail: 'the check returned false', latencyMs } : { ok: true, detail: 'passed', latencyMs };
    } catch (error) {
      return { ok: false, detail: `the check threw: ${quote(errorText(error), 300)}`, latencyMs: since(this.timer, started) };
    }
  }
}
