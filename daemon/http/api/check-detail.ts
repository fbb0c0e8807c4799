/**
 * @module The detail of one health check for GET /api/v1/checks/:name.
 *
 * There is no protocol method for a check's result history, so this reads the monitoring engine:
 * the in-memory result ring (at most 1,000 runs) for the results and the latency chart, and the
 * hourly uptime buckets (31 days, in the store) for uptime.
 */
import type { CheckInfo } from '../../../src/protocol/schemas.js';
import type { CheckStatus } from '../../monitoring/checks/check-entry.js';
import type { CheckResult } from '../../monitoring/checks/history.js';
import type { UptimeFigures } from '../../monitoring/checks/uptime-recorder.js';

/** What the detail reads (the monitoring engine has it all). */
export interface CheckSource {
  checkInfo(name: string): CheckInfo;
  checks: { status(name: string): CheckStatus; history(name: string): CheckResult[] };
  uptime: { figures(name: string): UptimeFigures };
}

/** One run, as the API shows it. */
export interface RunView {
  /** ISO time the run started. */
  time: string;
  ok: boolean;
  latencyMs: number;
  detail: string;
  warning?: string;
}

/** The answer of GET /api/v1/checks/:name. */
export interface CheckDetail {
  /** Exactly the check's entry in GET /api/v1/checks. */
  check: CheckInfo;
  definition: {
    type: string;
    target: string | null;
    intervalMs: number;
    timeoutMs: number;
    /** Null for a check built in code (the library's HealthCheck), whose definition is not kept. */
    failureThreshold: number | null;
    successThreshold: number | null;
    public: boolean;
  };
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  /** The most recent runs, newest first. */
  history: RunView[];
  /** Runs held in memory (the chart's length). */
  kept: number;
  /** Every kept run, oldest first: Unix seconds, latency in ms, and whether it passed. */
  latency: { timestamps: number[]; values: number[]; ok: boolean[] };
  /** Share of runs that passed, 0..1; null when there were none in the window. */
  uptime: UptimeFigures;
}

function runView(result: CheckResult): RunView {
  return {
    time: new Date(result.time).toISOString(),
    ok: result.ok,
    latencyMs: result.latencyMs,
    detail: result.detail,
    ...(result.warning === undefined ? {} : { warning: result.warning }),
  };
}

/**
 * Builds the detail of check `name` with its last `limit` results.
 * @throws NotFoundError when there is no such check.
 */
export function checkDetail(source: CheckSource, name: string, limit: number): CheckDetail {
  const status = source.checks.status(name);
  const check = source.checkInfo(name);
  const results = source.checks.history(name);
  const definition = status.definition;
  return {
    check,
    definition: {
      type: status.type,
      target: check.target,
      intervalMs: status.intervalMs,
      timeoutMs: status.timeoutMs,
      failureThreshold: definition?.failureThreshold ?? null,
      successThreshold: definition?.successThreshold ?? null,
      public: status.public,
    },
    consecutiveFailures: status.consecutiveFailures,
    consecutiveSuccesses: status.consecutiveSuccesses,
    history: results.slice(-limit).reverse().map(runView),
    kept: results.length,
    latency: {
      timestamps: results.map((r) => r.time / 1000),
      values: results.map((r) => r.latencyMs),
      ok: results.map((r) => r.ok),
    },
    uptime: source.uptime.figures(name),
  };
}
