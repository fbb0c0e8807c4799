/**
 * @module The metric history store: every series sampled on a fixed interval, kept at full
 * resolution for a while, then rolled up, capped, expired on a schedule, snapshotted and reloaded.
 *
 * Time never comes from a clock here: appends carry their time and `compact(now)` is told the
 * time, so the daemon's scheduler (and the tests) decide when things age.
 */
import type { LabelMatcher, Labels, RangeSeries, SeriesSource } from '../types.js';
import { evictOldest } from './eviction.js';
import {
  resolveHistoryOptions,
  type HistoryOptions,
  type ResolvedHistoryOptions,
} from './options.js';
import { rangeOf, rollupOf, type RollupSeries } from './query.js';
import { copyLabels, Series, seriesKey } from './series.js';
import { AppendResult } from './series-buffer.js';
import { SeriesIndex } from './series-index.js';
import { seriesFromRecord, seriesToRecord } from './series-record.js';
import { decodeSnapshot, encodeSnapshot, SnapshotError, type SeriesRecord } from './snapshot.js';
import { readSnapshotFile, writeFileAtomic } from './snapshot-file.js';
import {
  checkRange,
  checkSample,
  type CompactResult,
  type HistoryStats,
  type LatestSample,
  type Sample,
} from './store-types.js';

export type { CompactResult, HistoryStats, LatestSample, RollupSeries, Sample };

/** The size cap evicts down to this share of maxBytes, so that it does not run on every append. */
const EVICT_TO = 0.9;

/** In-memory history of every series; see the module comment. */
export class HistoryStore implements SeriesSource {
  readonly options: ResolvedHistoryOptions;
  private readonly index = new SeriesIndex();
  private readonly steps: number[];
  /** Running estimate, kept exact to the series' own figures so the cap check is O(1). */
  private bytes = 0;
  private readonly dropped = { outOfOrder: 0, seriesLimit: 0, sizeLimit: 0 };

  /** @throws TypeError naming the option when an option is wrong. */
  constructor(options: HistoryOptions = {}) {
    this.options = resolveHistoryOptions(options);
    this.steps = this.options.rollups.map((level) => level.stepMs);
  }

  /**
   * Records one sample (time in ms, rounded to whole ms). A sample older than the series' newest
   * is ignored and counted; one at the same time overwrites it.
   * @returns whether the sample was stored.
   */
  append(name: string, labels: Labels, timeMs: number, value: number): boolean {
    checkSample(name, labels, timeMs, value);
    const series = this.seriesFor(name, labels);
    if (series === undefined) {
      this.dropped.seriesLimit++;
      return false;
    }
    const before = series.full.bytes;
    const result = series.append(Math.round(timeMs), value);
    if (result === AppendResult.Refused) {
      this.dropped.outOfOrder++;
      return false;
    }
    this.bytes += series.full.bytes - before;
    if (this.bytes > this.options.maxBytes) this.enforceSize();
    return true;
  }

  /** Records many samples; all are checked before any is stored. @returns how many were stored. */
  appendBatch(samples: readonly Sample[]): number {
    for (const s of samples) checkSample(s.name, s.labels, s.timeMs, s.value);
    let stored = 0;
    for (const s of samples) if (this.append(s.name, s.labels, s.timeMs, s.value)) stored++;
    return stored;
  }

  /** Samples in [startMs, endMs]; where the range reaches past full resolution, rollup averages. */
  select(
    name: string,
    matchers: readonly LabelMatcher[],
    startMs: number,
    endMs: number,
  ): RangeSeries[] {
    checkRange(startMs, endMs);
    const out: RangeSeries[] = [];
    for (const series of this.index.matching(name, matchers)) {
      const range = rangeOf(series, startMs, endMs);
      if (range !== undefined) out.push(range);
    }
    return out;
  }

  /**
   * Like `select` but with min/max/sum/count/last per point, for charts; with `stepMs`, points are
   * re-bucketed into epoch-aligned buckets of that size (it can only coarsen what is stored).
   */
  selectRollup(
    name: string,
    matchers: readonly LabelMatcher[],
    startMs: number,
    endMs: number,
    stepMs?: number,
  ): RollupSeries[] {
    checkRange(startMs, endMs, stepMs);
    const out: RollupSeries[] = [];
    for (const series of this.index.matching(name, matchers)) {
      const points = rollupOf(series, startMs, endMs, stepMs);
      if (points !== undefined) out.push(points);
    }
    return out;
  }

  /** The newest sample of every matching series. */
  latest(name: string, matchers: readonly LabelMatcher[] = []): LatestSample[] {
    const out: LatestSample[] = [];
    for (const series of this.index.matching(name, matchers)) {
      const last = series.latest();
      if (last !== undefined) out.push({ name, labels: series.labels, ...last });
    }
    return out;
  }

  /** The label sets of every series of `name`. */
  seriesOf(name: string): Labels[] {
    return this.index.ofName(name).map((series) => series.labels);
  }

  /** Every metric name with at least one series. */
  names(): string[] {
    return this.index.names();
  }

  /** Counts, estimated bytes and what was dropped (by cause) since the store was created. */
  stats(): HistoryStats {
    let samples = 0;
    let rollupPoints = 0;
    for (const series of this.index.all()) {
      samples += series.full.count;
      rollupPoints += series.rollupPoints;
    }
    const stored = samples + rollupPoints;
    return {
      series: this.index.size,
      samples,
      rollupPoints,
      bytes: this.bytes,
      bytesPerSample: stored === 0 ? 0 : this.bytes / stored,
      dropped: { ...this.dropped },
    };
  }

  /** Folds aged data into rollups, expires what is past retention and applies the size cap. */
  compact(nowMs: number): CompactResult {
    if (typeof nowMs !== 'number' || !Number.isFinite(nowMs))
      throw new TypeError('nowMs must be finite');
    const result: CompactResult = { folded: 0, expired: 0, evicted: 0, removedSeries: 0 };
    for (const series of [...this.index.all()]) {
      const before = series.bytes;
      const done = series.compact(nowMs, this.options);
      result.folded += done.folded;
      result.expired += done.expired;
      this.bytes += series.bytes - before;
      if (series.size === 0) {
        this.index.remove(series);
        this.bytes -= series.bytes;
        result.removedSeries++;
      }
    }
    if (this.bytes > this.options.maxBytes) {
      const seriesBefore = this.index.size;
      result.evicted += this.enforceSize();
      result.removedSeries += seriesBefore - this.index.size;
    }
    return result;
  }

  /** The whole store as a checksummed binary snapshot. */
  toSnapshot(): Buffer {
    const records = function* (store: HistoryStore): Generator<SeriesRecord> {
      for (const series of store.index.all()) yield seriesToRecord(series);
    };
    return encodeSnapshot(this.index.size, () => records(this));
  }

  /**
   * A store holding a snapshot's data under `options` (rollup levels whose step is no longer
   * configured are dropped; caps apply). @throws SnapshotError when the snapshot is unusable.
   */
  static fromSnapshot(buf: Buffer, options: HistoryOptions = {}): HistoryStore {
    const store = new HistoryStore(options);
    for (const record of decodeSnapshot(buf)) {
      try {
        store.restore(record);
      } catch (error) {
        if (error instanceof SnapshotError) throw error;
        throw new SnapshotError(`is corrupt: series ${record.name}: ${(error as Error).message}`);
      }
    }
    if (store.bytes > store.options.maxBytes) store.enforceSize();
    return store;
  }

  /** Writes `toSnapshot()` atomically (temp file 0600, fsync, rename, fsync folder). @throws StoreWriteError */
  async saveSnapshot(file: string): Promise<void> {
    await writeFileAtomic(file, this.toSnapshot());
  }

  /** Loads a snapshot file; a missing file gives an empty store. @throws SnapshotError (naming the file) */
  static async loadSnapshot(file: string, options: HistoryOptions = {}): Promise<HistoryStore> {
    resolveHistoryOptions(options); // wrong options fail as TypeError whether or not the file exists
    const buf = await readSnapshotFile(file);
    if (buf === undefined) return new HistoryStore(options);
    try {
      return HistoryStore.fromSnapshot(buf, options);
    } catch (error) {
      if (error instanceof SnapshotError && error.file === undefined)
        throw new SnapshotError(error.reason, file);
      throw error;
    }
  }

  private restore(record: SeriesRecord): void {
    const series = seriesFromRecord(record, this.steps);
    if (this.index.get(series.name, series.key)) throw new Error('listed twice');
    if (series.size === 0) return;
    if (this.index.size >= this.options.maxSeries) {
      this.dropped.seriesLimit++;
      return;
    }
    this.add(series);
  }

  private seriesFor(name: string, labels: Labels): Series | undefined {
    const key = seriesKey(labels);
    const existing = this.index.get(name, key);
    if (existing !== undefined) return existing;
    if (this.index.size >= this.options.maxSeries) return undefined;
    const series = new Series(name, copyLabels(labels), key, this.steps);
    this.add(series);
    return series;
  }

  private add(series: Series): void {
    this.index.add(series);
    this.bytes += series.bytes;
  }

  /** Drops the oldest data until under EVICT_TO of maxBytes. @returns samples and points dropped. */
  private enforceSize(): number {
    const eviction = evictOldest(this.index.all(), this.bytes - this.options.maxBytes * EVICT_TO);
    this.bytes -= eviction.bytes;
    for (const series of eviction.emptied) this.index.remove(series);
    const dropped = eviction.samples + eviction.points;
    this.dropped.sizeLimit += dropped;
    return dropped;
  }
}
