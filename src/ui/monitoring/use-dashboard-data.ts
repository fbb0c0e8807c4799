/**
 * @module The hook that feeds the dashboard from a {@link DashboardSource}: it subscribes on
 * mount and unsubscribes on unmount, and each change from the source is one React update.
 */
import { useEffect, useState } from 'react';
import { emptyDashboardData, type DashboardData, type DashboardSource } from './source.js';

/** The latest data from `source` (empty and `connecting` until the first change). */
export function useDashboardData(source: DashboardSource): DashboardData {
  const [data, setData] = useState<DashboardData>(emptyDashboardData);
  useEffect(() => source.subscribe(setData), [source]);
  return data;
}
