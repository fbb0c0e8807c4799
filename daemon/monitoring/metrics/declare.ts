/**
 * @module Whether a metric may be declared under a name, given what the registry already holds.
 *
 * A name declared again with the same type and label names (in any order: Prometheus identifies
 * series by the label set) is the same metric. Anything else under that name is a conflict. So is
 * a name that one of the series a histogram or summary writes would also use (`x_sum` beside a
 * histogram `x`), since the exposition would then hold two families for one series name.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';
import type { MetricType } from '../types.js';
import { formatValue } from './exposition.js';
import { listLabels } from './names.js';
import type { SummarySettings } from './summary.js';

/** What a conflict check needs to know of a metric, declared or about to be. */
export interface DeclaredShape {
  readonly name: string;
  readonly type: MetricType;
  readonly labelNames: readonly string[];
  /** Histogram bounds (without +Inf). */
  readonly buckets?: readonly number[];
  /** Summary window settings. */
  readonly settings?: SummarySettings;
}

/** The options a new declaration asks for beyond type and labels; only those given are compared. */
export interface WantedOptions {
  buckets?: readonly number[];
  percentiles?: readonly number[];
  maxAgeSeconds?: number;
  ageBuckets?: number;
}

/** The extra series names each type writes besides its own name. */
const SUFFIXES: Record<MetricType, readonly string[]> = {
  counter: [],
  gauge: [],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count'],
};
const ALL_SUFFIXES = ['_bucket', '_sum', '_count'];

/**
 * Checks declaring `name` as `type` with `labelNames` against `lookup` (name → metric). Returns the
 * metric already there when it is the same one, undefined when the name is free, and throws
 * InvalidInputError naming the conflict otherwise. `wanted` must already be normalised (checked
 * buckets, sorted percentiles).
 */
export function checkDeclaration(
  name: string,
  type: MetricType,
  labelNames: readonly string[],
  wanted: WantedOptions,
  lookup: (name: string) => DeclaredShape | undefined,
): DeclaredShape | undefined {
  const existing = lookup(name);
  if (existing !== undefined) {
    const problem = mismatch(existing, type, labelNames, wanted);
    if (problem !== undefined) throw new InvalidInputError(problem, 'name');
    return existing;
  }
  for (const suffix of ALL_SUFFIXES) {
    if (!name.endsWith(suffix)) continue;
    const owner = lookup(name.slice(0, -suffix.length));
    if (owner !== undefined && SUFFIXES[owner.type].includes(suffix)) {
      throw new InvalidInputError(
        `metric ${name} clashes with the ${name} series of ${owner.type} ${owner.name}`,
        'name',
      );
    }
  }
  for (const suffix of SUFFIXES[type]) {
    const other = lookup(name + suffix);
    if (other !== undefined) {
      throw new InvalidInputError(
        `${type} ${name} clashes with ${other.type} ${other.name}: its ${other.name} series would have the same name`,
        'name',
      );
    }
  }
  return undefined;
}

function mismatch(
  existing: DeclaredShape,
  type: MetricType,
  labelNames: readonly string[],
  wanted: WantedOptions,
): string | undefined {
  const { name } = existing;
  if (existing.type !== type)
    return `metric ${name} is already a ${existing.type}; cannot declare it as a ${type}`;
  if (!sameSet(existing.labelNames, labelNames)) {
    return `${type} ${name} already has labels (${listLabels(existing.labelNames)}); cannot declare it with labels (${listLabels(labelNames)})`;
  }
  if (
    wanted.buckets !== undefined &&
    existing.buckets !== undefined &&
    !sameList(existing.buckets, wanted.buckets)
  ) {
    return `histogram ${name} already has buckets (${numbers(existing.buckets)}); cannot declare it with buckets (${numbers(wanted.buckets)})`;
  }
  const settings = existing.settings;
  if (settings !== undefined) {
    if (wanted.percentiles !== undefined && !sameList(settings.percentiles, wanted.percentiles)) {
      return `summary ${name} already has percentiles (${numbers(settings.percentiles)}); cannot declare it with percentiles (${numbers(wanted.percentiles)})`;
    }
    if (wanted.maxAgeSeconds !== undefined && wanted.maxAgeSeconds !== settings.maxAgeSeconds) {
      return `summary ${name} already has maxAgeSeconds ${settings.maxAgeSeconds}; cannot declare it with maxAgeSeconds ${wanted.maxAgeSeconds}`;
    }
    if (wanted.ageBuckets !== undefined && wanted.ageBuckets !== settings.ageBuckets) {
      return `summary ${name} already has ageBuckets ${settings.ageBuckets}; cannot declare it with ageBuckets ${wanted.ageBuckets}`;
    }
  }
  return undefined;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((label) => b.includes(label));
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function numbers(list: readonly number[]): string {
  return list.map(formatValue).join(', ');
}
