/**
 * @module The completion model: what each command offers (subcommands, options with their value
 * slots, positional arguments) and where each value comes from, read from a Commander tree.
 *
 * The shell scripts are rendered from this model only, so they follow the tree: a new option or
 * command appears in them the next time `npm run completions` runs.
 */
import type { Command, Option } from 'commander';

/** A dynamic kind answered by `clickup-brain __complete <kind>` (see kinds.ts). */
export type DynamicKind = string;

/** A source that needs no context. */
export type PlainSource =
  | { type: 'text' }
  | { type: 'choices'; values: readonly string[] }
  | { type: 'dynamic'; kind: DynamicKind }
  | { type: 'file' };

/** A source chosen by another option present earlier on the line (`--type` of `--add-check`). */
export interface WhenSource {
  type: 'when';
  cases: readonly { flag: string; source: PlainSource }[];
  otherwise: PlainSource;
}

/** Where the completions of one value come from. `text` offers nothing (free text). */
export type ValueSource = PlainSource | WhenSource;

/** How many values an option takes after its flag. */
export type Arity = 'none' | 'one' | 'two' | 'optional' | 'list';

export interface OptionSpec {
  /** Long flag (`--remove-rule`), or null for a short-only option. */
  long: string | null;
  short: string | null;
  description: string;
  arity: Arity;
  /** One source per value slot (a list repeats its single slot). */
  values: ValueSource[];
}

export interface ArgumentSpec {
  name: string;
  source: ValueSource;
}

export interface CommandSpec {
  name: string;
  /** Names from the root's first subcommand down (the root itself: []). */
  path: string[];
  description: string;
  /** Its own options; the root's options are global (valid at every level). */
  options: OptionSpec[];
  args: ArgumentSpec[];
  commands: CommandSpec[];
}

/**
 * Where values come from beyond what Commander knows (`argChoices`).
 *
 * Keys of `options` and `args` are a command path joined by spaces (`''` for the root,
 * `'daemon logs'`); option keys inside are long flags; one source per value slot.
 */
export interface Hints {
  options: Readonly<Record<string, Readonly<Record<string, readonly ValueSource[]>>>>;
  args: Readonly<Record<string, Readonly<Record<string, ValueSource>>>>;
  /** By placeholder name (`duration` of `<duration>`), for options without their own hint. */
  placeholders: Readonly<Record<string, ValueSource>>;
  /** `path|--flag` (or `path|<arg>`) keys of values that are free text on purpose. */
  freeText: ReadonlySet<string>;
}

export interface CompletionSpec {
  root: CommandSpec;
  /** `path|--flag` or `path|<arg>` of values with no hint and no choices: a test keeps it empty. */
  unmapped: string[];
}

const SAFE_WORD = /^[A-Za-z0-9_.:/@+,=*-]+$/;

/** The placeholders of a flags string (`--grant <username> <permission>` → two). */
function placeholders(flags: string): { name: string; optional: boolean; list: boolean }[] {
  return [...flags.matchAll(/([<[])([^>\]]+)[>\]]/g)].map((m) => {
    const inner = m[2] as string;
    const list = inner.endsWith('...');
    return { name: list ? inner.slice(0, -3) : inner, optional: m[1] === '[', list };
  });
}

function arityOf(option: Option, count: number, list: boolean): Arity {
  if (count === 0) return 'none';
  if (option.optional) return 'optional';
  if (list) return 'list';
  if (count === 2) return 'two';
  if (count === 1) return 'one';
  throw new TypeError(`option ${option.flags}: ${count} values are not supported`);
}

function checkWords(values: readonly string[], where: string): readonly string[] {
  for (const value of values) {
    if (!SAFE_WORD.test(value))
      throw new TypeError(`choice '${value}' of ${where} has characters the scripts do not quote`);
  }
  return values;
}

function checkSource(source: ValueSource, where: string): ValueSource {
  if (source.type === 'choices') checkWords(source.values, where);
  if (source.type === 'dynamic' && !/^[a-z][a-z-]*$/.test(source.kind))
    throw new TypeError(
      `dynamic kind '${source.kind}' of ${where} must be lowercase letters and dashes`,
    );
  if (source.type === 'when') {
    for (const c of source.cases) checkSource(c.source, where);
    checkSource(source.otherwise, where);
  }
  return source;
}

/** Builds the model of `program` (the root) and every visible command below it. */
export function completionSpec(program: Command, hints: Hints): CompletionSpec {
  const unmapped: string[] = [];

  const valueSource = (
    key: string,
    hint: ValueSource | undefined,
    choices: readonly string[] | undefined,
    placeholder: string,
  ): ValueSource => {
    if (hint !== undefined) return checkSource(hint, key);
    if (choices !== undefined) return { type: 'choices', values: checkWords(choices, key) };
    const byName = hints.placeholders[placeholder];
    if (byName !== undefined) return checkSource(byName, key);
    if (!hints.freeText.has(key)) unmapped.push(key);
    return { type: 'text' };
  };

  const walk = (command: Command, path: string[], siblings: string[]): CommandSpec => {
    const help = command.createHelp();
    const at = path.join(' ');
    const optionHints = hints.options[at] ?? {};
    const options = help.visibleOptions(command).map((option): OptionSpec => {
      const slots = placeholders(option.flags);
      const flag = option.long ?? option.short ?? option.flags;
      const slotHints = optionHints[flag];
      const values = slots.map((slot, i) =>
        valueSource(`${at}|${flag}`, slotHints?.[i], option.argChoices, slot.name),
      );
      return {
        long: option.long ?? null,
        short: option.short ?? null,
        description: option.description,
        arity: arityOf(
          option,
          slots.length,
          slots.some((s) => s.list),
        ),
        values,
      };
    });
    const subs = help.visibleCommands(command);
    const names = subs.map((c) => c.name());
    const argHints = hints.args[at] ?? {};
    const args = command.registeredArguments.map((arg): ArgumentSpec => {
      // Commander's implicit `help [command]` takes the name of a sibling command.
      const implicit = command.name() === 'help' && arg.name() === 'command';
      const source: ValueSource = implicit
        ? { type: 'choices', values: siblings.filter((n) => n !== 'help') }
        : valueSource(`${at}|<${arg.name()}>`, argHints[arg.name()], arg.argChoices, arg.name());
      return { name: arg.name(), source };
    });
    return {
      name: command.name(),
      path,
      description: command.description(),
      options,
      args,
      commands: subs.map((sub) => walk(sub, [...path, sub.name()], names)),
    };
  };

  return { root: walk(program, [], []), unmapped };
}

/** Every command of the tree, the root first. */
export function allCommands(root: CommandSpec): CommandSpec[] {
  return [root, ...root.commands.flatMap(allCommands)];
}

/** The long flags (and short-only ones) of a command, for listing. */
export function flagName(option: OptionSpec): string {
  return option.long ?? (option.short as string);
}
