/**
 * @module Checking pushed samples (`addMetric`, `pushBatch`) before any of them is applied.
 *
 * A batch is all or nothing: every sample is checked against the registry and against the
 * samples before it in the same batch (which may declare the metric it uses), and only when all
 * pass does the registry apply them. Every way applying could fail is checked here, so applying
 * cannot stop half-way.
 */
import { AppError, InvalidInputError } from '../../../src/protocol/errors.js';
import type { MetricType } from '../types.js';
import { counterAmountProblem } from './counter.js';
import type { DeclaredShape } from './declare.js';
import { checkDeclaration } from './declare.js';
import { gaugeValueProblem } from './gauge.js';
import { observationProblem } from './histogram.js';
import type { LabelInput } from './metric.js';
import {
  checkHelp,
  checkLabelNames,
  checkMetricName,
  describe,
  isMetricType,
  METRIC_TYPES,
} from './names.js';

/** One pushed sample: counter → inc by value, gauge → set, histogram and summary → observe. */
export interface PushSample {
  name: string;
  value: number;
  type: MetricType;
  labels?: LabelInput;
  /** Help for the metric if this sample creates it; ignored otherwise. */
  help?: string;
}

/** A sample that passed every check. */
export interface PlannedSample {
  name: string;
  type: MetricType;
  value: number;
  labels: LabelInput;
  /** The label names, sorted: what a metric created by this sample declares. */
  labelNames: readonly string[];
  help: string;
  /** False when applying this sample creates the metric. */
  exists: boolean;
}

/** Checks one sample against `lookup` (name → declared metric). Throws InvalidInputError. */
export function checkSample(
  sample: unknown,
  lookup: (name: string) => DeclaredShape | undefined,
): PlannedSample {
  if (typeof sample !== 'object' || sample === null || Array.isArray(sample)) {
    throw new InvalidInputError(`a sample must be an object, got ${describe(sample)}`);
  }
  const { name, value, type, labels, help } = sample as Record<string, unknown>;
  checkMetricName(name);
  if (!isMetricType(type)) {
    throw new InvalidInputError(
      `metric ${name}: type must be one of ${METRIC_TYPES.join(', ')}; got ${describe(type)}`,
      'type',
    );
  }
  if (
    labels !== undefined &&
    (typeof labels !== 'object' || labels === null || Array.isArray(labels))
  ) {
    throw new InvalidInputError(
      `metric ${name}: labels must be an object, got ${describe(labels)}`,
      'labels',
    );
  }
  const given = (labels ?? {}) as Record<string, unknown>;
  const labelNames = Object.keys(given).sort();
  checkLabelNames(type, name, labelNames);
  for (const label of labelNames) {
    const labelValue = given[label];
    if (typeof labelValue !== 'string' && typeof labelValue !== 'number') {
      throw new InvalidInputError(
        `metric ${name}: label '${label}' must be a string or a number, got ${describe(labelValue)}`,
        'labels',
      );
    }
  }
  if (help !== undefined) checkHelp(type, name, help);
  const existing = checkDeclaration(name, type, labelNames, {}, lookup);
  const problem =
    type === 'counter'
      ? counterAmountProblem(name, value)
      : type === 'gauge'
        ? gaugeValueProblem(name, 'set', value)
        : observationProblem(type, name, value);
  if (problem !== undefined) throw new InvalidInputError(problem, 'value');
  return {
    name,
    type,
    value: value as number,
    labels: given as LabelInput,
    labelNames,
    help: (help as string | undefined) ?? '',
    exists: existing !== undefined,
  };
}

/**
 * Checks every sample of a batch, each against the registry and the batch's earlier samples.
 * Throws InvalidInputError for the first bad one, prefixed with its index; nothing is applied then.
 */
export function planBatch(
  samples: unknown,
  lookup: (name: string) => DeclaredShape | undefined,
): PlannedSample[] {
  if (!Array.isArray(samples))
    throw new InvalidInputError(
      `pushBatch needs an array of samples, got ${describe(samples)}`,
      'samples',
    );
  const pending = new Map<string, DeclaredShape>();
  const both = (name: string): DeclaredShape | undefined => lookup(name) ?? pending.get(name);
  return (samples as unknown[]).map((sample, i) => {
    let planned: PlannedSample;
    try {
      planned = checkSample(sample, both);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const name = (sample as { name?: unknown } | null)?.name;
      const which = typeof name === 'string' ? `sample ${i} (${name})` : `sample ${i}`;
      throw new InvalidInputError(`${which}: ${error.message}`, `samples[${i}]`);
    }
    if (!planned.exists && !pending.has(planned.name)) {
      pending.set(planned.name, {
        name: planned.name,
        type: planned.type,
        labelNames: planned.labelNames,
      });
    }
    return planned;
  });
}
