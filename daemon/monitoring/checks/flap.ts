/**
 * @module Flap control: a check changes state only after enough consecutive results agree.
 *
 * The first result decides the state outright (there is no earlier state to protect); after
 * that an UP check needs `failureThreshold` failures in a row to go DOWN, and a DOWN check
 * `successThreshold` successes in a row to come back UP.
 */

/** The state of a check: `unknown` until its first result. */
export type CheckState = 'unknown' | 'up' | 'down';

/** A state change, or null when the state stayed. */
export interface Transition {
  state: CheckState;
  previousState: CheckState;
}

/** The state machine of one check. */
export class FlapControl {
  state: CheckState = 'unknown';
  consecutiveFailures = 0;
  consecutiveSuccesses = 0;

  constructor(
    private readonly failureThreshold: number,
    private readonly successThreshold: number,
  ) {}

  /** Feeds one result; returns the state before and after. */
  record(ok: boolean): Transition {
    const previousState = this.state;
    if (ok) {
      this.consecutiveSuccesses += 1;
      this.consecutiveFailures = 0;
    } else {
      this.consecutiveFailures += 1;
      this.consecutiveSuccesses = 0;
    }
    if (this.state === 'unknown') this.state = ok ? 'up' : 'down';
    else if (this.state === 'up' && this.consecutiveFailures >= this.failureThreshold) this.state = 'down';
    else if (this.state === 'down' && this.consecutiveSuccesses >= this.successThreshold) this.state = 'up';
    return { state: this.state, previousState };
  }
}
