/**
 * @module Heartbeat (push) checks: a job reports in, and the check fails when the reports stop.
 *
 * The registry only records times; the check reads them when the scheduler runs it. A check that
 * has never received a push counts from when it was created, so a fresh check gets one full
 * interval (plus grace) before it can fail.
 */
import { formatDuration } from '../../../src/protocol/duration.js';
import type { Clock } from '../../clock.js';
import type { HeartbeatCheckDefinition } from './definition.js';
import type { Probe, ProbeResult } from './probe.js';

/** The last push time of each heartbeat check. */
export class HeartbeatRegistry {
  private readonly last = new Map<string, number>();

  /** Records a push for `name` at `now` (ms since the epoch). A late, out-of-order push never moves time back. */
  beat(name: string, now: number): void {
    const previous = this.last.get(name);
    if (previous === undefined || now > previous) this.last.set(name, now);
  }

  /** When `name` last pushed, or undefined if it never did. */
  lastBeat(name: string): number | undefined {
    return this.last.get(name);
  }

  /** Drops what is known about `name` (its check was removed). */
  forget(name: string): void {
    this.last.delete(name);
  }
}

function ago(ms: number): string {
  return ms <= 0 ? 'just now' : `${formatDuration(ms)} ago`;
}

/** Builds the heartbeat check for `def`, reading pushes from `registry`. */
export function heartbeatProbe(def: HeartbeatCheckDefinition, registry: HeartbeatRegistry, clock: Clock): Probe {
  const createdAt = clock.now();
  const allowedMs = def.intervalMs + def.graceMs;
  const rule = `expected every ${formatDuration(def.intervalMs)}${def.graceMs > 0 ? ` + ${formatDuration(def.graceMs)} grace` : ''}`;
  return {
    async run(): Promise<ProbeResult> {
      const now = clock.now();
      const last = registry.lastBeat(def.name);
      const age = now - (last ?? createdAt);
      if (age <= allowedMs) {
        const detail = last === undefined ? `waiting for the first push (watching since ${ago(age)}, ${rule})` : `last push ${ago(age)}`;
        return { ok: true, detail, latencyMs: 0 };
      }
      const detail = last === undefined ? `no push received in ${formatDuration(age)} (${rule})` : `no push for ${formatDuration(age)} (${rule})`;
      return { ok: false, detail, latencyMs: 0 };
    },
  };
}
