/**
 * @module Bounds the open event streams: each holds a socket and a place in the hub for as long
 * as a browser tab stays open, so a user (or a script) must not be able to open them without end.
 */

/** Default bounds: streams in all, and per user. */
export const STREAM_LIMITS = { total: 32, perUser: 4 } as const;

export class StreamSlots {
  private total = 0;
  private readonly byUser = new Map<string, number>();

  constructor(readonly limits: { total: number; perUser: number } = STREAM_LIMITS) {
    for (const key of ['total', 'perUser'] as const) {
      const value = limits[key];
      if (!Number.isSafeInteger(value) || value < 1)
        throw new TypeError(`stream limit ${key} must be a positive integer, got ${String(value)}`);
    }
  }

  /** Why `username` may not open another stream now, or null when they may. */
  refusal(username: string): string | null {
    if ((this.byUser.get(username) ?? 0) >= this.limits.perUser)
      return `too many open event streams for ${username} (at most ${this.limits.perUser}); close one, such as another tab`;
    if (this.total >= this.limits.total)
      return `too many open event streams (at most ${this.limits.total}); try again later`;
    return null;
  }

  /**
   * Takes a slot (even past the bounds: the caller checked {@link refusal} first, and a slot taken
   * must always be given back). @returns the function that gives it back (safe to call twice).
   */
  take(username: string): () => void {
    this.total += 1;
    this.byUser.set(username, (this.byUser.get(username) ?? 0) + 1);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.total -= 1;
      const left = (this.byUser.get(username) ?? 1) - 1;
      if (left === 0) this.byUser.delete(username);
      else this.byUser.set(username, left);
    };
  }

  /** Streams open now. */
  get open(): number {
    return this.total;
  }
}
