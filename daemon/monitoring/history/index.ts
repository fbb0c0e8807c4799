/**
 * @module The metric history store's public surface.
 */
export { HistoryStore } from './history-store.js';
export type {
  CompactResult,
  HistoryStats,
  LatestSample,
  RollupSeries,
  Sample,
} from './history-store.js';
export { DEFAULT_HISTORY_OPTIONS, resolveHistoryOptions } from './options.js';
export type { HistoryOptions, ResolvedHistoryOptions, RollupLevel } from './options.js';
export { SnapshotError, SNAPSHOT_VERSION } from './snapshot.js';
