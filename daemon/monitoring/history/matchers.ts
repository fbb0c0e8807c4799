/**
 * @module PromQL label matchers: `=`, `!=`, `=~`, `!~`.
 *
 * As in Prometheus, a missing label reads as the empty string (so `job=""` selects series without
 * `job`), regexes are anchored to the whole value and `.` also matches a newline.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';
import type { LabelMatcher, Labels } from '../types.js';
import { compileRegex } from '../regex.js';

/** True when a series (metric name and labels) satisfies every matcher. */
export type SeriesPredicate = (name: string, labels: Labels) => boolean;

/** Longer patterns are refused: matchers come from user-written rules and JS regexes can backtrack. */
export const MAX_REGEX_LENGTH = 1024;

/** Compiled regexes, reused across evaluations because rules run the same selectors every cycle. */
const regexCache = new Map<string, RegExp>();
const REGEX_CACHE_SIZE = 512;

/** The anchored regex for a matcher value. @throws InvalidInputError when it does not compile. */
export function anchoredRegex(source: string): RegExp {
  let re = regexCache.get(source);
  if (re !== undefined) return re;
  if (source.length > MAX_REGEX_LENGTH) {
    throw new InvalidInputError(
      `regex matcher longer than ${MAX_REGEX_LENGTH} characters`,
      'matchers',
    );
  }
  try {
    re = compileRegex(source);
  } catch (error) {
    throw new InvalidInputError(
      `invalid regex in matcher: ${(error as Error).message}`,
      'matchers',
    );
  }
  if (regexCache.size >= REGEX_CACHE_SIZE)
    regexCache.delete(regexCache.keys().next().value as string);
  regexCache.set(source, re);
  return re;
}

function labelValue(name: string, labels: Labels, label: string): string {
  if (label === '__name__') return name;
  return Object.hasOwn(labels, label) ? (labels[label] as string) : '';
}

/** Compiles matchers once for many series. @throws InvalidInputError on an unknown op or bad regex. */
export function compileMatchers(matchers: readonly LabelMatcher[]): SeriesPredicate {
  const tests = matchers.map(({ name: label, op, value }): SeriesPredicate => {
    if (typeof label !== 'string' || typeof value !== 'string') {
      throw new InvalidInputError('a label matcher needs a string name and value', 'matchers');
    }
    switch (op) {
      case '=':
        return (name, labels) => labelValue(name, labels, label) === value;
      case '!=':
        return (name, labels) => labelValue(name, labels, label) !== value;
      case '=~': {
        const re = anchoredRegex(value);
        return (name, labels) => re.test(labelValue(name, labels, label));
      }
      case '!~': {
        const re = anchoredRegex(value);
        return (name, labels) => !re.test(labelValue(name, labels, label));
      }
      default:
        throw new InvalidInputError(`unknown label matcher op ${JSON.stringify(op)}`, 'matchers');
    }
  });
  if (tests.length === 0) return () => true;
  return (name, labels) => tests.every((test) => test(name, labels));
}
