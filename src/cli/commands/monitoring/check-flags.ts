/**
 * @module Value parsers of the `--add-check` flags that have rules of their own (`--header`,
 * `--expect-body-regex`, `--method`, `--tls-min-days`, `--grace`): each throws
 * InvalidArgumentError, which commander reports with the flag (`option '--header <name:value>'
 * argument 'x' is invalid. …`).
 *
 * The limits are the daemon's (daemon/monitoring/checks/type-options.ts), checked here too so that
 * a bad value is refused by its flag name rather than by the definition's field name.
 */
import { InvalidArgumentError } from 'commander';
import { formatDuration, parseDuration } from '../../../protocol/duration.js';

/** An HTTP header name: an RFC 9110 token. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const MAX_HEADERS = 50;
const MAX_HEADER_VALUE = 8192;
const MAX_PATTERN = 1024;
/** The methods an http check may use: a HEAD request has no body, so nothing else is needed. */
export const HTTP_METHODS = ['GET', 'HEAD'] as const;
export const MAX_TLS_DAYS = 3650;
/** The longest `--grace` (the daemon's limit on graceMs). */
export const MAX_GRACE_MS = 86_400_000;

/** `--header 'Authorization: Bearer x'`, repeatable: collects the headers into one map. */
export function headerPair(text: string, previous: Record<string, string> | undefined): Record<string, string> {
  const at = text.indexOf(':');
  if (at === -1) throw new InvalidArgumentError(`'${text}' has no ':': write it like 'Accept: application/json'`);
  const name = text.slice(0, at).trim();
  const value = text.slice(at + 1).trim();
  if (!HEADER_NAME.test(name)) throw new InvalidArgumentError(`'${name}' is not a valid HTTP header name`);
  // A CR or LF in a value would smuggle extra header lines into the request; a tab is allowed in
  // a field value (RFC 9110 §5.5), so it is the one control character let through.
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) throw new InvalidArgumentError(`the value of ${name} must not contain control characters other than a tab`);
  if (value.length > MAX_HEADER_VALUE) throw new InvalidArgumentError(`the value of ${name} is ${value.length} characters long; at most ${MAX_HEADER_VALUE} are allowed`);
  const before = previous ?? {};
  if (Object.keys(before).some((k) => k.toLowerCase() === name.toLowerCase())) throw new InvalidArgumentError(`${name} is given more than once`);
  if (Object.keys(before).length >= MAX_HEADERS) throw new InvalidArgumentError(`at most ${MAX_HEADERS} headers are allowed`);
  return { ...before, [name]: value };
}

/** `--expect-body-regex <re>`: a JavaScript regular expression, without slashes or flags. */
export function regexOption(text: string): string {
  if (text.length > MAX_PATTERN) throw new InvalidArgumentError(`is ${text.length} characters long; at most ${MAX_PATTERN} are allowed`);
  if (/[\x00-\x1f\x7f]/.test(text)) throw new InvalidArgumentError('must not contain control characters');
  try {
    new RegExp(text);
  } catch (error) {
    throw new InvalidArgumentError(`is not a valid regular expression: ${(error as Error).message}`);
  }
  return text;
}

/** `--method get|head`, in any case; sent upper-case. */
export function httpMethod(text: string): (typeof HTTP_METHODS)[number] {
  const method = text.toUpperCase();
  if (method === 'GET' || method === 'HEAD') return method;
  throw new InvalidArgumentError(`'${text}' is not a method an http check may use: GET or HEAD`);
}

/** `--grace <duration>`: from 0s (none) to 1d, as the daemon's graceMs. */
export function graceDuration(text: string): number {
  const ms = parseDuration(text);
  if (typeof ms === 'string') throw new InvalidArgumentError(ms);
  if (ms > MAX_GRACE_MS) throw new InvalidArgumentError(`'${text}' is longer than ${formatDuration(MAX_GRACE_MS)}, the longest grace (0s for none)`);
  return ms;
}

/** `--tls-min-days <n>`: a whole number of days from 0 (never warn) to 3650. */
export function tlsDays(text: string): number {
  if (!/^\d{1,4}$/.test(text) || Number(text) > MAX_TLS_DAYS) throw new InvalidArgumentError(`'${text}' is not a whole number of days from 0 to ${MAX_TLS_DAYS}`);
  return Number(text);
}
