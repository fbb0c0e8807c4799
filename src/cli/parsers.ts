/**
 * @module Option-value parsers for Commander: each throws InvalidArgumentError with a message
 * that names what is wrong.
 */
import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../protocol/duration.js';

/** `--for 1h` and friends, in milliseconds. */
export function durationOption(text: string): number {
  const ms = parseDuration(text);
  if (typeof ms === 'string') throw new InvalidArgumentError(ms);
  if (ms <= 0) throw new InvalidArgumentError(`'${text}' must be longer than zero`);
  return ms;
}

/** A duration that may be zero (`--group-wait 0s`: notify at once), in milliseconds. */
export function durationOrZeroOption(text: string): number {
  const ms = parseDuration(text);
  if (typeof ms === 'string') throw new InvalidArgumentError(ms);
  return ms;
}

/** A positive whole number. */
export function positiveInteger(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new InvalidArgumentError(`'${text}' is not a positive whole number`);
  }
  return Number(text);
}

/** Free text with a length limit and no control characters (they would garble tables and logs). */
export function textOption(max: number) {
  return (text: string): string => {
    if (text.length > max) throw new InvalidArgumentError(`is ${text.length} characters long; at most ${max} are allowed`);
    if (/[\x00-\x1f\x7f]/.test(text)) throw new InvalidArgumentError('must not contain control characters');
    return text;
  };
}

/** `--since`: a duration back from now (`15m`, `24h`), or a time (`2026-01-31T12:00:00Z`). */
export type Since = { ago: number } | { at: number };

const TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A duration (`15m`, `24h`, `7d`) or an ISO 8601 date or time (`2026-01-31`,
 * `2026-01-31T12:00:00Z`); without a zone, local time.
 */
export function sinceOption(text: string): Since {
  if (/^\d{4}-/.test(text)) {
    // Without a zone, a date or time is local time (a bare date alone would parse as UTC).
    const at = TIME.test(text) && realDate(text.slice(0, 10)) ? Date.parse(text.length === 10 ? `${text}T00:00` : text) : NaN;
    if (Number.isNaN(at)) throw new InvalidArgumentError(`'${text}' is not a time; write it like 2026-01-31T12:00:00Z or 2026-01-31`);
    return { at };
  }
  const ms = parseDuration(text);
  if (typeof ms === 'string') throw new InvalidArgumentError(`${ms}, or a time like 2026-01-31T12:00:00Z`);
  if (ms <= 0) throw new InvalidArgumentError(`'${text}' must be longer than zero`);
  return { ago: ms };
}

/** True when `yyyy-mm-dd` names a day of the calendar (Date.parse takes 2026-02-31 for 3 March). */
function realDate(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The epoch milliseconds a {@link Since} means at `now`. */
export function sinceTime(since: Since, now: number): number {
  return 'at' in since ? since.at : now - since.ago;
}
