/**
 * @module Runs the health checks and keeps the latest result of each.
 *
 * Each check runs with a timeout; a check that throws or times out is unhealthy with the reason.
 * Runs never overlap: a run requested while one is going joins it.
 */
import { EventEmitter } from 'node:events';
import type { HealthCheckResult, HealthReport, HealthStatus } from '../../src/protocol/schemas.js';
import type { Clock } from '../clock.js';
import type { BuiltinCheck } from './checks/check.js';

const rank: Record<HealthStatus, number> = { healthy: 0, degraded: 1, unhealthy: 2 };

/** The worst of several statuses; healthy when there are none. */
export function worstStatus(statuses: Iterable<HealthStatus>): HealthStatus {
  let worst: HealthStatus = 'healthy';
  for (const status of statuses) if (rank[status] > rank[worst]) worst = status;
  return worst;
}

export interface HealthEngineOptions {
  checks: BuiltinCheck[];
  clock: Clock;
  /** Per-check timeout in ms (default 5 s). */
  timeoutMs?: number;
  /** A monotonic timer for latencies (default performance.now). */
  timer?: () => number;
}

/**
 * Events: `change` ({@link HealthReport}) when a run changes any check's status; `results`
 * ({@link HealthCheckResult}[]) after every run (the monitoring engine makes them metrics).
 */
export class HealthEngine extends EventEmitter {
  private readonly results = new Map<string, HealthCheckResult>();
  private running: Promise<HealthReport> | null = null;
  private readonly timeoutMs: number;
  private readonly timer: () => number;

  constructor(private readonly options: HealthEngineOptions) {
    super();
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.timer = options.timer ?? (() => performance.now());
  }

  private async runOne(check: BuiltinCheck): Promise<HealthCheckResult> {
    const started = this.timer();
    const lastRun = new Date(this.options.clock.now()).toISOString();
    const controller = new AbortController();
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timeout = setTimeout(() => {
        controller.abort();
        reject(new Error(`timed out after ${this.timeoutMs} ms`));
      }, this.timeoutMs);
    });
    try {
      const outcome = await Promise.race([check.run(controller.signal), timedOut]);
      return { name: check.name, ...outcome, latencyMs: round(this.timer() - started), lastRun };
    } catch (error) {
      return { name: check.name, status: 'unhealthy', detail: `check failed: ${(error as Error).message}`, latencyMs: round(this.timer() - started), lastRun };
    } finally {
      clearTimeout(timeout);
    }
  }

  /** Runs every check now (joining a run already going) and returns the report. */
  run(): Promise<HealthReport> {
    this.running ??= (async () => {
      try {
        const results = await Promise.all(this.options.checks.map((c) => this.runOne(c)));
        let changed = false;
        for (const result of results) {
          if (this.results.get(result.name)?.status !== result.status) changed = true;
          this.results.set(result.name, result);
        }
        this.emit('results', results);
        const report = this.report();
        if (changed) this.emit('change', report);
        return report;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** The latest results; runs the checks first if they never ran. */
  async latest(): Promise<HealthReport> {
    return this.results.size === 0 ? this.run() : this.report();
  }

  private report(): HealthReport {
    const checks = [...this.results.values()];
    return {
      status: worstStatus(checks.map((c) => c.status)),
      checks,
      checkedAt: new Date(this.options.clock.now()).toISOString(),
    };
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
