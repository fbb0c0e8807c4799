/**
 * @module Ages and thresholds in words for finding details ("400 days"), rounded down so that a
 * finding never claims more time has passed than has.
 */

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** `ms` as whole days, or hours or minutes below a day; negative ages read as 0 minutes. */
export function formatAge(ms: number): string {
  if (ms >= day) return plural(Math.floor(ms / day), 'day');
  if (ms >= hour) return plural(Math.floor(ms / hour), 'hour');
  return plural(Math.max(0, Math.floor(ms / minute)), 'minute');
}
