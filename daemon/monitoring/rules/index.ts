/**
 * @module The alert-rule expression language (a PromQL subset): parse once, evaluate every tick.
 */
export type {
  AggregateExpr,
  AggregateOp,
  BinaryExpr,
  BinaryOp,
  CallExpr,
  Expr,
  MatrixSelector,
  NumberLiteral,
  UnaryExpr,
  ValueType,
  VectorMatching,
  VectorSelector,
} from './ast.js';
export { FUNCTIONS } from './ast.js';
export { EvaluationError } from './binary.js';
export { DEFAULT_LOOKBACK_MS, evaluate, type EvaluateOptions } from './evaluator.js';
export type { CompiledMatcher } from './matchers.js';
export { expandSeriesValues, MemorySeriesSource, type MemorySourceOptions, type SeriesValue } from './memory-source.js';
export { parseExpression } from './parser.js';
export { formatDuration, formatExpression, formatLabels } from './printer.js';
export { isStaleMarker, writeStaleMarker } from './staleness.js';
export type { EvalResult, Sample, ScalarValue, VectorValue } from './values.js';
