/**
 * @module Durations written the Prometheus way: `500ms`, `15s`, `5m`, `1h`, `7d`, `1h30m`.
 */

const unitMs: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const part = /(\d+)(ms|s|m|h|d|w)/y;

/** Largest duration accepted: 10 years, so that arithmetic with epoch times stays exact. */
export const MAX_DURATION_MS = 10 * 365 * 86_400_000;

/**
 * Parses a duration into milliseconds.
 *
 * @returns the duration, or a string saying what is wrong with the text.
 */
export function parseDuration(text: string): number | string {
  const trimmed = text.trim();
  if (trimmed === '') return 'a duration is empty; write it like 500ms, 15s, 5m, 1h or 7d';
  let total = 0;
  part.lastIndex = 0;
  let lastUnit = Infinity;
  while (part.lastIndex < trimmed.length) {
    const at = part.lastIndex;
    const match = part.exec(trimmed);
    if (match === null) {
      return `'${text}' is not a duration (unexpected '${trimmed.slice(at)}'); write it like 500ms, 15s, 5m, 1h or 7d`;
    }
    const size = unitMs[match[2] as string] as number;
    if (size >= lastUnit) return `'${text}' is not a duration: units must go from largest to smallest`;
    lastUnit = size;
    total += Number(match[1]) * size;
  }
  if (total > MAX_DURATION_MS) return `'${text}' is longer than the maximum of 10 years`;
  return total;
}

/** Formats milliseconds compactly (`1h30m`, `250ms`); the inverse of {@link parseDuration}. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '-';
  if (ms === 0) return '0s';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  let rest = Math.round(ms / 1000);
  const out: string[] = [];
  for (const [unit, secs] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= secs) {
      out.push(`${Math.floor(rest / secs)}${unit}`);
      rest %= secs;
    }
    if (out.length === 2) break;
  }
  return out.join('');
}
