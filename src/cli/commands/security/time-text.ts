/**
 * @module Times in the security views: "3m ago", "in 12m".
 */
import { formatDuration } from '../../../protocol/duration.js';

/** `ms` (epoch) relative to `now`, rounded to a readable unit. */
export function ago(ms: number, now: number): string {
  const delta = now - ms;
  if (Math.abs(delta) < 1000) return 'just now';
  const text = formatDuration(Math.round(Math.abs(delta) / 1000) * 1000);
  return delta >= 0 ? `${text} ago` : `in ${text}`;
}
