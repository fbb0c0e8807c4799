/**
 * @module The syntax tree of a rule expression, with each node's static type, and the table of
 * functions the language knows (argument and result types, checked at parse time).
 */
import type { CompiledMatcher } from './matchers.js';

/** The static type of an expression: PromQL's scalar, instant vector and range vector. */
export type ValueType = 'scalar' | 'vector' | 'matrix';

/** Arithmetic operators. */
export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^';
/** Comparison operators. */
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';
/** Set operators (instant vectors only). */
export type SetOp = 'and' | 'or' | 'unless';
/** Every binary operator. */
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;
/** Aggregation operators. */
export type AggregateOp = 'sum' | 'avg' | 'min' | 'max' | 'count' | 'group' | 'stddev' | 'stdvar';

/** A number such as `1`, `1e3`, `0x1f`, `Inf` or `NaN`. */
export interface NumberLiteral {
  readonly kind: 'number';
  readonly type: 'scalar';
  readonly value: number;
  readonly pos: number;
}

/** `name{label="x", …} [offset 5m]`: the latest sample of each matching series. */
export interface VectorSelector {
  readonly kind: 'selector';
  readonly type: 'vector';
  /** The metric name, from `name{…}` or `{__name__="name"}`; undefined when not fixed. */
  readonly name: string | undefined;
  /** The matchers as written, without the `__name__` equality that became `name`. */
  readonly matchers: readonly CompiledMatcher[];
  /** The matchers on labels (what SeriesSource.select takes). */
  readonly labelMatchers: readonly CompiledMatcher[];
  /** Matchers on `__name__` other than the one that fixed `name` (e.g. `__name__=~"http_.*"`). */
  readonly nameMatchers: readonly CompiledMatcher[];
  readonly offsetMs: number;
  readonly pos: number;
}

/** `selector[5m]`: every sample of each matching series in the range. Offset is on the selector. */
export interface MatrixSelector {
  readonly kind: 'matrix';
  readonly type: 'matrix';
  readonly selector: VectorSelector;
  readonly rangeMs: number;
  readonly pos: number;
}

/** `-expr`. */
export interface UnaryExpr {
  readonly kind: 'unary';
  readonly type: 'scalar' | 'vector';
  readonly op: '-';
  readonly expr: Expr;
  readonly pos: number;
}

/** How samples of two vectors are paired: `on(labels)` or `ignoring(labels)`. */
export interface VectorMatching {
  readonly on: boolean;
  readonly labels: readonly string[];
}

/** `left op [bool] [on|ignoring(…)] right`. */
export interface BinaryExpr {
  readonly kind: 'binary';
  readonly type: 'scalar' | 'vector';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly returnBool: boolean;
  /** Present when `on` or `ignoring` was written. */
  readonly matching: VectorMatching | undefined;
  readonly pos: number;
}

/** `sum by (job) (expr)` and the like. */
export interface AggregateExpr {
  readonly kind: 'aggregate';
  readonly type: 'vector';
  readonly op: AggregateOp;
  readonly expr: Expr;
  readonly grouping: readonly string[];
  readonly without: boolean;
  readonly pos: number;
}

/** `func(args…)`. */
export interface CallExpr {
  readonly kind: 'call';
  readonly type: ValueType;
  readonly func: string;
  readonly args: readonly Expr[];
  readonly pos: number;
}

/** A parsed rule expression. Immutable; parse once, evaluate many times. */
export type Expr = NumberLiteral | VectorSelector | MatrixSelector | UnaryExpr | BinaryExpr | AggregateExpr | CallExpr;

/** The argument and result types of a function. */
export interface FunctionSignature {
  readonly args: readonly ValueType[];
  readonly returns: ValueType;
}

const rangeFn: FunctionSignature = { args: ['matrix'], returns: 'vector' };
const instantFn: FunctionSignature = { args: ['vector'], returns: 'vector' };

/** Every function the language knows. */
export const FUNCTIONS: Readonly<Record<string, FunctionSignature>> = {
  rate: rangeFn,
  irate: rangeFn,
  increase: rangeFn,
  delta: rangeFn,
  idelta: rangeFn,
  deriv: rangeFn,
  changes: rangeFn,
  resets: rangeFn,
  predict_linear: { args: ['matrix', 'scalar'], returns: 'vector' },
  avg_over_time: rangeFn,
  min_over_time: rangeFn,
  max_over_time: rangeFn,
  sum_over_time: rangeFn,
  count_over_time: rangeFn,
  last_over_time: rangeFn,
  stddev_over_time: rangeFn,
  stdvar_over_time: rangeFn,
  present_over_time: rangeFn,
  quantile_over_time: { args: ['scalar', 'matrix'], returns: 'vector' },
  absent_over_time: rangeFn,
  histogram_quantile: { args: ['scalar', 'vector'], returns: 'vector' },
  absent: instantFn,
  abs: instantFn,
  ceil: instantFn,
  floor: instantFn,
  sqrt: instantFn,
  exp: instantFn,
  ln: instantFn,
  log2: instantFn,
  log10: instantFn,
  sgn: instantFn,
  clamp: { args: ['vector', 'scalar', 'scalar'], returns: 'vector' },
  clamp_min: { args: ['vector', 'scalar'], returns: 'vector' },
  clamp_max: { args: ['vector', 'scalar'], returns: 'vector' },
  time: { args: [], returns: 'scalar' },
  vector: { args: ['scalar'], returns: 'vector' },
  scalar: { args: ['vector'], returns: 'scalar' },
};

/** The aggregation operators. */
export const AGGREGATE_OPS: ReadonlySet<string> = new Set<AggregateOp>(['sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar']);

/** Binding strength of each binary operator, as in PromQL (higher binds tighter). */
export const PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  or: 1,
  and: 2,
  unless: 2,
  '==': 3,
  '!=': 3,
  '>': 3,
  '<': 3,
  '>=': 3,
  '<=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  '^': 6,
};

/** True for `== != > < >= <=`. */
export function isComparison(op: BinaryOp): op is ComparisonOp {
  return PRECEDENCE[op] === 3;
}

/** True for `and or unless`. */
export function isSetOp(op: BinaryOp): op is SetOp {
  return op === 'and' || op === 'or' || op === 'unless';
}

/** How a type is named in messages. */
export function typeName(type: ValueType): string {
  return type === 'scalar' ? 'a scalar' : type === 'vector' ? 'an instant vector' : 'a range vector';
}
