/**
 * @module Compensated (Kahan–Neumaier) summation, as PromQL uses for sums and means, so that
 * long ranges of large counters do not lose the small increments.
 */

/** A running compensated sum. */
export class KahanSum {
  private sum = 0;
  private c = 0;

  /** Adds `inc`. */
  add(inc: number): void {
    const t = this.sum + inc;
    if (t === Infinity || t === -Infinity) this.c = 0;
    else if (Math.abs(this.sum) >= Math.abs(inc)) this.c += this.sum - t + inc;
    else this.c += inc - t + this.sum;
    this.sum = t;
  }

  /** The sum so far. */
  get value(): number {
    // An infinite sum must not become NaN through the correction term.
    return this.c === 0 ? this.sum : this.sum + this.c;
  }
}
