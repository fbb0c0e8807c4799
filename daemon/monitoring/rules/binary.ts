/**
 * @module Binary operators: arithmetic and comparisons between scalars and vectors, set operators,
 * and one-to-one vector matching with `on(…)` / `ignoring(…)`.
 */
import { AppError } from '../../../src/protocol/errors.js';
import type { Labels } from '../types.js';
import { type BinaryExpr, type BinaryOp, isComparison, type VectorMatching } from './ast.js';
import { formatLabels } from './printer.js';
import { dropLabels, keepLabels, type Sample, sample, signature, signatureOn, signatureWithout, unnamed } from './values.js';

/** The data made a valid expression impossible to evaluate (e.g. many-to-many matching). */
export class EvaluationError extends AppError {
  constructor(message: string) {
    super('INVALID_INPUT', message);
  }
}

/** Applies an arithmetic operator, or a comparison giving 1/0. */
export function applyScalar(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '%':
      return l % r;
    case '^':
      return pow(l, r);
    case '==':
      return l === r ? 1 : 0;
    case '!=':
      return l !== r ? 1 : 0;
    case '>':
      return l > r ? 1 : 0;
    case '<':
      return l < r ? 1 : 0;
    case '>=':
      return l >= r ? 1 : 0;
    case '<=':
      return l <= r ? 1 : 0;
    default:
      throw new EvaluationError(`operator '${op}' is not defined between scalars`);
  }
}

// Go's math.Pow, which PromQL uses, differs from `**` on a few edges: 1^NaN and (-1)^±Inf are 1.
function pow(l: number, r: number): number {
  if (l === 1 || (l === -1 && (r === Infinity || r === -Infinity))) return 1;
  return l ** r;
}

/** `vector op scalar` (or `scalar op vector` when `scalarLeft`). */
export function vectorScalar(node: BinaryExpr, vector: readonly Sample[], scalar: number, scalarLeft: boolean): Sample[] {
  const { op } = node;
  const out: Sample[] = [];
  const comparison = isComparison(op);
  for (const s of vector) {
    const v = scalarLeft ? applyScalar(op, scalar, s.value) : applyScalar(op, s.value, scalar);
    if (!comparison) out.push(unnamed(s.labels, v));
    else if (node.returnBool) out.push(unnamed(s.labels, v));
    // A filtering comparison keeps the vector's own sample, name included, whichever side it is on.
    else if (v === 1) out.push(s);
  }
  return out;
}

type SignatureFn = (labels: Labels) => string;

function signatureFn(matching: VectorMatching | undefined): SignatureFn {
  if (matching === undefined) return signature;
  if (matching.on) return (labels) => signatureOn(labels, matching.labels);
  const ignored = new Set(matching.labels);
  return (labels) => signatureWithout(labels, ignored);
}

/** `vector op vector`: set operators, or one-to-one matching for the others. */
export function vectorVector(node: BinaryExpr, lhs: readonly Sample[], rhs: readonly Sample[]): Sample[] {
  const sig = signatureFn(node.matching);
  switch (node.op) {
    case 'and': {
      const right = new Set(rhs.map((s) => sig(s.labels)));
      return lhs.filter((s) => right.has(sig(s.labels)));
    }
    case 'unless': {
      const right = new Set(rhs.map((s) => sig(s.labels)));
      return lhs.filter((s) => !right.has(sig(s.labels)));
    }
    case 'or': {
      const left = new Set(lhs.map((s) => sig(s.labels)));
      return [...lhs, ...rhs.filter((s) => !left.has(sig(s.labels)))];
    }
    default:
      return oneToOne(node, lhs, rhs, sig);
  }
}

function oneToOne(node: BinaryExpr, lhs: readonly Sample[], rhs: readonly Sample[], sig: SignatureFn): Sample[] {
  const { op, matching, returnBool } = node;
  const right = new Map<string, Sample>();
  for (const rs of rhs) {
    const key = sig(rs.labels);
    const dup = right.get(key);
    if (dup !== undefined) {
      throw new EvaluationError(
        `found duplicate series for the match group on the right hand-side of the operation: ` +
          `[${formatLabels(rs.labels, rs.name)}, ${formatLabels(dup.labels, dup.name)}]; ` +
          'many-to-many matching not allowed: matching labels must be unique on one side',
      );
    }
    right.set(key, rs);
  }
  const comparison = isComparison(op);
  const ignored = matching !== undefined && !matching.on ? new Set(matching.labels) : undefined;
  const matched = new Set<string>();
  const out: Sample[] = [];
  for (const ls of lhs) {
    const key = sig(ls.labels);
    const rs = right.get(key);
    if (rs === undefined) continue;
    const v = applyScalar(op, ls.value, rs.value);
    if (comparison && !returnBool && v !== 1) continue;
    if (matched.has(key)) {
      throw new EvaluationError('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
    }
    matched.add(key);
    // Like PromQL: `on` keeps only the matching labels; `ignoring` drops the ignored ones.
    let labels = ls.labels;
    if (matching?.on) labels = keepLabels(labels, matching.labels);
    else if (ignored !== undefined) labels = dropLabels(labels, ignored);
    const keepName = comparison && !returnBool && !matching?.on;
    out.push(sample(labels, comparison && !returnBool ? ls.value : v, keepName ? ls.name : undefined));
  }
  return out;
}
