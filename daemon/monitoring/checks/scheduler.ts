/**
 * @module Runs user-defined checks, each on its own interval, and turns their results into UP/DOWN.
 *
 * Every run is cut by the check's timeout through an AbortSignal. A check never overlaps itself:
 * a tick that finds the previous run still going (a probe that ignores its signal) is skipped
 * and counted. Times come from the injected Clock and timer functions, so tests drive it by hand.
 */
import { EventEmitter } from 'node:events';
import { AppError, InvalidInputError, NotFoundError } from '../../../src/protocol/errors.js';
import type { Clock } from '../../clock.js';
import { CheckEntry, type CheckResultEvent, type CheckStatus, type EntryTools } from './check-entry.js';
import { validateDefinition, validateSchedule, type CheckDefinition } from './definition.js';
import { createCheck } from './factory.js';
import { HeartbeatRegistry } from './heartbeat.js';
import { HISTORY_LIMIT, type CheckResult } from './history.js';
import { monotonic, type ScheduledCheck, type Timer } from './probe.js';

export type { CheckResultEvent, CheckStatus } from './check-entry.js';

/** Spread of each interval, as a fraction: ±10% keeps checks of the same interval from running in lockstep. */
export const JITTER = 0.1;

export interface CheckSchedulerOptions {
  clock: Clock;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /** Uniform in [0, 1) (default Math.random); inject it for deterministic jitter. */
  random?: () => number;
  /** Monotonic ms, for the latency of checks that throw. */
  timer?: Timer;
  /** Results kept per check (default 1,000). */
  historyLimit?: number;
  heartbeats?: HeartbeatRegistry;
  /** Builds the runnable check of a definition (default: the real probes). */
  createCheck?: (def: CheckDefinition) => ScheduledCheck;
}

/**
 * Events: `result` ({@link CheckResultEvent}) after every run, `state` (same payload) when the
 * state changes (including the first move out of `unknown`), `skip` ({ name, skipped }).
 */
export class CheckScheduler extends EventEmitter {
  /** Where heartbeat checks read their pushes. */
  readonly heartbeats: HeartbeatRegistry;
  private readonly entries = new Map<string, CheckEntry>();
  private started = false;
  /** Checks added or removed so far (see {@link revision}). */
  private changes = 0;
  private readonly clock: Clock;
  private readonly tools: EntryTools;
  private readonly random: () => number;
  private readonly build: (def: CheckDefinition) => ScheduledCheck;

  constructor(options: CheckSchedulerOptions) {
    super();
    this.clock = options.clock;
    this.tools = {
      clock: options.clock,
      timer: options.timer ?? monotonic,
      setTimer: options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimer: options.clearTimeout ?? ((handle) => clearTimeout(handle as NodeJS.Timeout)),
      historyLimit: options.historyLimit ?? HISTORY_LIMIT,
    };
    this.random = options.random ?? Math.random;
    this.heartbeats = options.heartbeats ?? new HeartbeatRegistry();
    this.build = options.createCheck ?? ((def) => createCheck(def, { clock: this.clock, heartbeats: this.heartbeats }));
  }

  /** Adds a check from a definition (validated here) or a {@link HealthCheck}; runs it if started. */
  add(input: CheckDefinition | ScheduledCheck): void {
    let check: ScheduledCheck;
    let definition: CheckDefinition | null = null;
    if (typeof (input as Partial<ScheduledCheck>).run === 'function') {
      check = input as ScheduledCheck;
      const { intervalMs, timeoutMs, failureThreshold, successThreshold } = check;
      validateSchedule(check.name, { intervalMs, timeoutMs, failureThreshold, successThreshold, public: check.public });
    } else {
      definition = validateDefinition(input);
      check = this.build(definition);
    }
    if (this.entries.has(check.name)) throw new AppError('CONFLICT', `check '${check.name}' already exists`);
    const entry = new CheckEntry(check, definition, this.tools, (event) => this.publish(event));
    this.entries.set(check.name, entry);
    this.changes++;
    if (this.started) this.schedule(entry, this.firstDelay(check.intervalMs));
  }

  /**
   * A number that changes whenever a check is added or removed (a function check of the library
   * included, which never goes through the store): what a cached view of the checks compares.
   */
  get revision(): number {
    return this.changes;
  }

  /** Removes a check, cancelling its run; its history goes with it. */
  remove(name: string): void {
    const entry = this.entry(name);
    entry.removed = true;
    this.unschedule(entry);
    this.entries.delete(name);
    this.changes++;
    this.heartbeats.forget(name);
  }

  /** Every check, by name. */
  list(): CheckStatus[] {
    return [...this.entries.keys()].sort().map((name) => this.status(name));
  }

  /** One check's status; NotFoundError when there is none. */
  status(name: string): CheckStatus {
    return this.entry(name).status();
  }

  /** The kept results of a check, oldest first. */
  history(name: string): CheckResult[] {
    return this.entry(name).history.toArray();
  }

  /** Share of kept runs at or after `sinceMs` (epoch ms) that passed, 0..1; null when none. */
  uptime(name: string, sinceMs: number): number | null {
    return this.entry(name).history.uptime(sinceMs);
  }

  /** Records a push for heartbeat check `name` at the clock's now. */
  beat(name: string): void {
    const { check } = this.entry(name);
    if (check.type !== 'heartbeat') throw new InvalidInputError(`check '${name}' is a ${check.type} check, not a heartbeat`, 'name');
    this.heartbeats.beat(name, this.clock.now());
  }

  /** Starts every check's schedule; each first run comes within 10% of its interval. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const entry of this.entries.values()) this.schedule(entry, this.firstDelay(entry.check.intervalMs));
  }

  /** Stops all schedules and aborts runs in progress; their results are dropped. */
  stop(): void {
    this.started = false;
    for (const entry of this.entries.values()) this.unschedule(entry);
  }

  /** Runs a check now, outside its schedule; joins the run in progress if there is one. */
  runNow(name: string): Promise<CheckResult> {
    return this.entry(name).runOrJoin();
  }

  private entry(name: string): CheckEntry {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new NotFoundError(`no check named '${name}'`);
    return entry;
  }

  private publish(event: CheckResultEvent): void {
    this.emit('result', event);
    if (event.state !== event.previousState) this.emit('state', event);
  }

  private firstDelay(intervalMs: number): number {
    return Math.round(this.random() * JITTER * intervalMs);
  }

  private nextDelay(intervalMs: number): number {
    return Math.max(1, Math.round(intervalMs * (1 + JITTER * (2 * this.random() - 1))));
  }

  private schedule(entry: CheckEntry, delay: number): void {
    entry.handle = this.tools.setTimer(() => this.tick(entry), delay);
  }

  private unschedule(entry: CheckEntry): void {
    if (entry.handle !== null) this.tools.clearTimer(entry.handle);
    entry.handle = null;
    entry.cancel();
  }

  private tick(entry: CheckEntry): void {
    entry.handle = null;
    if (!this.started || entry.removed) return;
    // Scheduled from the tick, not from the end of the run, so slow checks keep their rhythm.
    this.schedule(entry, this.nextDelay(entry.check.intervalMs));
    if (entry.busy) {
      entry.skipped += 1;
      this.emit('skip', { name: entry.check.name, skipped: entry.skipped });
      return;
    }
    void entry.run();
  }
}
