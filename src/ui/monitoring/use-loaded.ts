/**
 * @module The hook the detail screens load their data with (a metric's series, an alert's
 * history): it loads again whenever the key changes, and drops a late answer for a key no longer
 * shown, so switching ranges quickly never shows the range before.
 */
import { useEffect, useState } from 'react';

/** What {@link useLoaded} gives: the value (`null` while loading) or the error's message. */
export interface Loaded<T> {
  value: T | null;
  error: string | null;
}

/**
 * Runs `load` when `key` changes (never while `key` is null) and returns its latest answer.
 * `load` is read at that moment, so it may close over the values the key was made from.
 */
export function useLoaded<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ value: null, error: null });
  useEffect(() => {
    if (key === null) return undefined;
    let current = true;
    setState({ value: null, error: null });
    load().then(
      (value) => current && setState({ value, error: null }),
      (error: unknown) =>
        current &&
        setState({ value: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
    // `load` is deliberately not a dependency: callers pass a new closure every render.
  }, [key]);
  return state;
}
