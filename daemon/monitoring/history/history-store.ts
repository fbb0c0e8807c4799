/**
 * @module The metric history store: every series sampled on a fixed interval, kept at full
 * resolution for a while, then rolled up, capped, expired on a schedule, snapshotted and reloaded.
 *
 * Time never comes from a clock here: appends carry their time and `compact(now)` is told the
 * time, so the daemon's scheduler (and the tests) decide when things age.
 */
import type { LabelMatcher, Labels, RangeSeries, SeriesSource, SeriesWindow } from '../types.js';
import { evictOldest } from './eviction.js';
import {
  resolveHistoryOptions,
  type HistoryOptions,
  type ResolvedHistoryOptions,
} from './options.js';
import {
  latestOf,
  rangesOf,
  rollupOf,
  RangeScratch,
  visitRange,
  type LatestPoint,
  type RangeVisitor,
  type RollupSeries,
} from './query.js';
import { copyLabels, Series, seriesKey } from './series.js';
import { AppendResult, emptySpan } from './series-buffer.js';
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

type MutableWindow = { -readonly [K in keyof SeriesWindow]: SeriesWindow[K] };

const NO_SAMPLES = new Float64Array(0);
const NO_LABELS: Labels = Object.freeze({});

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
  /** Bumped by everything that changes the data (see `version`). */
  private changes = 0;
  /** The attached entries of the snapshot this store was loaded from, until taken. */
  private attached: string[] = [];

  /** @throws TypeError naming the option when an option is wrong. */
  constructor(options: HistoryOptions = {}) {
    this.options = resolveHistoryOptions(options);
    this.steps = this.options.rollups.map((level) => level.stepMs);
  }

  /**
   * Changes whenever the data may have changed (any append, compaction or eviction), so that
   * rule evaluations at the same time over an unchanged store can share their reads.
   */
  get version(): number {
    return this.changes;
  }

  /**
   * Records one sample (time in ms, rounded to whole ms). A sample older than the series' newest
   * is ignored and counted; one at the same time overwrites it.
   * @returns whether the sample was stored.
   */
  append(name: string, labels: Labels, timeMs: number, value: number): boolean {
    checkSample(name, labels, timeMs, value);
    this.changes++;
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

  /**
   * Samples in [startMs, endMs]; where the range reaches past full resolution, rollup averages.
   * Values read at full resolution are the stored bytes (a staleness marker stays one). The
   * arrays of one call may share an ArrayBuffer.
   */
  select(
    name: string,
    matchers: readonly LabelMatcher[],
    startMs: number,
    endMs: number,
  ): RangeSeries[] {
    checkRange(startMs, endMs);
    return rangesOf(this.index.matchingView(name, matchers), startMs, endMs);
  }

  /**
   * The newest sample in (atMs - lookbackMs, atMs] of every matching series: exactly the last
   * point `select(name, matchers, atMs - lookbackMs, atMs)` gives for it, without building the
   * arrays. A series whose newest such sample is a staleness marker is left out, as is one with
   * no sample in the window. (What an instant selector reads; see `visitLatest`.)
   */
  selectLatest(
    name: string,
    matchers: readonly LabelMatcher[],
    atMs: number,
    lookbackMs: number,
  ): LatestSample[] {
    const out: LatestSample[] = [];
    this.visitLatest(name, matchers, atMs, lookbackMs, (labels, value, timeMs) =>
      out.push({ name, labels, timeMs, value }),
    );
    return out;
  }

  /** `selectLatest` without the result array: `visit` is called per series, in the same order. */
  visitLatest(
    name: string,
    matchers: readonly LabelMatcher[],
    atMs: number,
    lookbackMs: number,
    visit: (labels: Labels, value: number, timeMs: number) => void,
  ): void {
    const startMs = atMs - lookbackMs;
    checkRange(startMs, atMs);
    const point: LatestPoint = { timeMs: 0, value: 0, stale: false };
    const span = emptySpan();
    for (const series of this.index.matchingView(name, matchers)) {
      if (!latestOf(series, startMs, atMs, point, span)) continue;
      if (point.timeMs <= startMs || point.stale) continue;
      visit(series.labels, point.value, point.timeMs);
    }
  }

  /**
   * Calls `visit` with each matching series' samples in [startMs, endMs], the same as `select`
   * returns them, but in place where it can: the window's arrays are only valid during the call
   * and must not be modified or kept.
   */
  scanRange(
    name: string,
    matchers: readonly LabelMatcher[],
    startMs: number,
    endMs: number,
    visit: (window: SeriesWindow) => void,
  ): void {
    checkRange(startMs, endMs);
    const window: MutableWindow = {
      name,
      labels: NO_LABELS,
      times: NO_SAMPLES,
      values: NO_SAMPLES,
      lo: 0,
      hi: 0,
      noNaN: false,
    };
    const scratch = new RangeScratch();
    let labels: Labels = NO_LABELS;
    const emit: RangeVisitor = (times, values, lo, hi, noNaN) => {
      window.labels = labels;
      window.times = times;
      window.values = values;
      window.lo = lo;
      window.hi = hi;
      window.noNaN = noNaN;
      visit(window);
    };
    for (const series of this.index.matchingView(name, matchers)) {
      labels = series.labels;
      visitRange(series, startMs, endMs, scratch, emit);
    }
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
    for (const series of this.index.matchingView(name, matchers)) {
      const points = rollupOf(series, startMs, endMs, stepMs);
      if (points !== undefined) out.push(points);
    }
    return out;
  }

  /** The newest sample of every matching series. */
  latest(name: string, matchers: readonly LabelMatcher[] = []): LatestSample[] {
    const out: LatestSample[] = [];
    for (const series of this.index.matchingView(name, matchers)) {
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
    this.changes++;
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

  /**
   * The whole store as a checksummed binary snapshot, with `attached` entries (JSON that other
   * parts keep with the history: the engine's pushed metric families) stored as they are.
   */
  toSnapshot(attached: readonly string[] = []): Buffer {
    const records = function* (store: HistoryStore): Generator<SeriesRecord> {
      for (const series of store.index.all()) yield seriesToRecord(series);
    };
    return encodeSnapshot(this.index.size, () => records(this), attached);
  }

  /** The attached entries of the snapshot this store was loaded from (once; then none). */
  takeAttached(): string[] {
    const attached = this.attached;
    this.attached = [];
    return attached;
  }

  /**
   * A store holding a snapshot's data under `options` (rollup levels whose step is no longer
   * configured are dropped; caps apply). @throws SnapshotError when the snapshot is unusable.
   */
  static fromSnapshot(buf: Buffer, options: HistoryOptions = {}): HistoryStore {
    const store = new HistoryStore(options);
    const { series, attached } = decodeSnapshot(buf);
    store.attached = attached;
    for (const record of series) {
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

  /** Writes `toSnapshot(attached)` atomically (temp file 0600, fsync, rename, fsync folder). @throws StoreWriteError */
  async saveSnapshot(file: string, attached: readonly string[] = []): Promise<void> {
    await writeFileAtomic(file, this.toSnapshot(attached));
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
    this.changes++;
    this.index.add(series);
    this.bytes += series.bytes;
  }

  /** Drops the oldest data until under EVICT_TO of maxBytes. @returns samples and points dropped. */
  private enforceSize(): number {
    this.changes++;
    const eviction = evictOldest(this.index.all(), this.bytes - this.options.maxBytes * EVICT_TO);
    this.bytes -= eviction.bytes;
    for (const series of eviction.emptied) this.index.remove(series);
    const dropped = eviction.samples + eviction.points;
    this.dropped.sizeLimit += dropped;
    return dropped;
  }
}
