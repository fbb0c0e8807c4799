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
