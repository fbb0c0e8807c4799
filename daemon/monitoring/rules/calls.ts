/**
 * @module Function calls: range functions over each series of a range selector, and the
 * functions of instant vectors and scalars (`absent`, `histogram_quantile`, `abs`, `clamp`…).
 */
import type { Labels } from '../types.js';
import type { CallExpr, Expr, MatrixSelector } from './ast.js';
import { RANGE_FUNCTIONS } from './functions.js';
import { histogramQuantile } from './histogram-quantile.js';
import { type EvalContext, rangeOf, scanRange } from './selection.js';
import { numberKey, selectorKey, shared } from './shared-results.js';
import { type EvalResult, type Sample, sample, unnamed } from './values.js';

/** Evaluates an argument (the evaluator's own recursion, passed in to keep the modules acyclic). */
export type EvalArg = (expr: Expr) => EvalResult;

const MATH: Readonly<Record<string, (x: number) => number>> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  sqrt: Math.sqrt,
  exp: Math.exp,
  ln: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  sgn: Math.sign,
};

function vectorOf(value: EvalResult): Sample[] {
  return value.kind === 'vector' ? value.samples : [unnamed({}, value.value)];
}

function scalarOf(value: EvalResult): number {
  return value.kind === 'scalar' ? value.value : NaN;
}

function mapValues(samples: readonly Sample[], f: (x: number) => number): Sample[] {
  const out: Sample[] = new Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] as Sample;
    out[i] = unnamed(s.labels, f(s.value));
  }
  return out;
}

/**
 * The labels `absent()` reports: those fixed by equality matchers of the selector, except labels
 * that also appear in another matcher (their value would be a guess), as PromQL does.
 */
export function absentLabels(arg: Expr): Labels {
  const sel = arg.kind === 'matrix' ? arg.selector : arg.kind === 'selector' ? arg : undefined;
  if (sel === undefined) return {};
  const out: Record<string, string> = {};
  const ambiguous = new Set<string>();
  for (const m of sel.labelMatchers) {
    if (m.op === '=' && !Object.hasOwn(out, m.name)) {
      // An empty value means "label absent", so there is nothing to report for it.
      if (m.value !== '') out[m.name] = m.value;
    } else {
      ambiguous.add(m.name);
    }
  }
  for (const name of ambiguous) delete out[name];
  return out;
}

function rangeCall(node: CallExpr, ctx: EvalContext, evalArg: EvalArg): Sample[] {
  const matrixIndex = node.func === 'quantile_over_time' ? 1 : 0;
  const matrix = node.args[matrixIndex] as MatrixSelector;
  const out: Sample[] = [];
  if (node.func === 'absent_over_time') {
    let any = false;
    scanRange(matrix, ctx, rangeOf(matrix, ctx), () => (any = true));
    return any ? out : [unnamed(absentLabels(matrix), 1)];
  }
  const paramArg = node.func === 'quantile_over_time' ? node.args[0] : node.func === 'predict_linear' ? node.args[1] : undefined;
  const param = paramArg === undefined ? 0 : scalarOf(evalArg(paramArg));
  const fn = RANGE_FUNCTIONS[node.func];
  if (fn === undefined) throw new Error(`no implementation for ${node.func}()`);
  // last_over_time returns a stored value unchanged, so like PromQL it keeps the metric name.
  const keepName = node.func === 'last_over_time';
  const apply = (): Sample[] => {
    const range = rangeOf(matrix, ctx);
    scanRange(matrix, ctx, range, (w) => {
      const v = fn(w, range, param);
      if (v !== undefined) out.push(keepName ? sample(w.labels, v, w.name) : unnamed(w.labels, v));
    });
    return out;
  };
  if (ctx.shared === undefined) return apply();
  const sel = matrix.selector;
  const key = `r\u0000${node.func}\u0000${numberKey(param)}\u0000${numberKey(matrix.rangeMs)}\u0000${numberKey(sel.offsetMs)}${selectorKey(sel)}`;
  return shared(ctx.shared, key, apply);
}

/** Evaluates a function call. The parser has already checked the argument count and types. */
export function evalCall(node: CallExpr, ctx: EvalContext, evalArg: EvalArg): EvalResult {
  const { func, args } = node;
  if (node.args.some((a) => a.kind === 'matrix')) return { kind: 'vector', samples: rangeCall(node, ctx, evalArg) };
  const arg = (i: number): EvalResult => evalArg(args[i] as Expr);
  const math = MATH[func];
  if (math !== undefined) return { kind: 'vector', samples: mapValues(vectorOf(arg(0)), math) };
  switch (func) {
    case 'time':
      return { kind: 'scalar', value: ctx.atMs / 1000 };
    case 'vector':
      return { kind: 'vector', samples: [unnamed({}, scalarOf(arg(0)))] };
    case 'scalar': {
      const v = vectorOf(arg(0));
      return { kind: 'scalar', value: v.length === 1 ? (v[0] as Sample).value : NaN };
    }
    case 'absent': {
      const v = vectorOf(arg(0));
      return { kind: 'vector', samples: v.length > 0 ? [] : [unnamed(absentLabels(args[0] as Expr), 1)] };
    }
    case 'histogram_quantile':
      return { kind: 'vector', samples: histogramQuantile(scalarOf(arg(0)), vectorOf(arg(1))) };
    case 'clamp_min': {
      const min = scalarOf(arg(1));
      return { kind: 'vector', samples: mapValues(vectorOf(arg(0)), (x) => Math.max(x, min)) };
    }
    case 'clamp_max': {
      const max = scalarOf(arg(1));
      return { kind: 'vector', samples: mapValues(vectorOf(arg(0)), (x) => Math.min(x, max)) };
    }
    case 'clamp': {
      const min = scalarOf(arg(1));
      const max = scalarOf(arg(2));
      // PromQL returns an empty vector when the bounds are crossed.
      if (max < min) return { kind: 'vector', samples: [] };
      return { kind: 'vector', samples: mapValues(vectorOf(arg(0)), (x) => Math.max(min, Math.min(max, x))) };
    }
    default:
      throw new Error(`no implementation for ${func}()`);
  }
}
