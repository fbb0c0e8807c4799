/**
 * Shared by the scheduler tests: timers over a ManualClock, scripted checks, a wired scheduler.
 */
import { ManualClock } from '../../../../../daemon/clock.js';
import type { ProbeResult, ScheduledCheck } from '../../../../../daemon/monitoring/checks/probe.js';
import { CheckScheduler, type CheckResultEvent } from '../../../../../daemon/monitoring/checks/scheduler.js';

/** setTimeout/clearTimeout over a ManualClock; advance() fires what is due, in time order. */
export class FakeTimers {
  readonly calls: Array<{ id: number; ms: number }> = [];
  private seq = 0;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();

  constructor(readonly clock: ManualClock) {}

  setTimeout = (fn: () => void, ms: number): number => {
    const id = ++this.seq;
    this.pending.set(id, { at: this.clock.now() + ms, fn });
    this.calls.push({ id, ms });
    return id;
  };

  clearTimeout = (id: unknown): void => {
    this.pending.delete(id as number);
  };

  get size(): number {
    return this.pending.size;
  }

  async advance(ms: number): Promise<void> {
    const end = this.clock.now() + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const item of this.pending) if (item[1].at <= end && (next === undefined || item[1].at < next[1].at)) next = item;
      if (next === undefined) break;
      this.pending.delete(next[0]);
      this.clock.set(next[1].at);
      next[1].fn();
      await flush();
    }
    this.clock.set(end);
    await flush();
  }
}

export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A check whose results come from a script (true/false), or from `run` when given. */
export function scripted(name: string, outcomes: boolean[], extra: Partial<ScheduledCheck> = {}): ScheduledCheck & { calls: number } {
  const check = {
    name,
    type: 'function',
    intervalMs: 10_000,
    timeoutMs: 1000,
    failureThreshold: 3,
    successThreshold: 2,
    public: false,
    calls: 0,
    async run(): Promise<ProbeResult> {
      const ok = outcomes[check.calls] ?? true;
      check.calls += 1;
      return { ok, detail: ok ? 'fine' : 'broken', latencyMs: 5 };
    },
    ...extra,
  };
  return check;
}

export function setup(random: () => number = () => 0.5, historyLimit?: number) {
  const clock = new ManualClock();
  const timers = new FakeTimers(clock);
  const scheduler = new CheckScheduler({ clock, setTimeout: timers.setTimeout, clearTimeout: timers.clearTimeout, random, ...(historyLimit === undefined ? {} : { historyLimit }) });
  const results: CheckResultEvent[] = [];
  const states: CheckResultEvent[] = [];
  scheduler.on('result', (event: CheckResultEvent) => results.push(event));
  scheduler.on('state', (event: CheckResultEvent) => states.push(event));
  return { clock, timers, scheduler, results, states };
}
