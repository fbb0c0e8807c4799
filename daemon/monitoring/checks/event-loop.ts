/**
 * @module Event-loop lag of the daemon itself: a blocked loop delays every request.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { grade, type BuiltinCheck, type Thresholds } from './check.js';

/**
 * Reports the 99th percentile of event-loop delay since the previous run.
 *
 * @param thresholds - in milliseconds, read at every run so config changes apply at once.
 */
export function eventLoopCheck(thresholds: () => Thresholds): BuiltinCheck & { dispose(): void } {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    name: 'event_loop',
    async run() {
      const p99 = histogram.count === 0 ? 0 : histogram.percentile(99) / 1e6;
      const max = histogram.count === 0 ? 0 : histogram.max / 1e6;
      histogram.reset();
      const limits = thresholds();
      return {
        status: grade(p99, limits),
        detail: `lag p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms (warn ${limits.warn} ms, critical ${limits.crit} ms)`,
      };
    },
    dispose: () => histogram.disable(),
  };
}
