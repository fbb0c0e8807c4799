/**
 * @module Aggregation operators (`sum`, `avg`, `min`, `max`, `count`, `group`, `stddev`,
 * `stdvar`) over the groups that `by (…)` or `without (…)` define. The metric name is dropped.
 */
import type { Labels } from '../types.js';
import type { AggregateExpr, AggregateOp } from './ast.js';
import { KahanSum } from './kahan.js';
import { dropLabels, keepLabels, type Sample, signatureOn, signatureWithout, unnamed } from './values.js';

interface Group {
  readonly labels: Labels;
  count: number;
  sum: KahanSum;
  min: number;
  max: number;
  mean: number;
  m2: number;
}

// Grouping sets are tiny and fixed per expression; cache the Set built from a `without` list.
const withoutSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function withoutSet(grouping: readonly string[]): ReadonlySet<string> {
  let set = withoutSets.get(grouping);
  if (set === undefined) {
    set = new Set(grouping);
    withoutSets.set(grouping, set);
  }
  return set;
}

/** Applies the aggregation `node` to `samples`. Groups come out in order of first appearance. */
export function aggregate(node: AggregateExpr, samples: readonly Sample[]): Sample[] {
  const groups = new Map<string, Group>();
  const excluded = node.without ? withoutSet(node.grouping) : undefined;
  // `by (one_label)`, the commonest grouping: the label's value is key enough (and, being the
  // store's own string, already hashed).
  const only = excluded === undefined && node.grouping.length === 1 ? (node.grouping[0] as string) : undefined;
  for (const s of samples) {
    let key: string;
    if (excluded !== undefined) key = signatureWithout(s.labels, excluded);
    else if (only !== undefined) key = s.labels[only] ?? '';
    else if (node.grouping.length === 0) key = '';
    else key = signatureOn(s.labels, node.grouping);
    let g = groups.get(key);
    if (g === undefined) {
      const labels = excluded !== undefined ? dropLabels(s.labels, excluded) : keepLabels(s.labels, node.grouping);
      g = { labels, count: 0, sum: new KahanSum(), min: NaN, max: NaN, mean: 0, m2: 0 };
      groups.set(key, g);
    }
    accumulate(node.op, g, s.value);
  }
  const out: Sample[] = [];
  for (const g of groups.values()) out.push(unnamed(g.labels, result(node.op, g)));
  return out;
}

function accumulate(op: AggregateOp, g: Group, x: number): void {
  g.count++;
  switch (op) {
    case 'sum':
    case 'avg':
      g.sum.add(x);
      break;
    case 'min':
      // A NaN only survives when every value is NaN, as in PromQL.
      if (x < g.min || Number.isNaN(g.min)) g.min = x;
      break;
    case 'max':
      if (x > g.max || Number.isNaN(g.max)) g.max = x;
      break;
    case 'stddev':
    case 'stdvar': {
      const delta = x - g.mean;
      g.mean += delta / g.count;
      g.m2 += delta * (x - g.mean);
      break;
    }
    case 'count':
    case 'group':
      break;
  }
}

function result(op: AggregateOp, g: Group): number {
  switch (op) {
    case 'sum':
      return g.sum.value;
    case 'avg':
      return g.sum.value / g.count;
    case 'min':
      return g.min;
    case 'max':
      return g.max;
    case 'count':
      return g.count;
    case 'group':
      return 1;
    case 'stdvar':
      return g.m2 / g.count;
    case 'stddev':
      return Math.sqrt(g.m2 / g.count);
  }
}

