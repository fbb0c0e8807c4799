/**
 * @module One check inside the scheduler: its runs (cut by the timeout), flap state and history.
 */
import { formatDuration } from '../../../src/protocol/duration.js';
import type { Clock } from '../../clock.js';
import type { CheckDefinition } from './definition.js';
import { FlapControl, type CheckState } from './flap.js';
import { ResultHistory, type CheckResult } from './history.js';
import { errorText, since, type ProbeResult, type ScheduledCheck, type Timer } from './probe.js';

/** Payload of the scheduler's `result` and `state` events. */
export interface CheckResultEvent {
  name: string;
  result: CheckResult;
  state: CheckState;
  previousState: CheckState;
}

/** What the scheduler reports for each check. */
export interface CheckStatus {
  name: string;
  type: string;
  public: boolean;
  intervalMs: number;
  timeoutMs: number;
  state: CheckState;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  lastResult: CheckResult | null;
  /** Ticks skipped because the previous run was still going. */
  skipped: number;
  running: boolean;
  /** The definition, or null for a check built in code. */
  definition: CheckDefinition | null;
}

/** The time sources and timers an entry uses (the scheduler's). */
export interface EntryTools {
  clock: Clock;
  timer: Timer;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  historyLimit: number;
}

/** The abort reason of runs cut by stop() or remove(): their results are dropped. */
const CANCELLED = new Error('the check was stopped');

/** The runtime of one scheduled check. */
export class CheckEntry {
  readonly flap: FlapControl;
  readonly history: ResultHistory;
  /** The timer of the next scheduled tick. */
  handle: unknown = null;
  skipped = 0;
  removed = false;
  /** True until the probe's own promise settles, which may be after its timeout. */
  busy = false;
  private controller: AbortController | null = null;
  private cutRun: ((detail: string, latencyMs?: number) => void) | null = null;
  private last: Promise<CheckResult> | null = null;

  constructor(
    readonly check: ScheduledCheck,
    readonly definition: CheckDefinition | null,
    private readonly tools: EntryTools,
    private readonly onResult: (event: CheckResultEvent) => void,
  ) {
    this.flap = new FlapControl(check.failureThreshold, check.successThreshold);
    this.history = new ResultHistory(tools.historyLimit);
  }

  status(): CheckStatus {
    const { check, flap } = this;
    return {
      name: check.name,
      type: check.type,
      public: check.public,
      intervalMs: check.intervalMs,
      timeoutMs: check.timeoutMs,
      state: flap.state,
      consecutiveFailures: flap.consecutiveFailures,
      consecutiveSuccesses: flap.consecutiveSuccesses,
      lastResult: this.history.latest(),
      skipped: this.skipped,
      running: this.busy,
      definition: this.definition,
    };
  }

  /** Runs the check, or joins the run in progress. */
  runOrJoin(): Promise<CheckResult> {
    return this.busy && this.last !== null ? this.last : this.run();
  }

  /** Aborts the run in progress; its result is not recorded. */
  cancel(): void {
    this.controller?.abort(CANCELLED);
    // Settles the run even if the probe ignores its signal, and frees its timeout timer.
    this.cutRun?.('stopped');
  }

  /** Starts a run; the caller makes sure none is in progress. */
  run(): Promise<CheckResult> {
    const { check, tools } = this;
    const controller = new AbortController();
    const time = tools.clock.now();
    const started = tools.timer();
    this.busy = true;
    this.controller = controller;
    const probe: Promise<ProbeResult> = (async () => check.run(controller.signal))().catch((error: unknown) => ({
      ok: false,
      detail: `check failed: ${errorText(error)}`,
      latencyMs: since(tools.timer, started),
    }));
    void probe.finally(() => {
      this.busy = false;
      if (this.controller === controller) this.controller = null;
    });
    let handle: unknown = null;
    let cutRun: (detail: string, latencyMs?: number) => void = () => undefined;
    const cut = new Promise<ProbeResult>((resolve) => {
      cutRun = (detail, latencyMs) => {
        tools.clearTimer(handle);
        resolve({ ok: false, detail, latencyMs: latencyMs ?? since(tools.timer, started) });
      };
    });
    this.cutRun = cutRun;
    handle = tools.setTimer(() => {
      const detail = `timed out after ${formatDuration(check.timeoutMs)}`;
      controller.abort(Object.assign(new Error(detail), { name: 'TimeoutError' }));
      cutRun(detail, check.timeoutMs);
    }, check.timeoutMs);
    const result = Promise.race([probe, cut]).then((outcome) => {
      tools.clearTimer(handle);
      if (this.cutRun === cutRun) this.cutRun = null;
      return this.record(time, outcome, controller.signal);
    });
    this.last = result;
    return result;
  }

  private record(time: number, outcome: ProbeResult, signal: AbortSignal): CheckResult {
    const result: CheckResult = {
      name: this.check.name,
      time,
      // A hand-written check may return anything; only a real `true` passes.
      ok: outcome.ok === true,
      latencyMs: Number.isFinite(outcome.latencyMs) ? outcome.latencyMs : 0,
      detail: String(outcome.detail),
      ...(typeof outcome.warning === 'string' ? { warning: outcome.warning } : {}),
    };
    if (this.removed || signal.reason === CANCELLED) return result;
    this.history.push(result);
    this.onResult({ name: result.name, result, ...this.flap.record(result.ok) });
    return result;
  }
}
