/**
 * @module Silences: label matchers with a start, an end, a comment and a creator.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';
import type { SilenceInfo } from '../../../src/protocol/schemas.js';
import { anchoredRegex, compileMatchers, type SeriesPredicate } from '../history/matchers.js';
import type { LabelMatcher, Labels } from '../types.js';

const matcherPattern = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|(.*?))\s*$/;

/**
 * Parses `name=value`, `name!=value`, `name=~regex`, `name!~regex` (value optionally quoted).
 *
 * @throws InvalidInputError naming the matcher.
 */
export function parseMatcher(text: string): LabelMatcher {
  const match = matcherPattern.exec(text);
  if (match === null) throw new InvalidInputError(`'${text}' is not a label matcher; write name=value, name!=value, name=~regex or name!~regex`, 'matchers');
  const value = match[3] !== undefined ? match[3].replace(/\\(.)/g, '$1') : (match[4] ?? '');
  const op = match[2] as LabelMatcher['op'];
  if (op === '=~' || op === '!~') {
    try {
      anchoredRegex(value);
    } catch (error) {
      throw new InvalidInputError(`'${text}': ${(error as Error).message}`, 'matchers');
    }
  }
  return { name: match[1] as string, op, value };
}

const compiled = new Map<string, SeriesPredicate>();

/** The predicate of a silence's matchers, compiled once. */
function predicateOf(silence: SilenceInfo): SeriesPredicate {
  let predicate = compiled.get(silence.id);
  if (predicate === undefined) {
    predicate = compileMatchers(silence.matchers.map(parseMatcher));
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(silence.id, predicate);
  }
  return predicate;
}

/** The silence that mutes `labels` at `now`, or null. */
export function activeSilence(silences: readonly SilenceInfo[], labels: Labels, now: number): SilenceInfo | null {
  for (const silence of silences) {
    if (Date.parse(silence.startsAt) <= now && now < Date.parse(silence.endsAt) && predicateOf(silence)('', labels)) return silence;
  }
  return null;
}
