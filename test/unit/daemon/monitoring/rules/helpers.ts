// Shared by the rule-language tests: promtool-style evaluation at a time written as a duration,
// and float comparison with a tolerance.
import assert from 'node:assert/strict';
import { parseDuration } from '../../../../../src/protocol/duration.js';
import { evaluate, type EvaluateOptions } from '../../../../../daemon/monitoring/rules/evaluator.js';
import { parseExpression } from '../../../../../daemon/monitoring/rules/parser.js';
import { formatLabels } from '../../../../../daemon/monitoring/rules/printer.js';
import type { EvalResult } from '../../../../../daemon/monitoring/rules/values.js';
import type { SeriesSource } from '../../../../../daemon/monitoring/types.js';

/** `'5m'` → 300000. */
export function ms(text: string): number {
  const value = parseDuration(text);
  if (typeof value === 'string') throw new Error(value);
  return value;
}

/** True when `a` and `b` agree within a relative (or, near zero, absolute) tolerance; NaN equals NaN. */
export function close(a: number, b: number, tolerance = 1e-9): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Asserts `actual` is `expected` within the tolerance. */
export function assertClose(actual: number, expected: number, tolerance = 1e-9): void {
  assert.ok(close(actual, expected, tolerance), `expected ${expected}, got ${actual}`);
}

/** Parses and evaluates `expr` at the time `at` (a duration after the epoch, like promtool's eval_time). */
export function query(source: SeriesSource, expr: string, at: string, options?: EvaluateOptions): EvalResult {
  return evaluate(parseExpression(expr), source, ms(at), options);
}

/**
 * Asserts a vector result, promtool style: `expected` maps `name{a="x", b="y"}` (or `{a="x"}` when
 * the name was dropped) to the value.
 */
export function assertVector(result: EvalResult, expected: Record<string, number>, tolerance = 1e-9): void {
  assert.equal(result.kind, 'vector');
  if (result.kind !== 'vector') return;
  const actual = new Map(result.samples.map((s) => [formatLabels(s.labels, s.name), s.value]));
  assert.equal(actual.size, result.samples.length, 'a label set appears twice in the result');
  assert.deepEqual([...actual.keys()].sort(), Object.keys(expected).sort());
  for (const [key, value] of Object.entries(expected)) {
    assert.ok(close(actual.get(key) as number, value, tolerance), `${key}: expected ${value}, got ${actual.get(key)}`);
  }
}

/** Asserts a scalar result. */
export function assertScalar(result: EvalResult, expected: number, tolerance = 1e-9): void {
  assert.equal(result.kind, 'scalar');
  if (result.kind === 'scalar') assertClose(result.value, expected, tolerance);
}
