/**
 * @module The series of the store, indexed by metric name and then by label set.
 *
 * Two levels because every query names its metric: a selector only ever scans the series of one
 * name, never the whole store.
 */
import type { LabelMatcher } from '../types.js';
import { compileMatchers } from './matchers.js';
import type { Series } from './series.js';

const EMPTY: readonly Series[] = [];

/** Series by name, then by `seriesKey(labels)`. */
export class SeriesIndex {
  private readonly byName = new Map<string, Map<string, Series>>();
  /** The series of a name as an array, built on demand and dropped when that name changes. */
  private readonly lists = new Map<string, Series[]>();
  /** Number of series. */
  size = 0;

  /** The series with this name and label key, if any. */
  get(name: string, key: string): Series | undefined {
    return this.byName.get(name)?.get(key);
  }

  /** Adds a series not yet present. */
  add(series: Series): void {
    let map = this.byName.get(series.name);
    if (map === undefined) this.byName.set(series.name, (map = new Map()));
    map.set(series.key, series);
    this.lists.delete(series.name);
    this.size++;
  }

  /** Removes a series; a name left without series disappears from `names()`. */
  remove(series: Series): void {
    const map = this.byName.get(series.name);
    if (map?.get(series.key) !== series) return;
    map.delete(series.key);
    this.lists.delete(series.name);
    if (map.size === 0) this.byName.delete(series.name);
    this.size--;
  }

  /** Every metric name with at least one series. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /** Every series of `name`. */
  ofName(name: string): Series[] {
    return [...(this.byName.get(name)?.values() ?? [])];
  }

  /** Every series, in no particular order. */
  *all(): Generator<Series> {
    for (const map of this.byName.values()) yield* map.values();
  }

  /** The series of `name` that satisfy every matcher. @throws InvalidInputError on a bad matcher. */
  matching(name: string, matchers: readonly LabelMatcher[]): Series[] {
    return [...this.matchingView(name, matchers)];
  }

  /**
   * Like `matching`, for reads that only iterate the result: without matchers it is the index's
   * own list, not a copy (an add or remove replaces the list rather than changing it), so it must
   * not be modified.
   */
  matchingView(name: string, matchers: readonly LabelMatcher[]): readonly Series[] {
    const test = compileMatchers(matchers);
    const list = this.listOf(name);
    if (matchers.length === 0) return list;
    const out: Series[] = [];
    for (const series of list) if (test(name, series.labels)) out.push(series);
    return out;
  }

  private listOf(name: string): readonly Series[] {
    let list = this.lists.get(name);
    if (list === undefined) {
      const map = this.byName.get(name);
      if (map === undefined) return EMPTY;
      list = [...map.values()];
      this.lists.set(name, list);
    }
    return list;
  }
}
