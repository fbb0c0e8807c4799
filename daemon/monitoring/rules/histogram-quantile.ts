/**
 * @module histogram_quantile over classic histograms: `_bucket` series told apart by their `le`
 * label, following PromQL's bucketQuantile and its edge cases.
 */
import type { Labels } from '../types.js';
import { dropLabels, type Sample, signatureWithout, unnamed } from './values.js';

interface Bucket {
  upper: number;
  count: number;
}

const LE = new Set(['le']);

/** Parses an `le` value like Go's ParseFloat does for Prometheus (`+Inf`, `1e3`, `0.5`). */
function parseBound(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === '+inf' || t === 'inf' || t === '+infinity' || t === 'infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  return t === '' ? NaN : Number(t);
}

/**
 * The q-quantile of the buckets: NaN without a +Inf bucket, with fewer than two buckets or no
 * observations; linear interpolation inside the bucket holding the rank; the lowest bucket starts
 * at 0 when its upper bound is positive; decreasing counts are raised to keep them monotonic.
 */
export function bucketQuantile(q: number, buckets: Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  buckets.sort((a, b) => a.upper - b.upper);
  if (buckets.length === 0 || (buckets[buckets.length - 1] as Bucket).upper !== Infinity) return NaN;
  const merged = coalesce(buckets);
  ensureMonotonic(merged);
  if (merged.length < 2) return NaN;
  const observations = (merged[merged.length - 1] as Bucket).count;
  if (!(observations > 0)) return NaN;
  let rank = q * observations;
  let b = 0;
  // The first bucket whose cumulative count reaches the rank (the +Inf bucket is never chosen).
  while (b < merged.length - 1 && (merged[b] as Bucket).count < rank) b++;
  if (b === merged.length - 1) return (merged[merged.length - 2] as Bucket).upper;
  const bucket = merged[b] as Bucket;
  if (b === 0 && bucket.upper <= 0) return bucket.upper;
  let start = 0;
  let count = bucket.count;
  if (b > 0) {
    const prev = merged[b - 1] as Bucket;
    start = prev.upper;
    count -= prev.count;
    rank -= prev.count;
  }
  return start + (bucket.upper - start) * (rank / count);
}

// Buckets with the same bound (e.g. `le="1"` and `le="1.0"`) are one bucket.
function coalesce(sorted: Bucket[]): Bucket[] {
  const out: Bucket[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && last.upper === b.upper) last.count += b.count;
    else out.push({ upper: b.upper, count: b.count });
  }
  return out;
}

function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (a === b) return true;
  const minNormal = 2.2250738585072014e-308;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < minNormal) return diff < epsilon * minNormal;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

// Counts scraped at slightly different moments can decrease between buckets; PromQL raises
// them to the previous count (and silently evens out floating-point noise).
function ensureMonotonic(buckets: Bucket[]): void {
  let prev = (buckets[0] as Bucket | undefined)?.count ?? 0;
  for (let i = 1; i < buckets.length; i++) {
    const b = buckets[i] as Bucket;
    if (b.count === prev) continue;
    if (almostEqual(prev, b.count, 1e-12) || b.count < prev) {
      b.count = prev;
      continue;
    }
    prev = b.count;
  }
}

/**
 * histogram_quantile(q, buckets): one output per label set without `le`. Series without a
 * parsable `le` are ignored.
 */
export function histogramQuantile(q: number, samples: readonly Sample[]): Sample[] {
  const groups = new Map<string, { labels: Labels; buckets: Bucket[] }>();
  for (const s of samples) {
    const le = s.labels.le;
    if (le === undefined) continue;
    const upper = parseBound(le);
    if (Number.isNaN(upper)) continue;
    const key = signatureWithout(s.labels, LE);
    let g = groups.get(key);
    if (g === undefined) {
      g = { labels: dropLabels(s.labels, LE), buckets: [] };
      groups.set(key, g);
    }
    g.buckets.push({ upper, count: s.value });
  }
  const out: Sample[] = [];
  for (const g of groups.values()) out.push(unnamed(g.labels, bucketQuantile(q, g.buckets)));
  return out;
}
