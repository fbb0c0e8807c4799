/**
 * @module Prometheus naming rules for metric and label names, and the messages for breaking them.
 *
 * Everything here runs when a metric is declared, never on the hot path.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';
import type { MetricType } from '../types.js';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The label each type keeps for itself: it carries the bucket bound or the quantile. */
const RESERVED: Partial<Record<MetricType, { label: string; why: string }>> = {
  histogram: { label: 'le', why: 'bucket bounds' },
  summary: { label: 'quantile', why: 'quantiles' },
};

/** The four type names, for checking input that comes from outside. */
export const METRIC_TYPES: readonly MetricType[] = ['counter', 'gauge', 'histogram', 'summary'];

/** True when `value` is one of the four metric types. */
export function isMetricType(value: unknown): value is MetricType {
  return typeof value === 'string' && (METRIC_TYPES as readonly string[]).includes(value);
}

/** Throws unless `name` is a valid Prometheus metric name. */
export function checkMetricName(name: unknown): asserts name is string {
  if (typeof name !== 'string') {
    throw new InvalidInputError(`a metric name must be a string, got ${describe(name)}`, 'name');
  }
  if (!METRIC_NAME.test(name)) {
    throw new InvalidInputError(
      `metric name '${name}' is invalid; metric names match [a-zA-Z_:][a-zA-Z0-9_:]*`,
      'name',
    );
  }
}

/**
 * Throws unless every label name is valid for a metric of `type`: the Prometheus pattern, no
 * leading `__` (Prometheus keeps those for itself), no duplicate, not the type's reserved label.
 */
export function checkLabelNames(
  type: MetricType,
  name: string,
  labelNames: unknown,
): asserts labelNames is readonly string[] {
  if (!Array.isArray(labelNames)) {
    throw new InvalidInputError(
      `${type} ${name}: labelNames must be an array of strings`,
      'labelNames',
    );
  }
  const seen = new Set<string>();
  const reserved = RESERVED[type];
  for (const label of labelNames as unknown[]) {
    if (typeof label !== 'string') {
      throw new InvalidInputError(
        `${type} ${name}: a label name must be a string, got ${describe(label)}`,
        'labelNames',
      );
    }
    if (!LABEL_NAME.test(label)) {
      throw new InvalidInputError(
        `${type} ${name}: label name '${label}' is invalid; label names match [a-zA-Z_][a-zA-Z0-9_]*`,
        'labelNames',
      );
    }
    if (label.startsWith('__')) {
      throw new InvalidInputError(
        `${type} ${name}: label name '${label}' is reserved; names starting with __ are internal to Prometheus`,
        'labelNames',
      );
    }
    if (reserved !== undefined && label === reserved.label) {
      throw new InvalidInputError(
        `${type} ${name}: label name '${label}' is reserved for the ${reserved.why}`,
        'labelNames',
      );
    }
    if (seen.has(label)) {
      throw new InvalidInputError(
        `${type} ${name}: label '${label}' is declared twice`,
        'labelNames',
      );
    }
    seen.add(label);
  }
}

/** Throws unless `help` is a string (empty is allowed: the HELP line is then left out). */
export function checkHelp(type: MetricType, name: string, help: unknown): asserts help is string {
  if (typeof help !== 'string') {
    throw new InvalidInputError(
      `${type} ${name}: help must be a string, got ${describe(help)}`,
      'help',
    );
  }
}

/** A label list for messages: `method, status`, or `none`. */
export function listLabels(labelNames: readonly string[]): string {
  return labelNames.length === 0 ? 'none' : labelNames.join(', ');
}

/**
 * The message for a label set that does not fit the declared labels. Checked in a fixed order,
 * an undeclared label first (usually a typo, the more useful hint), then a missing one, then a
 * value of the wrong type.
 */
export function labelSetProblem(
  name: string,
  labelNames: readonly string[],
  labels: unknown,
): string {
  const declared = listLabels(labelNames);
  if (labels !== undefined && labels !== null && typeof labels !== 'object') {
    return `metric ${name}: labels must be an object, got ${describe(labels)}`;
  }
  const given = (labels ?? {}) as Record<string, unknown>;
  for (const key in given) {
    if (!labelNames.includes(key))
      return `metric ${name} has no label '${key}'; declared: ${declared}`;
  }
  for (const label of labelNames) {
    if (given[label] === undefined)
      return `metric ${name} is missing label '${label}'; declared: ${declared}`;
  }
  for (const label of labelNames) {
    const value = given[label];
    if (typeof value !== 'string' && typeof value !== 'number') {
      return `metric ${name}: label '${label}' must be a string or a number, got ${describe(value)}`;
    }
  }
  return `metric ${name}: labels do not fit; declared: ${declared}`;
}

/** A short description of a value for messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return typeof value;
}
