/**
 * @module A {@link DashboardSource} for the view tests: data is pushed by hand and every call is
 * recorded.
 */
import type { AlertTransition, SeriesData } from '../../../../../src/protocol/schemas.js';
import type { DashboardData, DashboardSource } from '../../../../../src/ui/monitoring/source.js';

/** A fake source plus handles to drive it and read what the views asked. */
export interface FakeSource extends DashboardSource {
  /** Replaces the data and notifies subscribers. */
  push(data: DashboardData): void;
  calls: { method: string; args: unknown[] }[];
  subscribers(): number;
}

/**
 * A fake that starts with `initial`, answers `metric()` with `series`, and `alertHistory(id)` with
 * the transitions in `history` whose id is `id`.
 */
export function fakeSource(
  initial: DashboardData,
  series: SeriesData[] = [],
  history: AlertTransition[] = [],
): FakeSource {
  let data = initial;
  const listeners = new Set<(data: DashboardData) => void>();
  const calls: FakeSource['calls'] = [];
  return {
    calls,
    subscribers: () => listeners.size,
    push(next) {
      data = next;
      for (const l of listeners) l(data);
    },
    subscribe(onChange) {
      listeners.add(onChange);
      onChange(data);
      return () => {
        listeners.delete(onChange);
      };
    },
    metric(name, rangeMs) {
      calls.push({ method: 'metric', args: [name, rangeMs] });
      return Promise.resolve(series);
    },
    alertHistory(alertId) {
      calls.push({ method: 'alertHistory', args: [alertId] });
      return Promise.resolve(history.filter((t) => t.id === alertId));
    },
    ack(alertId, comment, durationMs) {
      calls.push({ method: 'ack', args: [alertId, comment, durationMs] });
      return Promise.resolve();
    },
    silence(matchers, durationMs, comment) {
      calls.push({ method: 'silence', args: [matchers, durationMs, comment] });
      return Promise.resolve();
    },
  };
}
