/**
 * @module One mode flag per call: the rule shared by `monitoring` and `security`.
 *
 * A command declares its modes (each with the options it accepts and requires) and the flags of
 * its options; {@link pickMode} finds the one mode given and refuses an option given to a mode it
 * does not belong to, naming the modes it does belong to.
 */
import { InvalidInputError } from '../protocol/errors.js';

export interface ModeSpec<O extends string = string> {
  flag: string;
  options?: readonly O[];
  required?: readonly O[];
}

/** "a, b or c" (with `word` "and": "a, b and c"). */
export function orList(items: readonly string[], word = 'or'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;
}

/** The flag of an option without its argument: `--for`. */
export function bareFlag(flag: string): string {
  return flag.split(' ')[0] as string;
}

/**
 * The one mode `options` ask for.
 *
 * @throws InvalidInputError when no mode or several are given, when an option does not belong to
 * the mode, or when the mode misses an option it needs.
 */
export function pickMode<M extends string, O extends string>(
  command: string,
  modes: Readonly<Record<M, ModeSpec<O>>>,
  optionFlags: Readonly<Record<O, string>>,
  options: Partial<Record<M | O, unknown>>,
  /** What to suggest when no mode is given (default: every mode flag). */
  suggestion?: string,
): M {
  const modeKeys = Object.keys(modes) as M[];
  const given = modeKeys.filter((mode) => options[mode] !== undefined);
  if (given.length === 0) {
    throw new InvalidInputError(`no action given: use ${suggestion ?? orList(modeKeys.map((m) => modes[m].flag))} (see clickup-brain ${command} --help)`);
  }
  if (given.length > 1) throw new InvalidInputError(`${orList(given.map((m) => modes[m].flag), 'and')} cannot be used together`);
  const mode = given[0] as M;
  const spec = modes[mode];
  for (const option of Object.keys(optionFlags) as O[]) {
    if (options[option] === undefined || spec.options?.includes(option) === true) continue;
    const owners = modeKeys.filter((m) => modes[m].options?.includes(option) === true).map((m) => modes[m].flag);
    throw new InvalidInputError(`${bareFlag(optionFlags[option])} does not apply to ${spec.flag}; it goes with ${orList(owners)}`);
  }
  for (const option of spec.required ?? []) {
    if (options[option] === undefined) throw new InvalidInputError(`${spec.flag} needs ${optionFlags[option]}`);
  }
  return mode;
}
