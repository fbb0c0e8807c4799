/**
 * Test helper: a stand-in for the monitoring engine's check views (statuses, result rings and
 * uptime figures), enough for the check detail and the status page.
 */
import { NotFoundError } from '../../../../../src/protocol/errors.js';
import type { CheckInfo } from '../../../../../src/protocol/schemas.js';
import type { CheckStatus } from '../../../../../daemon/monitoring/checks/check-entry.js';
import type { CheckDefinition } from '../../../../../daemon/monitoring/checks/definition.js';
import type { CheckResult } from '../../../../../daemon/monitoring/checks/history.js';
import type { UptimeFigures } from '../../../../../daemon/monitoring/checks/uptime-recorder.js';

export interface FakeCheck {
  name: string;
  type?: string;
  target?: string;
  public?: boolean;
  state?: CheckStatus['state'];
  results?: CheckResult[];
  uptime?: UptimeFigures;
  /** False for a check built in code (no definition). */
  defined?: boolean;
}

export const T = Date.UTC(2026, 0, 31, 12, 0);

export function run(name: string, offsetMs: number, ok: boolean, latencyMs = 10): CheckResult {
  return {
    name,
    time: T + offsetMs,
    ok,
    latencyMs,
    detail: ok ? '200 OK' : 'connect ECONNREFUSED 10.0.0.5:443',
  };
}

export function fakeMonitoring(checks: FakeCheck[]) {
  const find = (name: string): FakeCheck => {
    const check = checks.find((c) => c.name === name);
    if (check === undefined) throw new NotFoundError(`no check named '${name}'`);
    return check;
  };
  const status = (name: string): CheckStatus => {
    const c = find(name);
    const results = c.results ?? [];
    return {
      name,
      type: c.type ?? 'http',
      public: c.public ?? false,
      intervalMs: 30_000,
      timeoutMs: 10_000,
      state: c.state ?? 'unknown',
      consecutiveFailures: 0,
      consecutiveSuccesses: 2,
      lastResult: results.at(-1) ?? null,
      skipped: 0,
      running: false,
      definition:
        c.defined === false
          ? null
          : ({
              name,
              type: c.type ?? 'http',
              target: c.target ?? 'https://10.0.0.5/health',
              intervalMs: 30_000,
              timeoutMs: 10_000,
              failureThreshold: 3,
              successThreshold: 1,
              public: c.public ?? false,
            } as unknown as CheckDefinition),
    };
  };
  const checkInfo = (name: string): CheckInfo => {
    const c = find(name);
    const last = c.results?.at(-1);
    return {
      name,
      type: c.type ?? 'http',
      target: c.defined === false ? null : (c.target ?? 'https://10.0.0.5/health'),
      intervalMs: 30_000,
      state: c.state ?? 'unknown',
      lastRun: last === undefined ? null : new Date(last.time).toISOString(),
      latencyMs: last?.latencyMs ?? null,
      detail: last?.detail ?? 'not run yet',
      recentLatencyMs: (c.results ?? []).map((r) => r.latencyMs),
      uptime24h: null,
    };
  };
  return {
    checkInfo,
    checks: {
      status,
      list: () => checks.map((c) => status(c.name)),
      history: (name: string) => [...(find(name).results ?? [])],
    },
    uptime: {
      figures: (name: string): UptimeFigures =>
        find(name).uptime ?? { '24h': null, '7d': null, '30d': null },
    },
  };
}
