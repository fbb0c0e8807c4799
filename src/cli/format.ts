/**
 * @module Small formatters shared by the commands' human output.
 */
import type { Colors } from './output.js';
import { formatDuration } from '../protocol/duration.js';

/** `in 59m` / `3m ago` relative to `now`. */
export function relative(iso: string, now: number): string {
  const delta = Date.parse(iso) - now;
  return delta >= 0 ? `in ${formatDuration(delta)}` : `${formatDuration(-delta)} ago`;
}

/** A status word in its colour. */
export function statusText(status: string, c: Colors): string {
  switch (status) {
    case 'healthy':
      return c.green(status);
    case 'degraded':
      return c.yellow(status);
    case 'unhealthy':
      return c.red(status);
    default:
      return status;
  }
}
