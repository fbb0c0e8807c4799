/**
 * @module The health snapshot: the daemon's latest health report, published as a file beside its
 * socket so that `monitoring --health` — what monitors and scripts poll in loops — can answer
 * without a socket round trip.
 *
 * The daemon rewrites it after every scrape, every check run and every request that changes
 * state, and deletes it when a change begins, when it stops, and at start. The CLI uses it only
 * when every doubt is ruled out — the same version and protocol, the writing daemon still running
 * (pid and start time), and fresh (written within `freshForMs`) — and otherwise asks over the
 * socket as always. The answer is the same either way: the socket also returns the latest report.
 */
import { readFileSync } from 'node:fs';
import { PROTOCOL_VERSION, VERSION } from './version.js';
import { processAlive, processStartTime } from './process-state.js';
import type { HealthReport } from './schemas.js';

export const HEALTH_SNAPSHOT_FORMAT = 1;

export interface HealthSnapshot {
  format: typeof HEALTH_SNAPSHOT_FORMAT;
  version: string;
  protocol: number;
  pid: number;
  /** The writer's start time from /proc (null off Linux: the snapshot is then never used). */
  startTime: string | null;
  /** ms since the epoch. */
  writtenAt: number;
  /** How long after `writtenAt` the report may be used (a little over two scrape intervals). */
  freshForMs: number;
  report: HealthReport;
}

/** Where the daemon on `socketPath` publishes its snapshot. */
export function healthSnapshotPath(socketPath: string): string {
  return `${socketPath}.health.json`;
}

const STATUSES = new Set(['healthy', 'degraded', 'unhealthy']);

function isReport(value: unknown): value is HealthReport {
  const r = value as HealthReport | null;
  return typeof r === 'object' && r !== null && STATUSES.has(r.status) && Array.isArray(r.checks) && typeof r.checkedAt === 'string' && r.checks.every((c) => typeof c?.name === 'string' && STATUSES.has(c.status));
}

/**
 * The report from a snapshot that can be trusted now, or null (then ask the daemon).
 * Never throws: any doubt is a null.
 */
export function readHealthSnapshot(socketPath: string, now: number): HealthReport | null {
  let snapshot: HealthSnapshot;
  try {
    snapshot = JSON.parse(readFileSync(healthSnapshotPath(socketPath), 'utf8')) as HealthSnapshot;
  } catch {
    return null;
  }
  if (typeof snapshot !== 'object' || snapshot === null) return null;
  if (snapshot.format !== HEALTH_SNAPSHOT_FORMAT || snapshot.version !== VERSION || snapshot.protocol !== PROTOCOL_VERSION) return null;
  if (!Number.isInteger(snapshot.pid) || snapshot.pid <= 0 || typeof snapshot.startTime !== 'string') return null;
  if (typeof snapshot.writtenAt !== 'number' || typeof snapshot.freshForMs !== 'number') return null;
  const age = now - snapshot.writtenAt;
  if (age < 0 || age > snapshot.freshForMs) return null;
  // The same process that wrote it, still running: a reused pid has another start time, and a
  // crashed daemon not yet reaped (a zombie) keeps its start time but counts as gone.
  if (!processAlive(snapshot.pid) || processStartTime(snapshot.pid) !== snapshot.startTime) return null;
  return isReport(snapshot.report) ? snapshot.report : null;
}
