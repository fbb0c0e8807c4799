/**
 * @module Formatting of numbers, times and labels for display (pure: no DOM, `now` passed in).
 */

/**
 * A duration in milliseconds as the two largest units: `45s`, `3m 12s`, `2h 5m`, `4d 3h`.
 * @param {number} ms
 */
export function formatDuration(ms) {
  if (!Number.isFinite(ms)) return '—';
  const sign = ms < 0 ? '-' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  if (s < 60) return `${sign}${s}s`;
  const units = [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ];
  const parts = [];
  for (const [unit, size] of units) {
    const n = Math.floor(s / Number(size));
    if (n > 0 || parts.length > 0) parts.push(`${n}${unit}`);
    s -= n * Number(size);
    if (parts.length === 2) break;
  }
  return sign + parts.join(' ');
}

/**
 * How long ago `at` (ISO text or epoch ms) was, e.g. `3m 12s ago`; `—` for null.
 * @param {string | number | null | undefined} at
 * @param {number} now
 */
export function formatAge(at, now) {
  const t = toMs(at);
  if (t === null) return '—';
  const d = now - t;
  if (d < 1000) return 'just now';
  return `${formatDuration(d)} ago`;
}

/**
 * How long until `at`, e.g. `in 2h 5m`; `permanent` for null, `expired` when past.
 * @param {string | number | null | undefined} at
 * @param {number} now
 */
export function formatTimeLeft(at, now) {
  const t = toMs(at);
  if (t === null) return 'permanent';
  const d = t - now;
  return d <= 0 ? 'expired' : `${formatDuration(d)} left`;
}

/**
 * ISO text or epoch ms as epoch ms; null when absent or unreadable.
 * @param {string | number | null | undefined} at
 * @returns {number | null}
 */
export function toMs(at) {
  if (at === null || at === undefined) return null;
  const t = typeof at === 'number' ? at : Date.parse(at);
  return Number.isFinite(t) ? t : null;
}

/**
 * A local date and time, `2024-05-01 14:03:07`, for tables and titles.
 * @param {string | number | null | undefined} at
 */
export function formatTime(at) {
  const t = toMs(at);
  if (t === null) return '—';
  const d = new Date(t);
  const p = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/**
 * A metric value with up to 4 significant digits and k/M/G suffixes for large magnitudes.
 * @param {number | null | undefined} v
 */
export function formatValue(v) {
  if (v === null || v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const a = Math.abs(v);
  if (a >= 1e9) return `${trim(v / 1e9)}G`;
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e4) return `${trim(v / 1e3)}k`;
  if (Number.isInteger(v)) return String(v);
  return trim(v);
}

/** @param {number} v */
function trim(v) {
  return String(Number(v.toPrecision(4)));
}

/**
 * A latency in milliseconds: `12 ms`, `1.25 s`.
 * @param {number | null | undefined} ms
 */
export function formatLatency(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return ms >= 1000 ? `${trim(ms / 1000)} s` : `${trim(ms)} ms`;
}

/**
 * A ratio (0..1) or a percentage (0..100, when `isPercent`) as `99.95%`.
 * @param {number | null | undefined} v
 * @param {boolean} [isPercent]
 */
export function formatPercent(v, isPercent = false) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const pct = isPercent ? v : v * 100;
  return `${pct >= 99.995 && pct < 100 ? '99.99' : Number(pct.toFixed(2))}%`;
}

/**
 * A label set as `{a="1", b="2"}` (sorted by name); `{}` when empty.
 * @param {Record<string, string> | null | undefined} labels
 */
export function formatLabels(labels) {
  if (labels === null || labels === undefined) return '{}';
  const keys = Object.keys(labels).sort();
  return `{${keys.map((k) => `${k}="${labels[k]}"`).join(', ')}}`;
}

/**
 * The silence matchers that select exactly `labels` (values quoted and escaped as the daemon's
 * matcher syntax expects).
 * @param {Record<string, string>} labels
 * @returns {string[]}
 */
export function matchersFor(labels) {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}="${String(labels[k]).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
}
