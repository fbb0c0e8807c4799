/**
 * @module Time and timers as one parameter, so that the dispatcher's group_wait, group_interval
 * and retry delays can be driven by hand in tests.
 */
import type { Clock } from '../../clock.js';

/** An opaque handle returned by {@link Scheduler.setTimer}. */
export type TimerHandle = unknown;

/** A clock that can also call a function later. */
export interface Scheduler extends Clock {
  /** Calls `fn` once after `ms` milliseconds (0 or less: as soon as possible). */
  setTimer(ms: number, fn: () => void): TimerHandle;
  /** Cancels a timer; a handle already fired or cleared is ignored. */
  clearTimer(handle: TimerHandle): void;
}

/**
 * The real scheduler. Timers are unref'd: a pending notification timer must not keep a process
 * alive on its own (the daemon's server does that).
 */
export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const timer = setTimeout(fn, Math.max(0, ms));
    timer.unref();
    return timer;
  },
  clearTimer(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

interface ManualTimer {
  at: number;
  seq: number;
  fn: () => void;
}

/** Lets every promise chain started so far run to its next wait on a timer or I/O. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A scheduler tests move by hand. Timers fire in time order (ties in the order they were set),
 * each at its own time, and the promises they start settle before the next one fires.
 *
 * @example
 * ```ts
 * const scheduler = new ManualScheduler(Date.UTC(2026, 0, 1));
 * dispatcher.update(alerts);
 * await scheduler.advance(30_000); // group_wait passes: the first notification goes out
 * ```
 */
export class ManualScheduler implements Scheduler {
  private readonly timers = new Set<ManualTimer>();
  private seq = 0;

  constructor(private time = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.time;
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const timer = { at: this.time + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.add(timer);
    return timer;
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle as ManualTimer);
  }

  /** How many timers are waiting. */
  get pending(): number {
    return this.timers.size;
  }

  /** When the earliest waiting timer fires, or null when none waits. */
  nextAt(): number | null {
    return this.earliest()?.at ?? null;
  }

  /** Moves time forward by `ms`, firing each timer that falls due on the way, at its time. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await settle();
    for (
      let timer = this.earliest();
      timer !== null && timer.at <= target;
      timer = this.earliest()
    ) {
      this.timers.delete(timer);
      this.time = Math.max(this.time, timer.at);
      timer.fn();
      await settle();
    }
    this.time = Math.max(this.time, target);
    await settle();
  }

  private earliest(): ManualTimer | null {
    let first: ManualTimer | null = null;
    for (const timer of this.timers) {
      if (first === null || timer.at < first.at || (timer.at === first.at && timer.seq < first.seq))
        first = timer;
    }
    return first;
  }
}
