/**
 * @module Formatters for metric values, label sets and times in the monitoring output.
 */

/** A value in at most six significant digits: `12.3457`, `1.23e9`, `+Inf`. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e9 || abs < 1e-4) return value.toExponential(2).replace('e+', 'e');
  return String(Number(value.toPrecision(6)));
}

/** A label set the Prometheus way, names sorted: `{env="prod",host="a"}`; `{}` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort();
  return `{${names.map((name) => `${name}=${JSON.stringify(labels[name])}`).join(',')}}`;
}

/** A label set for a table cell: like {@link formatLabels}, `-` when empty. */
export function labelsCell(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels).length === 0 ? '-' : formatLabels(labels);
}

/** An epoch time in ms as ISO 8601 in UTC, to the second: `2026-01-01T10:00:00Z`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An ISO time from the daemon, shortened to the second. */
export function shortIso(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : isoSeconds(ms);
}

/** The first `length` characters of an id (the daemon's ids are long). */
export function shortId(id: string, length = 8): string {
  return id.slice(0, length);
}
