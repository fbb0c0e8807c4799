/**
 * @module Options of the history store: defaults and validation.
 *
 * Validation happens once, in the constructor, so that a misconfiguration fails at start-up with a
 * message that names the option instead of surfacing later as odd query results.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One rollup level: points of `stepMs` kept for `retentionMs` (counted back from `now`). */
export interface RollupLevel {
  stepMs: number;
  retentionMs: number;
}

/** What a caller may set; every field has a default. */
export interface HistoryOptions {
  /** The sampling interval the daemon uses (sizes buffers; times stay exact whatever it is). */
  intervalMs?: number;
  /** How long full-resolution samples are kept. */
  retentionMs?: number;
  /** Coarser levels, finest first; each step a multiple of the previous one. */
  rollups?: readonly RollupLevel[];
  /** New series beyond this count are refused. */
  maxSeries?: number;
  /** Estimated memory cap; the oldest data is dropped first to stay under it. */
  maxBytes?: number;
}

/** Options with every default applied, frozen. */
export interface ResolvedHistoryOptions {
  readonly intervalMs: number;
  readonly retentionMs: number;
  readonly rollups: readonly Readonly<RollupLevel>[];
  readonly maxSeries: number;
  readonly maxBytes: number;
}

/** The defaults: 10 s samples for 24 h, 1-minute points for 7 days, 1-hour points for 90 days. */
export const DEFAULT_HISTORY_OPTIONS: ResolvedHistoryOptions = Object.freeze({
  intervalMs: 10_000,
  retentionMs: DAY,
  rollups: Object.freeze([
    Object.freeze({ stepMs: MINUTE, retentionMs: 7 * DAY }),
    Object.freeze({ stepMs: HOUR, retentionMs: 90 * DAY }),
  ]),
  maxSeries: 100_000,
  maxBytes: 512 * 1024 * 1024,
});

function positiveInteger(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`history option ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/** Applies defaults and checks every option. @throws TypeError naming the faulty option. */
export function resolveHistoryOptions(options: HistoryOptions = {}): ResolvedHistoryOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('history options must be an object');
  }
  const known = new Set(['intervalMs', 'retentionMs', 'rollups', 'maxSeries', 'maxBytes']);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new TypeError(`unknown history option ${key}`);
  }
  const intervalMs = positiveInteger(
    options.intervalMs,
    'intervalMs',
    DEFAULT_HISTORY_OPTIONS.intervalMs,
  );
  const retentionMs = positiveInteger(
    options.retentionMs,
    'retentionMs',
    DEFAULT_HISTORY_OPTIONS.retentionMs,
  );
  const maxSeries = positiveInteger(
    options.maxSeries,
    'maxSeries',
    DEFAULT_HISTORY_OPTIONS.maxSeries,
  );
  const maxBytes = positiveInteger(options.maxBytes, 'maxBytes', DEFAULT_HISTORY_OPTIONS.maxBytes);
  if (retentionMs < intervalMs) {
    throw new TypeError(
      `history option retentionMs (${retentionMs}) must be at least intervalMs (${intervalMs})`,
    );
  }
  const raw = options.rollups ?? DEFAULT_HISTORY_OPTIONS.rollups;
  if (!Array.isArray(raw)) throw new TypeError('history option rollups must be an array');
  const rollups: Readonly<RollupLevel>[] = [];
  let previousStep = intervalMs;
  let previousRetention = retentionMs;
  raw.forEach((level: unknown, i) => {
    const name = `rollups[${i}]`;
    if (typeof level !== 'object' || level === null)
      throw new TypeError(`history option ${name} must be an object`);
    const { stepMs, retentionMs: keep } = level as Partial<RollupLevel>;
    const step = positiveInteger(stepMs ?? NaN, `${name}.stepMs`, 0);
    const retention = positiveInteger(keep ?? NaN, `${name}.retentionMs`, 0);
    // Each level must nest in the next so that a coarse bucket is exactly a union of fine ones.
    if (i === 0 ? step < intervalMs : step <= previousStep || step % previousStep !== 0) {
      throw new TypeError(
        i === 0
          ? `history option ${name}.stepMs (${step}) must be at least intervalMs (${intervalMs})`
          : `history option ${name}.stepMs (${step}) must be a larger multiple of rollups[${i - 1}].stepMs (${previousStep})`,
      );
    }
    // A level that ends before the finer one would never receive data.
    if (retention <= previousRetention) {
      throw new TypeError(
        `history option ${name}.retentionMs (${retention}) must exceed the retention of the finer level (${previousRetention})`,
      );
    }
    rollups.push(Object.freeze({ stepMs: step, retentionMs: retention }));
    previousStep = step;
    previousRetention = retention;
  });
  return Object.freeze({
    intervalMs,
    retentionMs,
    rollups: Object.freeze(rollups),
    maxSeries,
    maxBytes,
  });
}
