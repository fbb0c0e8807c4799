/**
 * @module Option-value parsers for numbers and `key=value` pairs: each throws
 * InvalidArgumentError with a message that names what is wrong (commander adds the option).
 */
import { InvalidArgumentError } from 'commander';

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const CONTROL = /[\x00-\x1f\x7f]/;

/** A label or annotation value's length limit (the protocol's). */
export const MAX_LABEL_VALUE = 1000;

/** One sample of `--push <name>=<value>`. */
export interface PushSample {
  name: string;
  value: number;
}

/** A finite decimal number, like `42`, `-1.5`, `.5` or `2e6` (no hex, no `Infinity`). */
export function finiteNumber(text: string): number {
  if (!NUMBER.test(text)) throw new InvalidArgumentError(`'${text}' is not a number; write it like 42, -1.5 or 2e6`);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new InvalidArgumentError(`'${text}' is too large to be a finite number`);
  return value;
}

/** Splits `key=value` at the first `=`; throws when there is none. */
function split(text: string, example: string): [string, string] {
  const at = text.indexOf('=');
  if (at === -1) throw new InvalidArgumentError(`'${text}' has no '=': write it like ${example}`);
  return [text.slice(0, at), text.slice(at + 1)];
}

/**
 * `--label k=v` and `--annotation k=v`, repeatable: collects the pairs into one map. A name must
 * be a Prometheus label name (not reserved: no leading `__`) and may be given once; the value may be empty.
 */
export function labelPair(text: string, previous: Record<string, string> | undefined): Record<string, string> {
  const [name, value] = split(text, 'env=prod');
  if (name === '') throw new InvalidArgumentError(`'${text}' has no name before '='`);
  if (!LABEL_NAME.test(name) || name.startsWith('__')) {
    throw new InvalidArgumentError(`'${name}' is not a valid name: use letters, digits and '_', not starting with a digit or '__'`);
  }
  if (value.length > MAX_LABEL_VALUE) {
    throw new InvalidArgumentError(`the value of '${name}' is ${value.length} characters long; at most ${MAX_LABEL_VALUE} are allowed`);
  }
  if (CONTROL.test(value)) throw new InvalidArgumentError(`the value of '${name}' must not contain control characters`);
  if (previous !== undefined && Object.hasOwn(previous, name)) throw new InvalidArgumentError(`'${name}' is given more than once`);
  return { ...previous, [name]: value };
}

/** `--push <name>=<value>`, repeatable: collects the samples in order. */
export function samplePair(text: string, previous: PushSample[] | undefined): PushSample[] {
  const [name, valueText] = split(text, 'queue_depth=42');
  if (name === '') throw new InvalidArgumentError(`'${text}' has no metric name before '='`);
  if (!METRIC_NAME.test(name)) {
    throw new InvalidArgumentError(`'${name}' is not a valid metric name: use letters, digits, '_' and ':', not starting with a digit`);
  }
  if (valueText === '') throw new InvalidArgumentError(`'${text}' has no value after '='`);
  if (!NUMBER.test(valueText)) throw new InvalidArgumentError(`the value '${valueText}' is not a number; write it like ${name}=42`);
  const value = Number(valueText);
  if (!Number.isFinite(value)) throw new InvalidArgumentError(`the value '${valueText}' is too large to be a finite number`);
  return [...(previous ?? []), { name, value }];
}

/** `--expect-status 200` or `200,204`: whole numbers, checked against the check type later. */
export function codeList(text: string): number[] {
  if (!/^\d{1,3}(?:,\d{1,3})*$/.test(text)) {
    throw new InvalidArgumentError(`'${text}' is not a code: write one like 200, or several like 200,204`);
  }
  return text.split(',').map(Number);
}
