/**
 * @module bcrypt with a bound on how many hashes run at once.
 *
 * @node-rs/bcrypt runs on the libuv thread pool (4 threads by default). On a small machine four
 * concurrent cost-12 hashes take every core, so the event loop waits for a CPU and a cheap request
 * (`daemon.ping`) stalls behind a burst of logins; they also hold every pool thread, so the store's
 * and the audit log's file writes queue behind them. At most `cores - 1` hashes (at least one) run
 * together; the others wait here, in order.
 */
import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/bcrypt';

/** Runs async tasks with at most `limit` in flight, first come first served. */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new TypeError('"limit" must be a positive integer');
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next task, so `running` stays as it is.
      if (next === undefined) this.running--;
      else next();
    }
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }
}

/** One limit for the process: every hasher shares the cores. */
export const bcryptLimit = new ConcurrencyLimit(Math.max(1, availableParallelism() - 1));

export function bcryptHash(password: string, cost: number): Promise<string> {
  return bcryptLimit.run(() => hash(password, cost));
}

export function bcryptVerify(password: string, stored: string): Promise<boolean> {
  return bcryptLimit.run(() => verify(password, stored));
}
