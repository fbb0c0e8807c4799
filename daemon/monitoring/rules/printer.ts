/**
 * @module Printing: a syntax tree back to normalized text (canonical spacing, parentheses only
 * where precedence needs them), and label sets in PromQL's `name{a="x"}` form.
 */
import type { Labels } from '../types.js';
import { type Expr, PRECEDENCE, type VectorSelector } from './ast.js';
import type { CompiledMatcher } from './matchers.js';

// Between `* / %` (5) and `^` (6): `-a * b` is `(-a) * b` but `-a ^ b` is `-(a ^ b)`.
const UNARY_PREC = 5.5;
const ATOM_PREC = 10;
const durationUnits: ReadonlyArray<readonly [string, number]> = [
  ['y', 365 * 86_400_000],
  ['w', 604_800_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

/** Normalized text of `expr`; parsing it again gives an equivalent tree. */
export function formatExpression(expr: Expr): string {
  switch (expr.kind) {
    case 'number':
      return formatNumber(expr.value);
    case 'selector':
      return formatSelector(expr);
    case 'matrix': {
      const offset = expr.selector.offsetMs === 0 ? '' : ` offset ${formatSignedDuration(expr.selector.offsetMs)}`;
      return `${formatSelector({ ...expr.selector, offsetMs: 0 })}[${formatDuration(expr.rangeMs)}]${offset}`;
    }
    case 'unary': {
      const inner = formatExpression(expr.expr);
      return `-${precedenceOf(expr.expr) < PRECEDENCE['^'] ? `(${inner})` : inner}`;
    }
    case 'binary': {
      const prec = PRECEDENCE[expr.op];
      const rightAssoc = expr.op === '^';
      let left = formatExpression(expr.left);
      if (precedenceOf(expr.left) < (rightAssoc ? prec + 1 : prec)) left = `(${left})`;
      let right = formatExpression(expr.right);
      // A unary minus on the right needs no parentheses: the parser reads it as a prefix anywhere.
      const rightPrec = expr.right.kind === 'unary' ? ATOM_PREC : precedenceOf(expr.right);
      if (rightPrec < (rightAssoc ? prec : prec + 1)) right = `(${right})`;
      let op: string = expr.op;
      if (expr.returnBool) op += ' bool';
      if (expr.matching !== undefined) op += ` ${expr.matching.on ? 'on' : 'ignoring'}(${expr.matching.labels.join(', ')})`;
      return `${left} ${op} ${right}`;
    }
    case 'aggregate': {
      const grouping =
        expr.grouping.length > 0 || expr.without ? ` ${expr.without ? 'without' : 'by'} (${expr.grouping.join(', ')})` : '';
      return `${expr.op}${grouping} (${formatExpression(expr.expr)})`;
    }
    case 'call':
      return `${expr.func}(${expr.args.map(formatExpression).join(', ')})`;
  }
}

function precedenceOf(expr: Expr): number {
  if (expr.kind === 'binary') return PRECEDENCE[expr.op];
  if (expr.kind === 'unary') return UNARY_PREC;
  return ATOM_PREC;
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function formatSelector(sel: VectorSelector): string {
  const matchers = sel.matchers.map(formatMatcher);
  let text = sel.name ?? '';
  if (matchers.length > 0 || sel.name === undefined) text += `{${matchers.join(', ')}}`;
  if (sel.offsetMs !== 0) text += ` offset ${formatSignedDuration(sel.offsetMs)}`;
  return text;
}

function formatMatcher(m: CompiledMatcher): string {
  return `${m.name}${m.op}${JSON.stringify(m.value)}`;
}

/** `5400000` → `1h30m`: the exact duration in PromQL's notation. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of durationUnits) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}

function formatSignedDuration(ms: number): string {
  return ms < 0 ? `-${formatDuration(-ms)}` : formatDuration(ms);
}

/** `name{a="x", b="y"}` with labels sorted by name; `{}` for an empty set without a name. */
export function formatLabels(labels: Labels, name?: string): string {
  const keys = Object.keys(labels).sort();
  const body = keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ');
  if (name !== undefined && keys.length === 0) return name;
  return `${name ?? ''}{${body}}`;
}
