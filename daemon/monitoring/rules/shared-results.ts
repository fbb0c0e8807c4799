/**
 * @module Selector results shared between the evaluations of one round: an alert engine runs
 * every rule at the same time over the same data, and rules often read the same selectors (a
 * warning and a critical threshold on one metric, several aggregations of it). Reading such a
 * selector, or applying a range function to it, once per round instead of once per rule is the
 * largest saving there is.
 *
 * Only sources with a `version` take part: results are kept for one version and one evaluation
 * time, so any change to the data, or a new time, starts afresh. Results are handed out as new
 * arrays (callers may do what they like with them); the samples inside are shared, and like
 * every sample the evaluator makes they are never modified.
 */
import type { SeriesSource } from '../types.js';
import type { VectorSelector } from './ast.js';
import type { Sample } from './values.js';

interface Round {
  readonly version: number;
  readonly atMs: number;
  readonly results: Map<string, readonly Sample[]>;
}

const rounds = new WeakMap<SeriesSource, Round>();

/**
 * The results shared at `atMs` for `source`'s current data, or undefined when the source has no
 * version (then nothing is shared).
 */
export function sharedResults(source: SeriesSource, atMs: number): Map<string, readonly Sample[]> | undefined {
  const version = source.version;
  if (version === undefined) return undefined;
  let round = rounds.get(source);
  if (round === undefined || round.version !== version || !Object.is(round.atMs, atMs)) {
    round = { version, atMs, results: new Map() };
    rounds.set(source, round);
  }
  return round.results;
}

const selectorKeys = new WeakMap<VectorSelector, string>();

/** A string identifying what `sel` selects (name and matchers, as written), offset aside. */
export function selectorKey(sel: VectorSelector): string {
  let key = selectorKeys.get(sel);
  if (key === undefined) {
    key = sel.name === undefined ? '\u0001' : `\u0002${sel.name}`;
    for (const m of sel.matchers) key += `\u0000${m.name}\u0000${m.op}\u0000${m.value}`;
    selectorKeys.set(sel, key);
  }
  return key;
}

/** A number as a key part that tells -0 from 0 (String() does not). */
export function numberKey(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

/**
 * The result stored under `key` (a copy), or else `compute()`'s, stored for the round. Without a
 * round (`results` undefined) it just computes.
 */
export function shared(results: Map<string, readonly Sample[]> | undefined, key: string, compute: () => Sample[]): Sample[] {
  if (results === undefined) return compute();
  const hit = results.get(key);
  if (hit !== undefined) return hit.slice();
  const value = compute();
  results.set(key, value.slice());
  return value;
}
