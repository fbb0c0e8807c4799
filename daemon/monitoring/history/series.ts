/**
 * @module One series: its identity, full-resolution samples and rollup levels, and the rules that
 * move data between them (fold on age, stitch on read).
 *
 * Invariant: every point of a coarser level is older than every point of the finer ones, because
 * data is only ever folded whole buckets at a time, finest first. Reads rely on it to stitch the
 * levels into one series without overlap.
 */
import type { Labels } from '../types.js';
import type { ResolvedHistoryOptions } from './options.js';
import { Aggregator, bucketStart, type PointVisitor } from './aggregator.js';
import { RollupBuffer } from './rollup.js';
import { AppendResult, SeriesBuffer } from './series-buffer.js';

/** Estimated V8 cost of a series beyond its samples: objects, map entries; strings are added per character. */
const SERIES_OVERHEAD_BYTES = 400;

/** Length prefixes keep the key injective whatever characters names and values hold. */
function computeKey(labels: Labels): string {
  const names = Object.keys(labels);
  if (names.length > 1) names.sort();
  let key = '';
  for (const name of names) {
    const value = labels[name] as string;
    key += `${name.length}:${name}${value.length}:${value}`;
  }
  return key;
}

interface CachedKey {
  key: string;
  copy: Record<string, string>;
  size: number;
}

/**
 * Keys by label object. Callers (the metrics registry) pass the same object for a series every
 * interval; reusing the key string skips building it and, more importantly, re-hashing a fresh
 * string on every Map lookup. The entry is checked against a copy, so a mutated object is caught.
 */
const keyCache = new WeakMap<Labels, CachedKey>();

function unchanged(labels: Labels, cached: CachedKey): boolean {
  let size = 0;
  for (const name in labels) {
    if (labels[name] !== cached.copy[name]) return false;
    size++;
  }
  return size === cached.size;
}

/** The identity of a label set, independent of key order. */
export function seriesKey(labels: Labels): string {
  const cached = keyCache.get(labels);
  if (cached !== undefined && unchanged(labels, cached)) return cached.key;
  const key = computeKey(labels);
  const copy = { ...labels };
  keyCache.set(labels, { key, copy, size: Object.keys(copy).length });
  return key;
}

/** A frozen, key-sorted copy, so a caller that mutates its object later cannot corrupt the index. */
export function copyLabels(labels: Labels): Labels {
  if (typeof labels !== 'object' || labels === null)
    throw new TypeError('labels must be an object');
  const out: Record<string, string> = {};
  for (const name of Object.keys(labels).sort()) {
    const value = labels[name];
    if (typeof value !== 'string') throw new TypeError(`label ${name} must be a string`);
    out[name] = value;
  }
  return Object.freeze(out);
}

/** What one compaction did to one series. */
export interface SeriesCompaction {
  /** Samples and points folded into a coarser level. */
  folded: number;
  /** Samples and points that left the store for good. */
  expired: number;
}

/** One series: identity, full-resolution samples, rollup levels. */
export class Series {
  /** Replaced wholesale only when restoring from a snapshot. */
  full = new SeriesBuffer();
  levels: RollupBuffer[];
  /** Time of the newest sample ever accepted (kept after it is folded, for the out-of-order rule). */
  lastTime = -Infinity;

  constructor(
    readonly name: string,
    readonly labels: Labels,
    readonly key: string,
    steps: readonly number[],
  ) {
    this.levels = steps.map((step) => new RollupBuffer(step));
  }

  /** Samples plus points held. */
  get size(): number {
    let n = this.full.count;
    for (const level of this.levels) n += level.count;
    return n;
  }

  /** Points held across the rollup levels. */
  get rollupPoints(): number {
    let n = 0;
    for (const level of this.levels) n += level.count;
    return n;
  }

  /** Estimated bytes held, overhead included. */
  get bytes(): number {
    let bytes = SERIES_OVERHEAD_BYTES + 4 * (this.key.length + this.name.length) + this.full.bytes;
    for (const level of this.levels) bytes += level.bytes;
    return bytes;
  }

  /** Adds a sample; older than the newest is refused, equal overwrites (while still at full resolution). */
  append(timeMs: number, value: number): AppendResult {
    if (timeMs < this.lastTime) return AppendResult.Refused;
    if (timeMs === this.lastTime && this.full.lastTime !== timeMs) return AppendResult.Refused;
    this.lastTime = timeMs;
    return this.full.append(timeMs, value);
  }

  /** Folds aged data into the next level and drops what is past the last one. */
  compact(nowMs: number, options: ResolvedHistoryOptions): SeriesCompaction {
    const result: SeriesCompaction = { folded: 0, expired: 0 };
    const { rollups } = options;
    const first = rollups[0];
    if (first === undefined) {
      result.expired += this.full.takeBefore(nowMs - options.retentionMs);
    } else {
      const target = this.levels[0] as RollupBuffer;
      const into = new Aggregator(first.stepMs, (t, mn, mx, s, c, l) =>
        target.add(t, mn, mx, s, c, l),
      );
      // Only whole buckets move, so a rollup point is final when written.
      result.folded += this.full.takeBefore(
        bucketStart(nowMs - options.retentionMs, first.stepMs),
        (t, v) => into.sample(t, v),
      );
      into.flush();
    }
    rollups.forEach((level, i) => {
      const buffer = this.levels[i] as RollupBuffer;
      const next = rollups[i + 1];
      if (next === undefined) {
        result.expired += buffer.takeBefore(nowMs - level.retentionMs);
        return;
      }
      const target = this.levels[i + 1] as RollupBuffer;
      const into = new Aggregator(next.stepMs, (t, mn, mx, s, c, l) =>
        target.add(t, mn, mx, s, c, l),
      );
      result.folded += buffer.takeBefore(
        bucketStart(nowMs - level.retentionMs, next.stepMs),
        (t, mn, mx, s, c, l) => into.add(t, mn, mx, s, c, l),
      );
      into.flush();
    });
    return result;
  }

  /**
   * Visits the points in [startMs, endMs] oldest first, each level contributing only what is older
   * than everything finer; full-resolution samples come as count-1 points.
   */
  collect(startMs: number, endMs: number, visit: PointVisitor): void {
    this.collectLevels(startMs, endMs, visit);
    this.full.forEach(startMs, endMs, (t, v) => visit(t, v, v, v, 1, v));
  }

  /** The rollup part of `collect`: every point it visits before the full-resolution samples. */
  collectLevels(startMs: number, endMs: number, visit: PointVisitor): void {
    const limits: number[] = [];
    let limit = this.full.firstTime;
    for (const level of this.levels) {
      limits.push(limit);
      limit = Math.min(limit, level.firstTime);
    }
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const before = limits[i] as number;
      if (before <= startMs) continue;
      (this.levels[i] as RollupBuffer).forEach(startMs, Math.min(endMs, before - 1), visit);
    }
  }

  /**
   * True when a read of [startMs, …] (see `collect`) would visit no rollup point, so that the
   * full-resolution samples alone answer it.
   */
  fullOnlyFrom(startMs: number): boolean {
    const { levels } = this;
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i] as RollupBuffer;
      if (level.count === 0 || level.lastTime < startMs) continue;
      // The level has points from startMs on; `collect` visits those older than everything finer.
      let limit = this.full.firstTime;
      for (let j = 0; j < i; j++) limit = Math.min(limit, (levels[j] as RollupBuffer).firstTime);
      if (limit > startMs) return false;
    }
    return true;
  }

  /** The newest sample: its time and value, wherever it is stored now. */
  latest(): { timeMs: number; value: number } | undefined {
    if (!this.full.empty)
      return { timeMs: this.full.lastTime, value: this.full.lastValue as number };
    for (const level of this.levels) {
      // After a fold the newest sample is the `last` of the finest level's newest point.
      if (level.count > 0) return { timeMs: this.lastTime, value: level.lastValue as number };
    }
    return undefined;
  }
}
