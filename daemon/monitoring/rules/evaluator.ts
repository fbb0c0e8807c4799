/**
 * @module The evaluator: a parsed expression, a SeriesSource and a time → an instant vector or a
 * scalar, with PromQL's semantics (lookback and staleness, name dropping, vector matching).
 */
import type { SeriesSource } from '../types.js';
import type { Expr } from './ast.js';
import { applyScalar, EvaluationError, vectorScalar, vectorVector } from './binary.js';
import { aggregate } from './aggregations.js';
import { evalCall } from './calls.js';
import { type EvalContext, selectInstant } from './selection.js';
import { sharedResults } from './shared-results.js';
import type { EvalResult, Sample } from './values.js';
import { unnamed } from './values.js';

/** Evaluation settings. */
export interface EvaluateOptions {
  /** How far back an instant selector looks for the latest sample; default 5 minutes. */
  lookbackMs?: number;
  /**
   * Share selector results with other evaluations at the same time over the same data, when the
   * source has a `version` (see shared-results.ts); default true. The results are the same
   * either way.
   */
  shareResults?: boolean;
}

/** PromQL's default lookback delta. */
export const DEFAULT_LOOKBACK_MS = 5 * 60_000;

/**
 * Evaluates `expr` (from parseExpression) at `atMs` (ms since the epoch) against `source`.
 * Throws EvaluationError (code INVALID_INPUT) when the data make the expression ambiguous, such
 * as duplicate series on the "one" side of a vector match.
 */
export function evaluate(expr: Expr, source: SeriesSource, atMs: number, options: EvaluateOptions = {}): EvalResult {
  const shared = options.shareResults === false ? undefined : sharedResults(source, atMs);
  const ctx: EvalContext = { source, atMs, lookbackMs: options.lookbackMs ?? DEFAULT_LOOKBACK_MS, shared };
  return evalExpr(expr, ctx);
}

function evalExpr(expr: Expr, ctx: EvalContext): EvalResult {
  switch (expr.kind) {
    case 'number':
      return { kind: 'scalar', value: expr.value };
    case 'selector':
      return { kind: 'vector', samples: selectInstant(expr, ctx) };
    case 'matrix':
      // The parser only lets a range selector appear as a function argument.
      throw new EvaluationError('a range vector cannot be the result of an expression');
    case 'unary': {
      const v = evalExpr(expr.expr, ctx);
      if (v.kind === 'scalar') return { kind: 'scalar', value: -v.value };
      return { kind: 'vector', samples: v.samples.map((s: Sample) => unnamed(s.labels, -s.value)) };
    }
    case 'binary': {
      const l = evalExpr(expr.left, ctx);
      // Short cuts: `and` and `unless` with an empty left side need not read the right side.
      if (l.kind === 'vector' && l.samples.length === 0 && (expr.op === 'and' || expr.op === 'unless')) return l;
      const r = evalExpr(expr.right, ctx);
      if (l.kind === 'scalar') {
        if (r.kind === 'scalar') return { kind: 'scalar', value: applyScalar(expr.op, l.value, r.value) };
        return { kind: 'vector', samples: vectorScalar(expr, r.samples, l.value, true) };
      }
      if (r.kind === 'scalar') return { kind: 'vector', samples: vectorScalar(expr, l.samples, r.value, false) };
      return { kind: 'vector', samples: vectorVector(expr, l.samples, r.samples) };
    }
    case 'aggregate': {
      const v = evalExpr(expr.expr, ctx);
      return { kind: 'vector', samples: v.kind === 'vector' ? aggregate(expr, v.samples) : [] };
    }
    case 'call':
      return evalCall(expr, ctx, (arg) => evalExpr(arg, ctx));
  }
}
