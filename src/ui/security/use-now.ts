/**
 * @module The current time for "time left" text, ticking once a second.
 */
import { useEffect, useState } from 'react';

/** A source of the current time (ms since the epoch); tests pass a fixed one. */
export interface NowSource {
  now(): number;
}

/**
 * The clock's time, re-read every `tickMs` milliseconds (0: never, as tests with a fixed clock
 * want). This is the only timer the views run: data changes arrive as notifications.
 */
export function useNow(clock: NowSource, tickMs: number): number {
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    if (tickMs <= 0) return undefined;
    const timer = setInterval(() => setNow(clock.now()), tickMs);
    return () => clearInterval(timer);
  }, [clock, tickMs]);
  return now;
}

/** The real time, the default outside tests. */
export const systemNow: NowSource = { now: () => Date.now() };
