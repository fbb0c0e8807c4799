/**
 * @module A quantile sketch with a bounded relative error (the DDSketch idea), and the rank rule.
 *
 * A summary keeps raw observations while they are few (exact quantiles); past that it needs memory
 * that does not grow with the rate. Logarithmic buckets give every quantile within 1% of the true
 * value, merge by adding counts (which the sliding window needs to combine its age buckets), and
 * use at most a few thousand buckets for any realistic range of values.
 */

/** Relative accuracy: a quantile read from the sketch is within 1% of the true one. */
export const RELATIVE_ACCURACY = 0.01;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const INV_LOG_GAMMA = 1 / Math.log(GAMMA);
/** Magnitudes below this count as zero, which bounds the number of buckets from below. */
const MIN_MAGNITUDE = 1e-9;

/**
 * The 1-based rank of quantile `q` among `n` values by the nearest-rank rule: the smallest value
 * with at least a fraction `q` of the values at or below it. The small slack keeps float noise
 * (0.95 × 100 = 95.00000000000001) from moving the rank up by one.
 */
export function nearestRank(q: number, n: number): number {
  const rank = Math.ceil(q * n - 1e-9);
  return rank < 1 ? 1 : rank > n ? n : rank;
}

/** A mergeable log-bucket sketch. */
export class LogSketch {
  private readonly positive = new Map<number, number>();
  private readonly negative = new Map<number, number>();
  private zeros = 0;
  /** How many values went in. */
  count = 0;

  /** Adds `value` (finite). */
  add(value: number): void {
    if (value > MIN_MAGNITUDE) bump(this.positive, indexOf(value), 1);
    else if (value < -MIN_MAGNITUDE) bump(this.negative, indexOf(-value), 1);
    else this.zeros++;
    this.count++;
  }

  /** Adds every value of `other`. */
  merge(other: LogSketch): void {
    for (const [index, n] of other.positive) bump(this.positive, index, n);
    for (const [index, n] of other.negative) bump(this.negative, index, n);
    this.zeros += other.zeros;
    this.count += other.count;
  }

  /** The values at quantiles `qs` (each in [0, 1]) by nearest rank; NaN for an empty sketch. */
  quantiles(qs: readonly number[]): number[] {
    if (this.count === 0) return qs.map(() => NaN);
    // Ascending value order: the most negative first, then zero, then the positives.
    const negative = [...this.negative.keys()].sort((a, b) => b - a);
    const positive = [...this.positive.keys()].sort((a, b) => a - b);
    return qs.map((q) => {
      const rank = nearestRank(q, this.count);
      let seen = 0;
      for (const index of negative) {
        seen += this.negative.get(index) as number;
        if (seen >= rank) return -valueOf(index);
      }
      seen += this.zeros;
      if (seen >= rank) return 0;
      for (const index of positive) {
        seen += this.positive.get(index) as number;
        if (seen >= rank) return valueOf(index);
      }
      return valueOf(positive[positive.length - 1] as number);
    });
  }
}

function bump(map: Map<number, number>, index: number, n: number): void {
  map.set(index, (map.get(index) ?? 0) + n);
}

/** The bucket of a magnitude: (γ^(i-1), γ^i]. */
function indexOf(magnitude: number): number {
  return Math.ceil(Math.log(magnitude) * INV_LOG_GAMMA);
}

/** The value that stands for bucket i: within RELATIVE_ACCURACY of everything in it. */
function valueOf(index: number): number {
  return (2 * Math.pow(GAMMA, index)) / (GAMMA + 1);
}
