/**
 * @module Fixed dashboard data for the view tests, all relative to {@link NOW}.
 */
import type { AlertView, CheckInfo, MetricInfo } from '../../../../../src/protocol/schemas.js';
import type { DashboardData } from '../../../../../src/ui/monitoring/source.js';

/** The tests' fixed time: 2026-01-01T12:00:00Z. */
export const NOW = Date.UTC(2026, 0, 1, 12);
export const clock = { now: (): number => NOW };

const iso = (msAgo: number): string => new Date(NOW - msAgo).toISOString();

export function check(name: string, over: Partial<CheckInfo> = {}): CheckInfo {
  return {
    name,
    type: 'http',
    target: `https://${name}.example`,
    intervalMs: 30_000,
    state: 'up',
    lastRun: iso(20_000),
    latencyMs: 42,
    detail: '200 OK',
    recentLatencyMs: [40, 42, 80, 41],
    uptime24h: 0.999,
    ...over,
  };
}

export function alert(id: string, over: Partial<AlertView> = {}): AlertView {
  return {
    id,
    rule: 'HighCPU',
    severity: 'warning',
    state: 'firing',
    muted: null,
    mutedBy: null,
    labels: { alertname: 'HighCPU', host: 'web1' },
    annotations: { summary: 'CPU above 90%' },
    value: 93.5,
    activeAt: iso(300_000),
    firedAt: iso(240_000),
    ...over,
  };
}

export function metric(name: string, over: Partial<MetricInfo> = {}): MetricInfo {
  return {
    name,
    type: 'gauge',
    help: `help of ${name}`,
    labelNames: [],
    series: 1,
    lastValue: 12.5,
    recent: [1, 2, 3, 4],
    ...over,
  };
}

/** Two checks, two alerts, two metrics; daemon up 2h, updated 3s ago, live. */
export function sampleData(over: Partial<DashboardData> = {}): DashboardData {
  return {
    health: { status: 'degraded', checks: [], checkedAt: iso(3_000) },
    checks: [
      check('api'),
      check('db', { state: 'down', latencyMs: null, detail: 'connection refused' }),
    ],
    alerts: [
      alert('a1'),
      alert('a2', {
        rule: 'DiskFull',
        severity: 'critical',
        labels: { alertname: 'DiskFull', host: 'db1' },
        annotations: { summary: 'disk 99% full' },
      }),
    ],
    metrics: [
      metric('http_requests_total', { type: 'counter', lastValue: 1234 }),
      metric('cpu_usage'),
    ],
    daemon: { version: '1.2.3', startedAt: iso(2 * 3_600_000), socketPath: '/run/cb.sock' },
    updatedAt: NOW - 3_000,
    connection: 'live',
    error: null,
    ...over,
  };
}
