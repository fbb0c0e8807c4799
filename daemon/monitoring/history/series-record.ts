/**
 * @module Converting a series to and from its snapshot record, checking the record on the way in.
 *
 * The snapshot is checksummed, so these checks only catch a writer bug or a hand-made file; they
 * are cheap and keep a bad file from breaking the invariants every read relies on.
 */
import { RollupBuffer } from './rollup.js';
import { copyLabels, Series, seriesKey } from './series.js';
import { SeriesBuffer } from './series-buffer.js';
import type { SeriesRecord } from './snapshot.js';

/** The record the snapshot stores for `series`. */
export function seriesToRecord(series: Series): SeriesRecord {
  return {
    name: series.name,
    labels: series.labels,
    lastTime: series.lastTime,
    full: series.full.toData(),
    levels: series.levels.map((level) => ({ stepMs: level.stepMs, chunks: level.toData() })),
  };
}

/**
 * The series a record describes, with rollup levels matched to `steps` by step (a level whose
 * step is no longer configured is dropped). @throws Error when the record breaks an invariant.
 */
export function seriesFromRecord(record: SeriesRecord, steps: readonly number[]): Series {
  if (record.name === '') throw new Error('empty metric name');
  const labels = copyLabels(record.labels);
  const series = new Series(record.name, labels, seriesKey(labels), steps);
  series.full = SeriesBuffer.from(record.full);
  series.levels = steps.map((step) => {
    const level = record.levels.find((l) => l.stepMs === step);
    return level === undefined ? new RollupBuffer(step) : RollupBuffer.from(step, level.chunks);
  });
  // The stitching invariant: each level strictly older than everything finer.
  let finer = series.full.firstTime;
  for (const level of series.levels) {
    if (level.count > 0 && !(level.lastTime < finer)) throw new Error('rollup levels overlap');
    finer = Math.min(finer, level.firstTime);
  }
  if (series.full.lastTime > record.lastTime)
    throw new Error('newest sample is newer than the recorded time');
  series.lastTime = record.lastTime;
  return series;
}
