/**
 * @module The hook that loads a metric's series for the detail chart, again whenever the metric
 * or the range changes. A late answer for a range no longer shown is dropped.
 */
import { useEffect, useState } from 'react';
import type { SeriesData } from '../../protocol/schemas.js';
import type { DashboardSource } from './source.js';

/** The series of `name` over `rangeMs` (`null` while loading), or the error message. */
export function useMetricSeries(
  source: DashboardSource,
  name: string | null,
  rangeMs: number,
): { series: SeriesData[] | null; error: string | null } {
  const [state, setState] = useState<{ series: SeriesData[] | null; error: string | null }>({
    series: null,
    error: null,
  });
  useEffect(() => {
    if (name === null) return undefined;
    let current = true;
    setState({ series: null, error: null });
    source.metric(name, rangeMs).then(
      (series) => current && setState({ series, error: null }),
      (error: unknown) =>
        current &&
        setState({ series: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [source, name, rangeMs]);
  return state;
}
