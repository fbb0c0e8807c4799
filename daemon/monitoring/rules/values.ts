/**
 * @module The values an expression evaluates to, and label-set helpers shared by the operators.
 */
import type { Labels } from '../types.js';

/** One element of an instant vector. `name` is the metric name, dropped by most operations. */
export interface Sample {
  readonly labels: Labels;
  readonly value: number;
  readonly name?: string;
}

/** An instant vector: at most one sample per label set. */
export interface VectorValue {
  readonly kind: 'vector';
  readonly samples: Sample[];
}

/** A single number. */
export interface ScalarValue {
  readonly kind: 'scalar';
  readonly value: number;
}

/** What `evaluate` returns. */
export type EvalResult = VectorValue | ScalarValue;

/** A sample without its metric name. */
export function unnamed(labels: Labels, value: number): Sample {
  return { labels, value };
}

/** A sample keeping `name` when there is one (so the key is absent rather than undefined). */
export function sample(labels: Labels, value: number, name: string | undefined): Sample {
  return name === undefined ? { labels, value } : { labels, value, name };
}

const SEP = '\xff';

// Label sets come from the store and are reused tick after tick; remember their signatures.
const signatures = new WeakMap<Labels, string>();

/** A string identifying the whole label set (order-independent). */
export function signature(labels: Labels): string {
  let sig = signatures.get(labels);
  if (sig === undefined) {
    sig = computeSignature(labels);
    signatures.set(labels, sig);
  }
  return sig;
}

function computeSignature(labels: Labels): string {
  const keys = Object.keys(labels);
  if (keys.length > 1) keys.sort();
  let out = '';
  for (const k of keys) out += k + SEP + labels[k] + SEP;
  return out;
}

/** A string identifying the values of `names` only (missing labels count as empty). */
export function signatureOn(labels: Labels, names: readonly string[]): string {
  let out = '';
  for (const k of names) out += (labels[k] ?? '') + SEP;
  return out;
}

/** A string identifying the label set without `names`. */
export function signatureWithout(labels: Labels, names: ReadonlySet<string>): string {
  const keys = Object.keys(labels).filter((k) => !names.has(k));
  keys.sort();
  let out = '';
  for (const k of keys) out += k + SEP + labels[k] + SEP;
  return out;
}

/** The labels among `names` that are present in `labels`. */
export function keepLabels(labels: Labels, names: readonly string[]): Labels {
  const out: Record<string, string> = {};
  for (const k of names) {
    const v = labels[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** `labels` without `names`; the same object when none of them is present. */
export function dropLabels(labels: Labels, names: ReadonlySet<string>): Labels {
  let present = false;
  for (const k of names) if (labels[k] !== undefined) present = true;
  if (!present) return labels;
  const out: Record<string, string> = {};
  for (const k of Object.keys(labels)) if (!names.has(k)) out[k] = labels[k] as string;
  return out;
}
