/**
 * @module The hook that redraws its component every `intervalMs`, so ages and "updated 3s ago"
 * move between data changes. It only redraws; the data itself arrives by subscription, not by
 * polling.
 */
import { useEffect, useState } from 'react';

/** Re-renders every `intervalMs` (never when 0 or less). The timer does not keep Node alive. */
export function useTick(intervalMs: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!(intervalMs > 0)) return undefined;
    const timer = setInterval(() => setTick((n) => n + 1), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }, [intervalMs]);
}
